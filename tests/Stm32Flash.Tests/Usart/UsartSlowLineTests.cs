using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// At 9600 baud a 256-byte block takes 293 ms on the wire, twice the answer timeout these tests use: every wait of the host
    /// must add the wire time of what goes out and comes back, or a healthy slow line would time out.
    /// </summary>
    public class UsartSlowLineTests
    {
        private const int Baud = 9600;

        private static ServedDevice SlowDevice() => new ServedDevice(DeviceCatalog.Get("STM32G474"),
            deviceEnd: link => new PacedLink(link, Baud),
            hostEnd: link => new LatencyTimerLink(link, TimeSpan.FromMilliseconds(16), Baud / 11));

        private static byte[] Pattern(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + 1)).ToArray();

        [Fact]
        public void Full_blocks_are_written_and_read_back_and_the_checksum_of_a_mebibyte_waits_long_enough()
        {
            using var served = SlowDevice();
            var host = served.Bootloader();
            host.Synchronize();
            var data = Pattern(256);
            host.WriteMemory(0x08000000, data);
            var back = new byte[256];
            host.ReadMemory(0x08000000, back);
            Assert.Equal(data, back);
            var (_, commands) = host.Get();
            Assert.Contains(UsartCodes.GetChecksum, commands);
            Assert.Equal(global::Stm32Flash.Checksums.Crc32Mpeg2.OfWords(data), host.GetChecksum(0x08000000, 256));
        }

        [Fact]
        public void A_device_left_halfway_through_a_data_block_is_resynchronised_over_the_slow_line()
        {
            using var served = SlowDevice();
            var host = served.Bootloader();
            host.Synchronize();
            served.Line.Write(UsartFrame.Command(UsartCodes.WriteMemory));
            served.Line.Write(UsartFrame.Word(0x08000000));
            served.Line.Write(new byte[] { 0xFF, 1, 2, 3, 4, 5, 6 });
            System.Threading.Thread.Sleep(400);
            Assert.True(host.Resynchronize());
            var data = Pattern(256);
            host.WriteMemory(0x08000800, data);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x800, 256).ToArray());
        }

        [Fact]
        public void A_write_memory_whose_ack_went_missing_is_aborted_over_the_slow_line()
        {
            using var served = SlowDevice();
            var host = served.Bootloader();
            host.Synchronize();
            // The device took the command and the address and waits for the block.
            served.Line.Write(UsartFrame.Command(UsartCodes.WriteMemory));
            served.Line.Write(UsartFrame.Word(0x08000000));
            System.Threading.Thread.Sleep(300);
            Assert.True(host.AbortWriteMemory());
            Assert.False(served.Simulation.IsProgrammed(0x08000000));
            host.WriteMemory(0x08000000, Pattern(8));
            Assert.True(served.Simulation.IsProgrammed(0x08000000));
        }
    }
}
