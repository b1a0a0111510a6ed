using System;
using System.Diagnostics;
using System.Linq;
using Stm32Flash.Checksums;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Simulation
{
    public class SimulatedTargetTests
    {
        private static SimulatedTarget L552(SimulatorOptions? options = null) => new SimulatedTarget(DeviceCatalog.Get("STM32L552"), options);

        [Theory]
        [InlineData(new int[0], "")]
        [InlineData(new[] { 3 }, "3")]
        [InlineData(new[] { 2, 1 }, "1, 2")]
        [InlineData(new[] { 5, 1, 2, 3, 3, 9, 10, 11, 12 }, "1..3, 5, 9..12")]
        public void Number_lists_are_sorted_with_runs_of_three_or_more_shortened(int[] numbers, string expected) =>
            Assert.Equal(expected, NumberRuns.Describe(numbers));

        [Fact]
        public void The_erase_trace_lists_the_pages_erased_as_runs()
        {
            using var target = L552();
            var lines = new System.Collections.Generic.List<string>();
            target.Log = (_, text) => lines.Add(text);
            target.ErasePages(new[] { 32, 0, 16, 255, 1, 2 });
            Assert.EndsWith("erased pages 0..2, 16, 32, 255", Assert.Single(lines));
        }

        private static byte[] Bytes(int n, int seed = 1)
        {
            var b = new byte[n];
            new Random(seed).NextBytes(b);
            return b;
        }

        [Fact]
        public void Whole_units_program_and_read_back()
        {
            using var t = L552();
            var data = Bytes(256);
            t.Write(0x08000100, data);
            var back = new byte[256];
            t.Read(0x08000100, back);
            Assert.Equal(data, back);
            Assert.True(t.Simulation.IsProgrammed(0x08000100));
            Assert.False(t.Simulation.IsProgrammed(0x08000200));
        }

        [Fact]
        public void A_unit_programmed_twice_is_a_FlashRule_error_naming_the_unit_even_with_FF()
        {
            using var t = L552();
            t.Write(0x08000000, Bytes(16));
            var ff = Enumerable.Repeat((byte)0xFF, 8).ToArray();
            var ex = Assert.Throws<TargetException>(() => t.Write(0x08000008, ff));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Equal(0x08000008u, ex.Address);
            Assert.Contains("0x08000008..0x08000010", ex.Message);
            Assert.Contains("already programmed", ex.Message);
            Assert.Equal("NACK (0x1F)", ex.DeviceReply);
        }

        [Fact]
        public void Two_separately_padded_segments_sharing_a_double_word_fail_on_the_second()
        {
            // What a tool that pads each segment on its own does with the forum image's segments 1 and 2 (one write each).
            using var t = L552(new SimulatorOptions { Interface = TargetInterface.Swd });
            t.ErasePages(new[] { 0 });
            var first = Bytes(0x1F8);
            t.Write(0x08000000, first);
            var ex = Assert.Throws<TargetException>(() => t.Write(0x080001F0, Bytes(0x310, 2)));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Equal(0x080001F0u, ex.Address);
        }

        [Fact]
        public void Erasing_a_page_allows_programming_it_again()
        {
            using var t = L552();
            t.Write(0x08000800, Bytes(8));
            t.ErasePages(new[] { 1 });
            Assert.False(t.Simulation.IsProgrammed(0x08000800));
            var again = Bytes(8, 3);
            t.Write(0x08000800, again);
            var back = new byte[8];
            t.Read(0x08000800, back);
            Assert.Equal(again, back);
        }

        [Theory]
        [InlineData(0x08000004u, 8)]
        [InlineData(0x08000000u, 12)]
        public void Strict_refuses_a_partial_unit_and_says_what_a_real_device_does(uint address, int length)
        {
            using var t = L552();
            var ex = Assert.Throws<TargetException>(() => t.Write(address, Bytes(length)));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Contains("whole, aligned 8-byte units", ex.Message);
            Assert.Contains("real device", ex.Message);
            Assert.Contains("-Pad 8", ex.LikelyCause);
        }

        [Fact]
        public void Lenient_acknowledges_a_partial_unit_programs_nothing_there_and_the_next_write_fails()
        {
            using var t = L552(new SimulatorOptions { Strict = false });
            var data = Bytes(12);
            t.Write(0x08000000, data);
            var back = new byte[16];
            t.Read(0x08000000, back);
            Assert.Equal(data.Take(8), back.Take(8));
            Assert.All(back.Skip(8), b => Assert.Equal(0xFF, b));
            var ex = Assert.Throws<TargetException>(() => t.Write(0x08000008, Bytes(8)));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
        }

        [Fact]
        public void Transfers_over_the_interface_limit_are_refused()
        {
            using var t = L552();
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.Write(0x20008000, new byte[264])).Kind);
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[257])).Kind);
            using var swd = L552(new SimulatorOptions { Interface = TargetInterface.Swd });
            swd.Write(0x08000000, new byte[4096]);
        }

        [Fact]
        public void Bootloader_RAM_and_unmapped_addresses_are_refused_RAM_above_works()
        {
            using var t = L552();
            var ex = Assert.Throws<TargetException>(() => t.Write(0x20003FF0, Bytes(32)));
            Assert.Equal(TargetErrorKind.AddressRefused, ex.Kind);
            Assert.Contains("bootloader", ex.Message);
            Assert.Equal(TargetErrorKind.AddressRefused, Assert.Throws<TargetException>(() => t.Write(0x30000000, Bytes(8))).Kind);
            Assert.Equal(TargetErrorKind.AddressRefused, Assert.Throws<TargetException>(() => t.Read(0x0807FFF0, new byte[32])).Kind);
            var data = Bytes(36);
            t.Write(0x20004000, data);
            var back = new byte[36];
            t.Read(0x20004000, back);
            Assert.Equal(data, back);
        }

        [Theory]
        [InlineData("STM32F103x8", TargetInterface.Usart, 0x08000002u, 2, TargetErrorKind.FlashRule)]
        [InlineData("STM32F103x8", TargetInterface.Usart, 0x08000004u, 6, TargetErrorKind.FlashRule)]
        [InlineData("STM32F405", TargetInterface.Usart, 0x08000001u, 3, TargetErrorKind.FlashRule)]
        [InlineData("STM32F405", TargetInterface.Can, 0x08000002u, 4, TargetErrorKind.FlashRule)]
        [InlineData("STM32L552", TargetInterface.I2c, 0x08000000u, 10, TargetErrorKind.FlashRule)]
        [InlineData("STM32L552", TargetInterface.Spi, 0x20004001u, 4, TargetErrorKind.Refused)]
        [InlineData("STM32F103x8", TargetInterface.Usart, 0x20001001u, 3, TargetErrorKind.Refused)]
        public void Serial_bootloaders_refuse_writes_that_are_not_whole_aligned_words_and_write_nothing(
            string device, TargetInterface iface, uint address, int length, TargetErrorKind kind)
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get(device), new SimulatorOptions { Interface = iface });
            var before = new byte[8];
            t.Read(address & ~3u, before);
            var ex = Assert.Throws<TargetException>(() => t.Write(address, Bytes(length)));
            Assert.Equal(kind, ex.Kind);
            Assert.Equal("NACK (0x1F)", ex.DeviceReply);
            Assert.Equal(address, ex.Address);
            Assert.Contains($"The {iface} bootloader takes Write Memory only as whole 32-bit words", ex.Message);
            Assert.Contains("a real bootloader answers NACK (0x1F) to the data block and writes nothing", ex.Message);
            var after = new byte[8];
            t.Read(address & ~3u, after);
            Assert.Equal(before, after);
            if (kind == TargetErrorKind.FlashRule)
            {
                Assert.False(t.Simulation.IsProgrammed(address & ~3u));
                Assert.Contains("-Pad", ex.LikelyCause);
            }
        }

        [Theory]
        [InlineData(TargetInterface.Swd)]
        [InlineData(TargetInterface.Jtag)]
        public void The_debug_port_keeps_only_the_flash_rules(TargetInterface iface)
        {
            using var f1 = new SimulatedTarget(DeviceCatalog.Get("STM32F103x8"), new SimulatorOptions { Interface = iface });
            f1.Write(0x08000002, new byte[] { 1, 2 });
            f1.Write(0x20001001, new byte[] { 3, 4, 5 });
            var back = new byte[8];
            f1.Read(0x08000000, back);
            Assert.Equal(new byte[] { 0xFF, 0xFF, 1, 2, 0xFF, 0xFF, 0xFF, 0xFF }, back);
            Assert.Equal(TargetErrorKind.FlashRule, Assert.Throws<TargetException>(() => f1.Write(0x08000005, new byte[] { 1, 2 })).Kind);
            using var f4 = new SimulatedTarget(DeviceCatalog.Get("STM32F405"), new SimulatorOptions { Interface = iface });
            f4.Write(0x08000001, new byte[] { 1, 2, 3 });
        }

        [Fact]
        public void An_injected_NACK_says_what_commonly_causes_one_at_that_stage()
        {
            using var t = L552(new SimulatorOptions { Retries = 0 }.WithFault(1, FaultKind.Nack).WithFault(2, FaultKind.Nack).WithFault(3, FaultKind.Nack));
            var write = Assert.Throws<TargetException>(() => t.Write(0x08000000, Bytes(8)));
            Assert.Contains("not erased", write.LikelyCause);
            Assert.Contains("whole 32-bit words", write.LikelyCause);
            var erase = Assert.Throws<TargetException>(() => t.ErasePages(new[] { 0 }));
            Assert.Contains("write-protected page", erase.LikelyCause);
            var read = Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4]));
            Assert.Contains("readout protection", read.LikelyCause);
            Assert.DoesNotContain("see its reply", write.LikelyCause + erase.LikelyCause + read.LikelyCause);
        }

        [Fact]
        public void Protection_errors_name_tools_that_remove_it()
        {
            using var t = L552(new SimulatorOptions { Interface = TargetInterface.Swd });
            t.WriteProtect(new[] { 2 });
            var wrp = Assert.Throws<TargetException>(() => t.ErasePages(new[] { 2 }));
            Assert.Contains("stm32flash -u", wrp.LikelyCause);
            Assert.Contains("-ob", wrp.LikelyCause);
            Assert.Contains("ITarget.WriteUnprotect()", wrp.LikelyCause);
            t.ReadoutProtect();
            var rdp = Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4]));
            Assert.Contains("-rdu", rdp.LikelyCause);
            Assert.Contains("stm32flash -k", rdp.LikelyCause);
            Assert.Contains("ITarget.ReadoutUnprotect()", rdp.LikelyCause);
        }

        [Fact]
        public void Readout_protection_refuses_flash_access_and_unprotect_mass_erases()
        {
            using var t = L552();
            t.Write(0x08000000, Bytes(64));
            t.ReadoutProtect();
            Assert.Equal(1, t.Simulation.ReadoutProtectionLevel);
            Assert.Equal(TargetErrorKind.ReadoutProtected, Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4])).Kind);
            Assert.Equal(TargetErrorKind.ReadoutProtected, Assert.Throws<TargetException>(() => t.ErasePages(new[] { 0 })).Kind);
            Assert.Equal(TargetErrorKind.ReadoutProtected, Assert.Throws<TargetException>(() => t.Write(0x08000800, Bytes(8))).Kind);
            t.ReadoutUnprotect();
            var back = new byte[64];
            t.Read(0x08000000, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
            Assert.Empty(t.ExportFlash());
        }

        [Fact]
        public void Write_protection_refuses_erase_and_strict_reports_the_silent_write()
        {
            using var t = L552();
            t.WriteProtect(new[] { 2 });
            Assert.Equal(TargetErrorKind.WriteProtected, Assert.Throws<TargetException>(() => t.ErasePages(new[] { 1, 2 })).Kind);
            var ex = Assert.Throws<TargetException>(() => t.Write(0x08001000, Bytes(8)));
            Assert.Equal(TargetErrorKind.WriteProtected, ex.Kind);
            Assert.Contains("acknowledges", ex.Message);

            using var lenient = L552(new SimulatorOptions { Strict = false });
            lenient.WriteProtect(new[] { 2 });
            lenient.Write(0x08001000, Bytes(8));
            var back = new byte[8];
            lenient.Read(0x08001000, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
        }

        [Fact]
        public void Checksum_is_the_crc_of_memory_words_and_needs_whole_words()
        {
            using var t = L552();
            var data = Bytes(64);
            t.Write(0x08000000, data);
            Assert.Equal(Crc32Mpeg2.OfWords(data), t.Checksum(0x08000000, 64));
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.Checksum(0x08000000, 6)).Kind);
            using var none = L552(new SimulatorOptions { Checksum = false });
            Assert.False(none.Capabilities.CanChecksum);
            Assert.Equal(TargetErrorKind.NotSupported, Assert.Throws<TargetException>(() => none.Checksum(0x08000000, 8)).Kind);
        }

        [Fact]
        public void Go_leaves_the_bootloader_until_reset()
        {
            using var t = L552();
            t.Go(0x08000000);
            Assert.Equal(0x08000000u, t.Simulation.RunningFrom);
            Assert.Equal(TargetErrorKind.Timeout, Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4])).Kind);
            t.Reset();
            t.Read(0x08000000, new byte[4]);
            Assert.Equal(TargetErrorKind.AddressRefused, Assert.Throws<TargetException>(() => t.Go(0x20000000)).Kind);
        }

        [Fact]
        public void Bank_and_mass_erase_clear_what_they_cover()
        {
            using var t = L552();
            t.Write(0x08000000, Bytes(8));
            t.Write(0x08040000, Bytes(8));
            t.EraseBank(2);
            Assert.True(t.Simulation.IsProgrammed(0x08000000));
            Assert.False(t.Simulation.IsProgrammed(0x08040000));
            t.MassErase();
            Assert.Empty(t.ExportFlash());
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.EraseBank(3)).Kind);
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.ErasePages(new[] { 256 })).Kind);
        }

        [Fact]
        public void ExportFlash_returns_the_programmed_ranges()
        {
            using var t = L552();
            var a = Bytes(24);
            t.Write(0x08000010, a);
            t.Write(0x08000028, Bytes(8, 2));
            t.Write(0x08002000, Bytes(16, 3));
            var exported = t.ExportFlash();
            Assert.Equal(new[] { new AddressRange(0x08000010, 0x08000030), new AddressRange(0x08002000, 0x08002010) }, exported.Select(s => s.Range));
            Assert.Equal(a, exported[0].Data.Take(24));
        }

        [Theory]
        [InlineData(FaultKind.Drop, TargetErrorKind.Timeout)]
        [InlineData(FaultKind.Nack, TargetErrorKind.Refused)]
        [InlineData(FaultKind.Busy, TargetErrorKind.Busy)]
        public void A_fault_that_outlasts_the_retries_fails_that_operation_only_and_does_nothing(FaultKind kind, TargetErrorKind expected)
        {
            using var t = L552(new SimulatorOptions().WithFault(2, kind, RetryPolicy.DefaultRetries + 1));
            t.Write(0x08000000, Bytes(8));
            var ex = Assert.Throws<TargetException>(() => t.Write(0x08000008, Bytes(8)));
            Assert.Equal(expected, ex.Kind);
            Assert.Equal(4, ex.Attempts);
            Assert.Contains("operation 5", ex.Message);
            Assert.EndsWith(". Tried 4 times.", ex.Message);
            Assert.False(t.Simulation.IsProgrammed(0x08000008));
            t.Write(0x08000008, Bytes(8));
            Assert.Equal(6, t.OperationCount);
            Assert.Equal(3, t.Retries);
        }

        [Fact]
        public void Disconnect_fails_every_later_operation()
        {
            using var t = L552(new SimulatorOptions().WithFault(1, FaultKind.Disconnect));
            Assert.Equal(TargetErrorKind.Disconnected, Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4])).Kind);
            Assert.Equal(TargetErrorKind.Disconnected, Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4])).Kind);
        }

        [Fact]
        public void Corrupt_write_is_acknowledged_and_stores_one_flipped_bit()
        {
            using var t = L552(new SimulatorOptions().WithFault(1, FaultKind.Corrupt));
            var data = Bytes(16);
            t.Write(0x08000000, data);
            var back = new byte[16];
            t.Read(0x08000000, back);
            Assert.Equal(1, data.Zip(back, (x, y) => System.Numerics.BitOperations.PopCount((uint)(x ^ y))).Sum());
        }

        [Fact]
        public void Pacing_takes_at_least_the_link_time()
        {
            using var t = L552(new SimulatorOptions { BytesPerSecond = 25_600, Latency = TimeSpan.FromMilliseconds(5) });
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 4; i++) t.Write(0x08000000 + (uint)(i * 256), new byte[256]);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(4 * (10 + 5) * 0.95), $"took {watch.Elapsed.TotalMilliseconds} ms");
            Assert.Equal(1024, t.BytesTransferred);
        }
    }
}
