using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// Catalog entries and their aliases against facts written down here from the reference manuals (RM0438, RM0351,
    /// RM0440, RM0090, RM0383, RM0008, RM0433, RM0456, RM0444) and AN2606, not from the catalog; and every alias and part
    /// number of every entry leading back to that entry, while parts on another die lead to theirs.
    /// </summary>
    public class AliasFactsTests
    {
        private sealed record Facts(ushort ProductId, int FlashKiB, int FirstPageBytes, int Banks, int MainSramKiB);

        /// <summary>The die's largest flash, its first erase unit, banks (as shipped) and the SRAM at 0x20000000 the bootloader writes.</summary>
        private static readonly Dictionary<string, Facts> Families = new Dictionary<string, Facts>
        {
            ["STM32L552"] = new Facts(0x472, 512, 2048, 2, 256),
            ["STM32L562"] = new Facts(0x472, 512, 2048, 2, 256),
            ["STM32L476"] = new Facts(0x415, 1024, 2048, 2, 96),
            ["STM32L486"] = new Facts(0x415, 1024, 2048, 2, 96),
            ["STM32L475"] = new Facts(0x415, 1024, 2048, 2, 96),
            ["STM32G431"] = new Facts(0x468, 128, 2048, 1, 22),
            ["STM32G441"] = new Facts(0x468, 128, 2048, 1, 22),
            ["STM32G474"] = new Facts(0x469, 512, 2048, 2, 96),
            ["STM32G473"] = new Facts(0x469, 512, 2048, 2, 96),
            ["STM32G483"] = new Facts(0x469, 512, 2048, 2, 96),
            ["STM32G484"] = new Facts(0x469, 512, 2048, 2, 96),
            ["STM32F405"] = new Facts(0x413, 1024, 16384, 1, 128),
            ["STM32F407"] = new Facts(0x413, 1024, 16384, 1, 128),
            ["STM32F415"] = new Facts(0x413, 1024, 16384, 1, 128),
            ["STM32F417"] = new Facts(0x413, 1024, 16384, 1, 128),
            ["STM32F411"] = new Facts(0x431, 512, 16384, 1, 128),
            ["STM32F103x8"] = new Facts(0x410, 128, 1024, 1, 20),
            ["STM32F103xB"] = new Facts(0x410, 128, 1024, 1, 20),
            ["STM32F103xE"] = new Facts(0x414, 512, 2048, 1, 64),
            ["STM32F103xD"] = new Facts(0x414, 512, 2048, 1, 64),
            ["STM32H743"] = new Facts(0x450, 2048, 131072, 2, 128),
            ["STM32H753"] = new Facts(0x450, 2048, 131072, 2, 128),
            ["STM32U575"] = new Facts(0x482, 2048, 8192, 2, 768),
            ["STM32U585"] = new Facts(0x482, 2048, 8192, 2, 768),
            ["STM32G071"] = new Facts(0x460, 128, 2048, 1, 36),
            ["STM32G070"] = new Facts(0x460, 128, 2048, 1, 36),
            ["STM32G081"] = new Facts(0x460, 128, 2048, 1, 36),
            ["STM32L496"] = new Facts(0x461, 1024, 2048, 2, 256),
            ["STM32F410"] = new Facts(0x458, 128, 16384, 1, 32),
            ["STM32F446"] = new Facts(0x421, 512, 16384, 1, 128),
            ["STM32F030x8"] = new Facts(0x440, 64, 1024, 1, 8),
            ["STM32L4R5"] = new Facts(0x470, 2048, 4096, 2, 640),
        };

        public static TheoryData<string> Named() => new TheoryData<string>(Families.Keys);

        private static Facts Of(DeviceInfo d) => new Facts(d.ProductId, (int)(d.FlashSize / 1024), d.Flash.GetPages()[0].Size, d.BankCount,
            (int)(d.Ram.Single(r => r.Start == 0x20000000).Length / 1024));

        [Theory]
        [MemberData(nameof(Named))]
        public void Entries_and_aliases_agree_with_the_reference_manuals(string name)
        {
            Assert.Equal(Families[name], Of(DeviceCatalog.Get(name)));
        }

        [Fact]
        public void Every_alias_and_part_number_leads_to_its_own_entry()
        {
            foreach (var d in DeviceCatalog.BuiltIn)
            {
                foreach (var name in d.Aliases.Concat(d.Parts).Prepend(d.Name))
                    Assert.True(DeviceCatalog.FindDefinition(name) == d, $"{name} leads to {DeviceCatalog.FindDefinition(name)?.ToString() ?? "nothing"}, not {d}");
            }
        }

        [Theory]
        [InlineData("STM32L496ZGT6", 0x461, 1024)]
        [InlineData("STM32F410RBT6", 0x458, 128)]
        [InlineData("STM32H750VBT6", 0x450, 128)]
        [InlineData("STM32H742VIT6", 0x450, 2048)]
        [InlineData("STM32F103RCT6", 0x414, 256)]
        [InlineData("STM32F103C8T6", 0x410, 64)]
        [InlineData("STM32F103C8", 0x410, 64)]
        [InlineData("STM32F303CB", 0x422, 128)]
        [InlineData("STM32G474RBT6", 0x469, 128)]
        [InlineData("STM32U3C5ZIT6Q", 0x42A, 2048)]
        [InlineData("STM32U3B5CGU6", 0x42A, 1024)]
        [InlineData("STM32U356CCU6", 0x42B, 256)]
        [InlineData("STM32H5F5LJH7Q", 0x47A, 4096)]
        public void A_part_number_finds_its_die_with_the_flash_it_names(string part, int productId, int flashKiB)
        {
            var d = DeviceCatalog.Get(part);
            Assert.Equal(productId, d.ProductId);
            Assert.Equal(flashKiB * 1024L, d.FlashSize);
        }

        [Fact]
        public void A_size_that_is_not_whole_sectors_in_every_bank_is_not_one_the_part_comes_in()
        {
            var f405 = DeviceCatalog.Get("STM32F405").Definition!;
            Assert.False(f405.Fits(192 * 1024));
            Assert.True(f405.Fits(512 * 1024));
            Assert.Equal(1024 * 1024, DeviceCatalog.Get("STM32F405RZ").FlashSize);
        }

        [Fact]
        public void Bank_2_of_a_smaller_L07x_continues_the_page_numbers_the_bootloader_erases_by()
        {
            var l072 = DeviceCatalog.Get("STM32L072CBT6");
            Assert.Equal(128 * 1024, l072.FlashSize);
            var first = l072.Flash.PagesInBank(2).First();
            Assert.Equal(0x08010000u, first.Address);
            Assert.Equal((int)((first.Address - 0x08000000) / first.Size), first.Number);
        }

        [Fact]
        public void The_128_KiB_H750_is_one_sector_not_a_cut_down_dual_bank_H743()
        {
            var h750 = DeviceCatalog.Get("STM32H750VBT6");
            Assert.Equal(131072, Assert.Single(h750.Flash.GetPages()).Size);
        }

        [Theory]
        [InlineData("STM32H750")]
        [InlineData("STM32H742")]
        [InlineData("STM32F999")]
        public void Names_that_do_not_say_which_part_are_not_found(string name)
        {
            // H750 and H742 share the H743's product ID but not its flash or RAM: only their full part numbers are found.
            Assert.Null(DeviceCatalog.Find(name));
        }
    }
}
