using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.OptionBytes;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    public class WriteProtectionTests
    {
        private static IReadOnlyCollection<int> Protected(DeviceInfo device, IReadOnlyDictionary<string, uint> values) =>
            WriteProtection.ProtectedPages(device, f => values[f.Name]);

        [Fact]
        public void Areas_hold_runs_of_pages_per_bank_and_refuse_more_runs_than_areas()
        {
            var l552 = DeviceCatalog.Get("STM32L552");
            var values = WriteProtection.Encode(l552, new[] { 2, 3, 4, 9, 130 });
            Assert.Equal((2u, 4u, 9u, 9u), (values["WRP1A_PSTRT"], values["WRP1A_PEND"], values["WRP1B_PSTRT"], values["WRP1B_PEND"]));
            Assert.Equal((2u, 2u), (values["WRP2A_PSTRT"], values["WRP2A_PEND"]));
            Assert.Equal((0x7Fu, 0u), (values["WRP2B_PSTRT"], values["WRP2B_PEND"]));
            Assert.Equal(new[] { 2, 3, 4, 9, 130 }, Protected(l552, values));
            var ex = Assert.Throws<ArgumentException>(() => WriteProtection.Encode(l552, new[] { 1, 3, 5 }));
            Assert.Contains("bank 1 of STM32L552 has 2 write-protected area(s); pages 1, 3, 5 need 3", ex.Message);
        }

        [Fact]
        public void In_single_bank_mode_the_same_fields_count_the_larger_pages()
        {
            var single = DeviceCatalog.Get("STM32L552").Definition!.Resolve(null, new Dictionary<string, int> { ["DBANK"] = 0 }, "test");
            var values = WriteProtection.Encode(single, new[] { 100, 101 });
            Assert.Equal((100u, 101u), (values["WRP1A_PSTRT"], values["WRP1A_PEND"]));
            Assert.Equal(0x08064000u, single.Flash.PageByNumber(100)!.Address);
        }

        [Fact]
        public void A_mask_bit_protects_a_group_of_pages_and_the_bootloader_takes_group_numbers()
        {
            var f103 = DeviceCatalog.Get("STM32F103x8");
            var (numbers, covered) = WriteProtection.BootloaderNumbers(f103, new[] { 5, 6, 33 });
            Assert.Equal(new[] { 1, 8 }, numbers);
            Assert.Equal(new[] { 4, 5, 6, 7, 32, 33, 34, 35 }, covered.Select(p => p.Number));
            var values = WriteProtection.Encode(f103, numbers);
            Assert.Equal(0xFDu, values["WRP0"]);
            Assert.Equal(0xFEu, values["WRP8"]);
            Assert.Equal(covered.Select(p => p.Number), Protected(f103, values));

            var f405 = DeviceCatalog.Get("STM32F405");
            Assert.Equal(new[] { 11 }, WriteProtection.BootloaderNumbers(f405, new[] { 11 }).Numbers);
            Assert.Equal(0x7FFu, WriteProtection.Encode(f405, new[] { 11 })["WRP0"]);
        }

        [Fact]
        public void The_high_density_f103s_last_bit_protects_every_page_from_its_group_to_the_end()
        {
            var f103xe = DeviceCatalog.Get("STM32F103xE");
            var (numbers, covered) = WriteProtection.BootloaderNumbers(f103xe, new[] { 200 });
            Assert.Equal(new[] { 31 }, numbers);
            Assert.Equal(Enumerable.Range(62, 194), covered.Select(p => p.Number));
        }

        [Fact]
        public void Unprotected_values_protect_nothing()
        {
            foreach (var d in DeviceCatalog.All.Where(WriteProtection.IsMapped))
                Assert.Empty(Protected(d, WriteProtection.Unprotected(d)));
        }
    }
}
