using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    public class DeviceCatalogTests
    {
        public static TheoryData<string> Names()
        {
            var data = new TheoryData<string>();
            foreach (var d in DeviceCatalog.All) data.Add(d.Name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Pages_are_numbered_once_contiguous_within_each_bank_and_cover_flash(string name)
        {
            var d = DeviceCatalog.Get(name);
            var pages = d.Flash.GetPages();
            Assert.Equal(d.Definition!.FlashBase, pages[0].Address);
            Assert.Equal(d.FlashSize, pages.Sum(p => (long)p.Size));
            for (var i = 1; i < pages.Count; i++)
            {
                if (pages[i].Bank == pages[i - 1].Bank) Assert.Equal(pages[i - 1].EndAddress, pages[i].Address);
                else Assert.True(pages[i].Address >= pages[i - 1].EndAddress);
            }
            Assert.Equal(pages.Count, pages.Select(p => p.Number).Distinct().Count());
            for (var bank = 2; bank <= d.BankCount; bank++)
                Assert.Equal(d.Flash.PagesInBank(1).Sum(p => (long)p.Size), d.Flash.PagesInBank(bank).Sum(p => (long)p.Size));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Every_layout_builds_for_the_largest_flash_and_says_where_its_figures_come_from(string name)
        {
            var definition = DeviceCatalog.Get(name).Definition!;
            // Every layout is the one chosen for some flash size and some values of the option bits: none is hidden by another.
            foreach (var layout in definition.Layouts)
            {
                var others = definition.OptionBits.Select(b => b.Name).Where(n => !layout.OptionBits.ContainsKey(n)).ToList();
                var sizes = layout.FlashSizes.Count > 0 ? layout.FlashSizes : new[] { layout.Capacity, layout.Capacity / 2, layout.Capacity / 4 };
                var chosen = new List<string>();
                for (var combination = 0; combination < 1 << others.Count; combination++)
                {
                    var bits = layout.OptionBits.ToDictionary(b => b.Key, b => b.Value);
                    for (var i = 0; i < others.Count; i++) bits[others[i]] = (combination >> i) & 1;
                    foreach (var size in sizes)
                    {
                        try { chosen.Add(definition.Resolve(size, bits, "test").Layout!.Name); }
                        catch (System.ArgumentException) { }
                        catch (Stm32Flash.Devices.Definitions.DeviceDefinitionException) { }
                    }
                }
                Assert.True(chosen.Contains(layout.Name), $"{layout} is never chosen (sizes {string.Join(", ", sizes)}: {string.Join(", ", chosen.Distinct())})");
            }
            Assert.NotEmpty(definition.Sources);
            Assert.True(definition.OptionBits.All(b => definition.OptionBytes.Contains(AddressRange.FromLength(b.Address, 4))));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Unit_is_a_power_of_two_dividing_every_page_and_every_limit(string name)
        {
            var d = DeviceCatalog.Get(name);
            Assert.True(d.ProgramUnit > 0 && (d.ProgramUnit & (d.ProgramUnit - 1)) == 0);
            Assert.All(d.Flash.GetPages(), p => Assert.Equal(0, p.Size % d.ProgramUnit));
            Assert.All(d.Limits.Values, l =>
            {
                Assert.Equal(0, l.MaxWrite % d.ProgramUnit);
                Assert.Equal(0, l.MaxWrite % 4);
                Assert.True(l.MaxRead > 0);
            });
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Memory_areas_are_where_they_belong(string name)
        {
            var d = DeviceCatalog.Get(name);
            var ram = d.Ram.Single(r => r.Contains(d.BootloaderRam));
            Assert.Equal(ram.Start, d.BootloaderRam.Start);
            // A few small parts (STM32F04x) lend all their SRAM to the bootloader (AN2606); RAM code is then not possible.
            Assert.True(d.BootloaderRam.Length <= ram.Length);
            foreach (var area in new[] { d.SystemMemory, d.OptionBytes })
            {
                Assert.False(area.IsEmpty);
                Assert.False(area.Overlaps(d.Flash.Range));
                Assert.DoesNotContain(d.Ram, r => r.Overlaps(area));
            }
            Assert.False(d.SystemMemory.Overlaps(d.OptionBytes));
            Assert.Contains(TargetInterface.Usart, d.Interfaces);
            Assert.True(d.I2cAddress is null || d.I2cAddress < 0x80, "a 7-bit address");
            Assert.Equal(d.Family == "STM32L0" || d.Family == "STM32L1" ? 0x00 : 0xFF, d.ErasedValue);
        }

        [Fact]
        public void Names_and_aliases_are_unique()
        {
            var names = DeviceCatalog.All.SelectMany(d => d.Aliases.Append(d.Name)).ToList();
            Assert.Equal(names.Count, names.Distinct(System.StringComparer.OrdinalIgnoreCase).Count());
        }

        // Figures from the reference table (AN2606 level), bootloader-protocols.md section 4.
        [Theory]
        [InlineData("STM32L552", 0x472, 512, 8, 2048, 2, 0x20004000u)]
        [InlineData("STM32L476", 0x415, 1024, 8, 2048, 2, 0x20003100u)]
        [InlineData("STM32G431", 0x468, 128, 8, 2048, 1, 0x20004000u)]
        [InlineData("STM32G474", 0x469, 512, 8, 2048, 2, 0x20004000u)]
        [InlineData("STM32F405", 0x413, 1024, 1, 16384, 1, 0x20003000u)]
        [InlineData("STM32F411", 0x431, 512, 1, 16384, 1, 0x20003000u)]
        [InlineData("STM32F103x8", 0x410, 128, 2, 1024, 1, 0x20000200u)]
        [InlineData("STM32F103xE", 0x414, 512, 2, 2048, 1, 0x20000200u)]
        [InlineData("STM32H743", 0x450, 2048, 32, 131072, 2, 0x20004100u)]
        [InlineData("STM32U575", 0x482, 2048, 16, 8192, 2, 0x20004000u)]
        [InlineData("STM32G071", 0x460, 128, 8, 2048, 1, 0x20002700u)]
        public void Matches_the_reference_table(string name, int pid, int flashKiB, int unit, int firstPage, int banks, uint reservedEnd)
        {
            var d = DeviceCatalog.Get(name);
            Assert.Equal(pid, d.ProductId);
            Assert.Equal(flashKiB * 1024L, d.FlashSize);
            Assert.Equal(unit, d.ProgramUnit);
            Assert.Equal(firstPage, d.Flash.GetPages()[0].Size);
            Assert.Equal(banks, d.BankCount);
            Assert.Equal((ulong)reservedEnd, d.BootloaderRam.End);
            Assert.Equal(256, d.LimitsFor(TargetInterface.Usart).MaxWrite);
            Assert.Equal(256, d.LimitsFor(TargetInterface.Usart).MaxRead);
        }

        [Theory]
        // G03x/04x 0x56 and G07x/08x 0x51 (AN2606 as quoted by ST), H74x 0x4E (AN2606: 0b1001110x), H7A3 0x57, G491 0x5F and
        // U575 0x5A (forum reports, each in the entry's sources); products without a source stay null.
        [InlineData("STM32G031", 0x56)]
        [InlineData("STM32G071", 0x51)]
        [InlineData("STM32H743", 0x4E)]
        [InlineData("STM32H7A3", 0x57)]
        [InlineData("STM32G491", 0x5F)]
        [InlineData("STM32U575", 0x5A)]
        [InlineData("STM32L552", null)]
        [InlineData("STM32U3B5", null)]
        public void Known_i2c_addresses_only(string name, int? address)
        {
            var d = DeviceCatalog.Get(name);
            Assert.Equal(address, (int?)d.I2cAddress);
            if (address is not null) Assert.Contains(d.Definition!.Sources, s => s.Key == "i2cAddress");
        }
    }
}
