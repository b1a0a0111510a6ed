using System;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// stm32flash 0.7 (the Debian package), a real client, against the simulator served on one end of a socat pseudo-terminal
    /// pair (8N1: Linux pseudo-terminals carry no parity bit). The simulated flash must equal what stm32flash wrote.
    /// </summary>
    public class Stm32FlashClientTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Theory]
        [InlineData("STM32F405", 0x08004000u, 16 * 1024)]
        [InlineData("STM32G474", 0x08000800u, 2 * 1024)]
        public void Stm32flash_writes_verifies_reads_erases_and_starts_the_served_simulator(string name, uint pageAddress, int pageSize)
        {
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(DeviceCatalog.Get(name), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var image = new byte[40 * 1024];
            new Random(name.GetHashCode()).NextBytes(image);
            var file = pty.PathOf("image.bin");
            File.WriteAllBytes(file, image);

            var write = Stm32flash($"-w {file} -v {pty.HostEnd}");
            Assert.True(write.ExitCode == 0, write.Text);
            Assert.Contains($"Device ID    : 0x0{simulator.Device.ProductId:x3}", write.Output);
            Assert.Contains("Wrote and verified address", write.Output);
            Assert.Equal(image, simulator.Simulation.FlashSnapshot().AsSpan(0, image.Length).ToArray());

            var back = pty.PathOf("back.bin");
            var read = Stm32flash($"-r {back} -S 0x08000000:{image.Length} {pty.HostEnd}");
            Assert.True(read.ExitCode == 0, read.Text);
            Assert.Equal(image, File.ReadAllBytes(back));

            // Erase one page (a sector on the F4): it reads erased, the rest is untouched.
            var erasePage = Stm32flash($"-S 0x{pageAddress:X8}:{pageSize} -o {pty.HostEnd}");
            Assert.True(erasePage.ExitCode == 0, erasePage.Text);
            var flash = simulator.Simulation.FlashSnapshot();
            var offset = (int)(pageAddress - 0x08000000);
            Assert.All(flash.Skip(offset).Take(pageSize), b => Assert.Equal(0xFF, b));
            Assert.Equal(image.Take(offset), flash.Take(offset));
            Assert.Equal(image.Skip(offset + pageSize), flash.Skip(offset + pageSize).Take(image.Length - offset - pageSize));

            var massErase = Stm32flash($"-o {pty.HostEnd}");
            Assert.True(massErase.ExitCode == 0, massErase.Text);
            Assert.Empty(simulator.Simulation.ExportFlash());
            Assert.All(simulator.Simulation.FlashSnapshot(), b => Assert.Equal(0xFF, b));

            var go = Stm32flash($"-g 0x08000000 {pty.HostEnd}");
            Assert.True(go.ExitCode == 0, go.Text);
            Assert.Equal(0x08000000u, simulator.Simulation.RunningFrom);
            Assert.Null(simulator.Failure);
        }

        [Fact]
        public void Stm32flash_gets_nack_where_the_simulated_flash_refuses()
        {
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(DeviceCatalog.Get("STM32G474"), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var file = pty.PathOf("image.bin");
            File.WriteAllBytes(file, Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray());
            Assert.Equal(0, Stm32flash($"-w {file} {pty.HostEnd}").ExitCode);
            // Writing again without erasing (-e 0) programs units twice: the device NACKs the first block.
            var again = Stm32flash($"-e 0 -w {file} {pty.HostEnd}");
            Assert.NotEqual(0, again.ExitCode);
            Assert.Contains("Failed to write memory at address 0x08000000", again.Output + again.Error);
            Assert.True(simulator.Statistics.Nacks > 0);
        }

        [Fact]
        public void Stm32flash_computes_the_same_crc_as_Crc32Mpeg2_from_a_read_back()
        {
            // The F405's bootloader lists no Get Checksum (0xA1), so stm32flash -C reads the range back and computes the CRC
            // itself: an implementation independent of Crc32Mpeg2, which the simulator's Get Checksum uses.
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(DeviceCatalog.Get("STM32F405"), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var image = new byte[3 * 1024 + 4];
            new Random(405).NextBytes(image);
            var file = pty.PathOf("crc.bin");
            File.WriteAllBytes(file, image);
            Assert.Equal(0, Stm32flash($"-w {file} {pty.HostEnd}").ExitCode);

            foreach (var length in new[] { image.Length, 4, 1024 })
            {
                var crc = Stm32flash($"-C -S 0x08000000:{length} {pty.HostEnd}");
                Assert.True(crc.ExitCode == 0, crc.Text);
                var m = System.Text.RegularExpressions.Regex.Match(crc.Output + crc.Error, @"CRC\(0x08000000-0x([0-9a-f]{8})\) = 0x([0-9a-f]{8})");
                Assert.True(m.Success, crc.Text);
                Assert.Equal(0x08000000u + (uint)length, Convert.ToUInt32(m.Groups[1].Value, 16));
                Assert.Equal(Convert.ToUInt32(m.Groups[2].Value, 16), Stm32Flash.Checksums.Crc32Mpeg2.OfWords(image.AsSpan(0, length).ToArray()));
            }
            Assert.Equal("Read Memory", simulator.Statistics.LastCommand);
        }

        private static ExternalTool.Result Stm32flash(string arguments) =>
            ExternalTool.Run("stm32flash", "-m 8n1 -b 115200 " + arguments, Limit);
    }
}
