using System.Collections.Generic;
using System;
using System.Diagnostics;
using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// Requests the protocol cannot carry are refused by the host before a byte goes out (a frame the device would read
    /// differently, such as page 256 in a one-byte page list, must never be sent), and the limits themselves go through.
    /// </summary>
    public class UsartRequestLimitsTests
    {
        private static void AssertRefusedUnsent<TException>(ServedDevice served, Action request, string text) where TException : Exception
        {
            var sent = served.Line.Written.Count;
            var ex = Assert.Throws<TException>(request);
            Assert.Contains(text, ex.Message);
            Assert.Equal(sent, served.Line.Written.Count);
        }

        [Fact]
        public void Transfers_move_1_to_256_bytes()
        {
            using var served = new ServedDevice("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ReadMemory(0x08000000, new byte[257]), "1 to 256 bytes at a time; 257 bytes at 0x08000000");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ReadMemory(0x08000000, Span<byte>.Empty), "0 bytes");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.WriteMemory(0x08000000, new byte[260]), "260 bytes");
            var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
            host.WriteMemory(0x08000000, data);
            var back = new byte[256];
            host.ReadMemory(0x08000000, back);
            Assert.Equal(data, back);
            var one = new byte[1];
            host.ReadMemory(0x080000FF, one);
            Assert.Equal(0xFF, one[0]);
        }

        [Fact]
        public void The_legacy_erase_takes_1_to_255_pages_numbered_up_to_255()
        {
            using var served = new ServedDevice("STM32F103x8", new SimulatorOptions());
            var host = served.Bootloader();
            host.Synchronize();
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.Erase(Array.Empty<int>(), 0), "1 to 255 pages");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.Erase(Enumerable.Range(0, 256).ToList(), 0), "1 to 255 pages");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.Erase(new[] { 256 }, 0), "256 is out of reach");
            host.WriteMemory(0x08000000, new byte[] { 1, 2, 3, 4 });
            host.Erase(Enumerable.Range(0, 64).ToList(), 64 * 1024);
            Assert.False(served.Simulation.IsProgrammed(0x08000000));
        }

        [Fact]
        public void The_extended_erase_takes_page_numbers_of_two_bytes_and_only_the_special_codes_above_0xFFF0()
        {
            using var served = new ServedDevice("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ExtendedErase(Array.Empty<int>(), 0), "1 to 65520 pages");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ExtendedErase(new[] { 0x10000 }, 0), "does not fit in two bytes");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ExtendedErase(new[] { -1 }, 0), "does not fit in two bytes");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.ExtendedErase(0xFFEF), "0xFFF0..0xFFFF");
            host.WriteMemory(0x08040000, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            host.ExtendedErase(UsartCodes.MassEraseCode);
            Assert.False(served.Simulation.IsProgrammed(0x08040000));
        }

        [Fact]
        public void Write_protect_takes_1_to_256_sectors_numbered_up_to_255()
        {
            using var served = new ServedDevice("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.WriteProtect(Array.Empty<int>()), "1 to 256 sectors");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.WriteProtect(Enumerable.Range(0, 257).ToList()), "1 to 256 sectors");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.WriteProtect(new[] { 256 }), "256 is out of reach");
            AssertRefusedUnsent<ArgumentOutOfRangeException>(served, () => host.WriteProtect(new[] { -1 }), "-1 is out of reach");
        }

        private static byte[] Framed(params byte[] bytes) => bytes.Concat(new[] { bytes.Aggregate((byte)0, (x, b) => (byte)(x ^ b)) }).ToArray();

        // The frame the host sends for a request at a limit, whatever the simulated product makes of the page numbers.
        private static void AssertSentAtLimit(ServedDevice served, Action request, byte[] frame)
        {
            var sent = served.Line.Written.Count;
            try
            {
                request();
            }
            catch (UsartTransactionException)
            {
            }
            Assert.Contains(served.Line.Written.Skip(sent), w => w.SequenceEqual(frame));
        }

        [Fact]
        public void Requests_at_the_limits_go_out_as_the_protocol_numbers_them()
        {
            using var legacy = new ServedDevice("STM32F103x8", new SimulatorOptions());
            var host = legacy.Bootloader();
            host.Synchronize();
            var pages255 = Enumerable.Range(1, 255).ToList();
            AssertSentAtLimit(legacy, () => host.Erase(pages255, 0), Framed(new[] { (byte)254 }.Concat(pages255.Select(p => (byte)p)).ToArray()));
            host.Synchronize();
            AssertSentAtLimit(legacy, () => host.Erase(new[] { 0 }, 0), Framed(0x00, 0x00));

            using var served = new ServedDevice("STM32G474");
            host = served.Bootloader();
            host.Synchronize();
            var pages257 = Enumerable.Range(0, 256).Append(0x0102).ToList();
            var extended = new List<byte> { 0x01, 0x00 };
            foreach (var p in pages257) extended.AddRange(new[] { (byte)(p >> 8), (byte)p });
            AssertSentAtLimit(served, () => host.ExtendedErase(pages257, 0), Framed(extended.ToArray()));
            host.Synchronize();
            AssertSentAtLimit(served, () => host.ExtendedErase(new[] { 0xFFFF }, 0), Framed(0x00, 0x00, 0xFF, 0xFF));
            host.Synchronize();
            AssertSentAtLimit(served, () => host.ExtendedErase(0xFFF0), new byte[] { 0xFF, 0xF0, 0x0F });
            host.Synchronize();
            var sectors256 = Enumerable.Range(0, 256).ToList();
            AssertSentAtLimit(served, () => host.WriteProtect(sectors256), Framed(new[] { (byte)255 }.Concat(sectors256.Select(p => (byte)p)).ToArray()));
        }

        [Theory]
        [InlineData(0x08000002u, 4)]
        [InlineData(0x08000000u, 6)]
        [InlineData(0x08000000u, 0)]
        public void Get_checksum_takes_whole_words_at_a_word_aligned_address(uint address, int length)
        {
            using var served = new ServedDevice("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            AssertRefusedUnsent<ArgumentException>(served, () => host.GetChecksum(address, length), $"got {length} bytes at 0x{address:X8}");
        }

        [Fact]
        public void Resynchronisation_keeps_trying_for_its_time_and_then_gives_up()
        {
            // Nobody reads the other end of the line: a device that never answers.
            var (hostEnd, silentEnd) = DuplexPipe.Create();
            using var silent = silentEnd;
            var options = ServedDevice.FastOptions();
            options.ResyncTimeout = TimeSpan.FromMilliseconds(1500);
            using var host = new UsartBootloader(new StreamLink(hostEnd, "host"), options);
            var watch = Stopwatch.StartNew();
            Assert.False(host.Resynchronize());
            Assert.True(watch.Elapsed >= options.ResyncTimeout, $"gave up after {watch.ElapsedMilliseconds} ms");
            Assert.Throws<ArgumentException>(() => new UsartBootloader(new StreamLink(DuplexPipe.Create().A, "host"), new UsartOptions { ResyncTimeout = TimeSpan.FromSeconds(-1) }));
        }
    }
}
