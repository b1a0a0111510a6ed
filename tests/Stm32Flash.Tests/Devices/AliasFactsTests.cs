using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// Every catalog name and alias against the facts of its part family, written down here from the reference manuals
    /// (RM0438, RM0351, RM0440, RM0090, RM0383, RM0008, RM0433, RM0456, RM0444) and AN2606, not from the catalog: an
    /// alias must share its entry's product ID and memory map, and parts that do not are not offered.
    /// </summary>
    public class AliasFactsTests
    {
        private sealed record Facts(ushort ProductId, int FlashKiB, int FirstPageBytes, int Banks, (uint Start, int KiB)[] Ram);

        private static readonly (uint, int)[] H7Ram = { (0x20000000, 128), (0x24000000, 512), (0x30000000, 288), (0x38000000, 64) };

        /// <summary>The die's addressable flash (some parts of a family have less fitted), its first erase unit, banks and SRAM.</summary>
        private static readonly Dictionary<string, Facts> Families = new Dictionary<string, Facts>
        {
            ["STM32L552"] = new Facts(0x472, 512, 2048, 2, new (uint, int)[] { (0x20000000, 256) }),
            ["STM32L562"] = new Facts(0x472, 512, 2048, 2, new (uint, int)[] { (0x20000000, 256) }),
            ["STM32L476"] = new Facts(0x415, 1024, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32L486"] = new Facts(0x415, 1024, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32L475"] = new Facts(0x415, 1024, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32G431"] = new Facts(0x468, 128, 2048, 1, new (uint, int)[] { (0x20000000, 22), (0x10000000, 10) }),
            ["STM32G441"] = new Facts(0x468, 128, 2048, 1, new (uint, int)[] { (0x20000000, 22), (0x10000000, 10) }),
            ["STM32G474"] = new Facts(0x469, 512, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32G473"] = new Facts(0x469, 512, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32G483"] = new Facts(0x469, 512, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32G484"] = new Facts(0x469, 512, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32G471"] = new Facts(0x469, 512, 2048, 2, new (uint, int)[] { (0x20000000, 96), (0x10000000, 32) }),
            ["STM32F405"] = new Facts(0x413, 1024, 16384, 1, new (uint, int)[] { (0x20000000, 128), (0x10000000, 64) }),
            ["STM32F407"] = new Facts(0x413, 1024, 16384, 1, new (uint, int)[] { (0x20000000, 128), (0x10000000, 64) }),
            ["STM32F415"] = new Facts(0x413, 1024, 16384, 1, new (uint, int)[] { (0x20000000, 128), (0x10000000, 64) }),
            ["STM32F417"] = new Facts(0x413, 1024, 16384, 1, new (uint, int)[] { (0x20000000, 128), (0x10000000, 64) }),
            ["STM32F411"] = new Facts(0x431, 512, 16384, 1, new (uint, int)[] { (0x20000000, 128) }),
            ["STM32F103x8"] = new Facts(0x410, 128, 1024, 1, new (uint, int)[] { (0x20000000, 20) }),
            ["STM32F103xB"] = new Facts(0x410, 128, 1024, 1, new (uint, int)[] { (0x20000000, 20) }),
            ["STM32F103-MD"] = new Facts(0x410, 128, 1024, 1, new (uint, int)[] { (0x20000000, 20) }),
            ["STM32F103xE"] = new Facts(0x414, 512, 2048, 1, new (uint, int)[] { (0x20000000, 64) }),
            ["STM32F103xD"] = new Facts(0x414, 512, 2048, 1, new (uint, int)[] { (0x20000000, 64) }),
            ["STM32F103-HD"] = new Facts(0x414, 512, 2048, 1, new (uint, int)[] { (0x20000000, 64) }),
            ["STM32H743"] = new Facts(0x450, 2048, 131072, 2, H7Ram),
            ["STM32H753"] = new Facts(0x450, 2048, 131072, 2, H7Ram),
            ["STM32U575"] = new Facts(0x482, 2048, 8192, 2, new (uint, int)[] { (0x20000000, 768) }),
            ["STM32U585"] = new Facts(0x482, 2048, 8192, 2, new (uint, int)[] { (0x20000000, 768) }),
            ["STM32G071"] = new Facts(0x460, 128, 2048, 1, new (uint, int)[] { (0x20000000, 36) }),
            ["STM32G070"] = new Facts(0x460, 128, 2048, 1, new (uint, int)[] { (0x20000000, 36) }),
            ["STM32G081"] = new Facts(0x460, 128, 2048, 1, new (uint, int)[] { (0x20000000, 36) }),
        };

        /// <summary>Parts once listed as aliases, and what makes each a different part.</summary>
        private static readonly Dictionary<string, Facts> NotAliases = new Dictionary<string, Facts>
        {
            ["STM32L496"] = new Facts(0x461, 1024, 2048, 2, new (uint, int)[] { (0x20000000, 256), (0x10000000, 64) }),
            ["STM32F410"] = new Facts(0x458, 128, 16384, 1, new (uint, int)[] { (0x20000000, 32) }),
            ["STM32H750"] = new Facts(0x450, 128, 131072, 1, H7Ram),
            ["STM32F103xC"] = new Facts(0x414, 256, 2048, 1, new (uint, int)[] { (0x20000000, 48) }),
        };

        public static TheoryData<string, string> NamesAndAliases()
        {
            var data = new TheoryData<string, string>();
            foreach (var d in DeviceCatalog.All)
            {
                foreach (var name in d.Aliases.Prepend(d.Name)) data.Add(d.Name, name);
            }
            return data;
        }

        private static Facts Of(DeviceInfo d) => new Facts(d.ProductId, (int)(d.FlashSize / 1024), d.Flash.Pages[0].Size, d.BankCount,
            d.Ram.Select(r => (r.Start, (int)(r.Length / 1024))).ToArray());

        private static string Show(Facts f) =>
            $"PID 0x{f.ProductId:X3}, {f.FlashKiB} KiB flash from {f.FirstPageBytes}-byte units in {f.Banks} bank(s), RAM " +
            string.Join(", ", f.Ram.Select(r => $"{r.KiB} KiB at 0x{r.Start:X8}"));

        [Theory]
        [MemberData(nameof(NamesAndAliases))]
        public void Every_name_and_alias_shares_its_entrys_product_id_and_memory_map(string entry, string name)
        {
            Assert.True(Families.TryGetValue(name, out var facts), $"{name} (under {entry}) has no facts here: add them from its reference manual");
            Assert.Equal(Show(facts!), Show(Of(DeviceCatalog.Get(entry))));
            Assert.Same(DeviceCatalog.Get(entry), DeviceCatalog.Find(name));
        }

        [Theory]
        [InlineData("STM32L496")]
        [InlineData("STM32L496ZGT6")]
        [InlineData("STM32F410")]
        [InlineData("STM32F410RBT6")]
        [InlineData("STM32H750")]
        [InlineData("STM32H750VBT6")]
        [InlineData("STM32F103xC")]
        [InlineData("STM32F103RCT6")]
        [InlineData("STM32H742")]
        public void Parts_with_another_product_id_or_memory_map_are_not_found(string name)
        {
            Assert.Null(DeviceCatalog.Find(name));
        }

        [Fact]
        public void The_parts_left_out_really_differ_from_every_entry()
        {
            foreach (var (name, facts) in NotAliases)
                Assert.All(DeviceCatalog.All, d => Assert.NotEqual(Show(facts), Show(Of(d))));
        }
    }
}
