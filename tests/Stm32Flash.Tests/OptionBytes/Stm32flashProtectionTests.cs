using System;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;
using ExternalTool = Stm32Flash.Tests.Usart.Infrastructure.ExternalTool;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>
    /// stm32flash 0.7 and the module take turns on a simulated STM32G474 served on a pseudo-terminal: each sees the protection
    /// and the option bytes the other set (-j readout protect, -k readout unprotect and mass erase, -u write unprotect, and
    /// reads and writes of the option-byte area).
    /// </summary>
    public sealed class Stm32flashProtectionTests : IDisposable
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
        private readonly SocatPair _pty = new SocatPair();
        private readonly UsartSimulator _simulator;
        private readonly PsSession _ps = new PsSession();

        public Stm32flashProtectionTests()
        {
            _simulator = UsartSimulator.Start(DeviceCatalog.Get("STM32G474"), new SerialLinkSettings(_pty.DeviceEnd, 115200, SerialParity.None));
        }

        // The module connects, runs the script, and lets go of the line for stm32flash.
        private PsResult Module(string script) =>
            _ps.Run("$board = Connect-Stm32 -Port $args[0] -Parity None; try { " + script + " } finally { Disconnect-Stm32 -Session $board }", _pty.HostEnd);

        private ExternalTool.Result Stm32flash(string arguments) =>
            ExternalTool.Run("stm32flash", $"-m 8n1 -b 115200 {arguments} {_pty.HostEnd}", Limit);

        private string Image(int length)
        {
            var file = _pty.PathOf("image.bin");
            File.WriteAllBytes(file, Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray());
            return file;
        }

        [Fact]
        public void The_module_sees_stm32flash_j_as_refused_reads_and_lifts_it_erasing_flash()
        {
            Assert.Equal(0, Stm32flash($"-w {Image(4096)}").ExitCode);
            var protect = Stm32flash("-j");
            Assert.True(protect.ExitCode == 0, protect.Text);
            Assert.Equal("level 1: flash closed to debug and bootloader",
                OptionByteDecoder.Decode(_simulator.Device, _simulator.Simulation.OptionBytes).Single(f => f.Name == "RDP").Meaning);

            var refused = Module("Get-Stm32OptionByte");
            Assert.Equal("ReadoutProtected,Stm32Flash.Commands.GetStm32OptionByteCommand", Assert.Single(refused.Errors).FullyQualifiedErrorId);
            var lifted = Module("Unprotect-Stm32 -Readout -Confirm:$false; (Get-Stm32OptionByte RDP).Value; (Read-Stm32Memory -Address 0x08000000 -Length 4).Data").AssertNoErrors();
            Assert.Equal(new object[] { 0xAAu, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF }, lifted.Output.Select(o => o.BaseObject));
            Assert.Empty(_simulator.Simulation.ExportFlash());
        }

        [Fact]
        public void Stm32flash_is_refused_reads_after_the_modules_readout_protection_and_k_erases_and_lifts_it()
        {
            Assert.Equal(0, Stm32flash($"-w {Image(4096)}").ExitCode);
            Module("Protect-Stm32 -Readout -Confirm:$false").AssertNoErrors();
            var read = Stm32flash($"-r {_pty.PathOf("back.bin")} -S 0x08000000:16");
            Assert.NotEqual(0, read.ExitCode);
            Assert.Contains("Failed to read memory at address 0x08000000", read.Output + read.Error);
            var unprotect = Stm32flash("-k");
            Assert.True(unprotect.ExitCode == 0, unprotect.Text);
            var after = Module("(Get-Stm32OptionByte RDP).Meaning").AssertNoErrors();
            Assert.Equal("level 0: open", after.Output.Single().ToString());
            Assert.Empty(_simulator.Simulation.ExportFlash());
        }

        [Fact]
        public void Stm32flash_u_lifts_the_write_protection_the_module_set()
        {
            Module("Protect-Stm32 -Page 3, 4 -Confirm:$false").AssertNoErrors();
            Assert.Equal(new[] { 3, 4 }, _simulator.Simulation.WriteProtectedPages.OrderBy(n => n));
            var unprotect = Stm32flash("-u");
            Assert.True(unprotect.ExitCode == 0, unprotect.Text);
            var after = Module("(Get-Stm32OptionByte WRP1A_STRT).Meaning").AssertNoErrors();
            Assert.Equal("area 1A empty (start after end)", after.Output.Single().ToString());
            Assert.Empty(_simulator.Simulation.WriteProtectedPages);
        }

        [Fact]
        public void Each_reads_the_option_bytes_the_other_wrote()
        {
            Module("Set-Stm32OptionByte -Name BOR_LEV -Value 2 -Confirm:$false").AssertNoErrors();
            var words = _pty.PathOf("options.bin");
            var read = Stm32flash($"-r {words} -S 0x1FFF7800:4");
            Assert.True(read.ExitCode == 0, read.Text);
            var optr = BitConverter.ToUInt32(File.ReadAllBytes(words), 0);
            Assert.Equal(2u, (optr >> 8) & 7);

            File.WriteAllBytes(words, BitConverter.GetBytes((optr & ~0x700u) | 0x400u));
            var write = Stm32flash($"-e 0 -w {words} -S 0x1FFF7800");
            Assert.True(write.ExitCode == 0, write.Text);
            var after = Module("Get-Stm32OptionByte BOR_LEV").AssertNoErrors().Single<OptionByte>();
            Assert.Equal((4u, "brown-out reset below about 2.8 V"), (after.Value, after.Meaning));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _simulator.Dispose();
            _pty.Dispose();
        }
    }
}
