using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>The option-byte field maps in the catalog: which products have them, and that a factory-fresh chip decodes as one.</summary>
    public class OptionByteCatalogTests
    {
        public static readonly string[] Priority = { "STM32L552", "STM32G474", "STM32L476", "STM32F405", "STM32F103x8", "STM32G071", "STM32U575", "STM32H743" };

        public static IEnumerable<object[]> Mapped() =>
            DeviceCatalog.BuiltIn.Where(d => d.OptionByteMap.HasFields).Select(d => new object[] { d.Name });

        [Fact]
        public void The_priority_products_and_more_have_field_maps_with_their_readout_byte()
        {
            foreach (var name in Priority)
            {
                var map = DeviceCatalog.Get(name).OptionByteMap;
                Assert.True(map.HasFields, name);
                Assert.Equal("RDP", map.ReadoutField?.Name);
                Assert.NotNull(map.Source);
            }
            Assert.True(DeviceCatalog.BuiltIn.Count(d => d.OptionByteMap.HasFields) >= 20);
            Assert.False(DeviceCatalog.Get("STM32H723").OptionByteMap.HasFields);
        }

        [Theory]
        [MemberData(nameof(Mapped))]
        public void A_factory_fresh_chip_is_open_starts_its_bootloader_and_protects_nothing(string name)
        {
            var device = DeviceCatalog.Get(name);
            var chip = new SimulatedDevice(device);
            var fields = OptionByteDecoder.Decode(device, chip.OptionBytes);
            Assert.Equal(device.OptionByteMap.Fields.Count, fields.Count);
            // The H5 has no readout-protection byte: its PRODUCT_STATE starts open.
            var rdp = fields.SingleOrDefault(f => f.Name == "RDP");
            if (rdp != null) Assert.Equal("level 0: open", rdp.Meaning);
            else Assert.StartsWith("open", fields.Single(f => f.Name == "PRODUCT_STATE").Meaning);
            Assert.Empty(chip.WriteProtectedPages);
            Assert.Null(chip.RunningFrom);
            foreach (var f in fields.Where(f => f.Factory.HasValue)) Assert.Equal(f.Factory!.Value, f.Value);
            // Every field with listed values has a meaning for its factory value.
            foreach (var f in fields.Where(f => f.Field.Values.Count > 0 && f.Factory.HasValue)) Assert.False(string.IsNullOrEmpty(f.Meaning), f.Name);
        }

        [Theory]
        [MemberData(nameof(Mapped))]
        public void The_layout_bits_are_fields_of_the_same_place_and_factory_value(string name)
        {
            var d = DeviceCatalog.Get(name).Definition!;
            foreach (var bit in d.OptionBits)
            {
                var field = d.OptionByteMap.Field(bit.Name);
                Assert.True(field != null, $"{name}: layout bit {bit.Name} is not a field");
                Assert.Equal((bit.Address, bit.Bit), (field!.Address, field.Bit));
            }
        }

        [Theory]
        [InlineData("README.md")]
        [InlineData("docs/about_Stm32Flash.md")]
        [InlineData("docs/about_Stm32Flash_Devices.md")]
        [InlineData("docs/Get-Stm32OptionByte.md")]
        [InlineData("src/Stm32Flash.Core/README.md")]
        public void The_docs_count_the_mapped_products_as_the_catalog_has_them(string file)
        {
            var text = System.IO.File.ReadAllText(Infrastructure.Repo.PathOf(file.Split('/')));
            var counts = System.Text.RegularExpressions.Regex.Matches(text, @"(?:option bytes of|field maps for|maps the option bytes of|\() ?(\d+) product IDs(?: mapped)?")
                .Select(m => int.Parse(m.Groups[1].Value)).ToList();
            counts.AddRange(System.Text.RegularExpressions.Regex.Matches(text, @"(\d+) product IDs mapped").Select(m => int.Parse(m.Groups[1].Value)));
            Assert.NotEmpty(counts);
            Assert.All(counts, n => Assert.Equal(DeviceCatalog.BuiltIn.Count(d => d.OptionByteMap.HasFields), n));
        }

        [Fact]
        public void The_devices_topic_names_every_mapped_product()
        {
            var text = System.IO.File.ReadAllText(Infrastructure.Repo.PathOf("docs", "about_Stm32Flash_Devices.md")).Replace("\n", " ");
            var list = System.Text.RegularExpressions.Regex.Match(text, @"are the catalog's own words\): (.*?)\. The others").Groups[1].Value;
            var named = System.Text.RegularExpressions.Regex.Split(list, @",\s*|\s+and\s+").Select(n => n.Trim()).Where(n => n.Length > 0).OrderBy(n => n);
            Assert.Equal(DeviceCatalog.BuiltIn.Where(d => d.OptionByteMap.HasFields).Select(d => d.Name).OrderBy(n => n), named);
        }

        [Fact]
        public void Maps_name_bank_two_areas_where_the_bootloader_has_them()
        {
            Assert.Equal(new[] { AddressRange.FromLength(0x1FFF7800, 48), AddressRange.FromLength(0x1FFFF808, 40) }, DeviceCatalog.Get("STM32G474").OptionByteAreas);
            Assert.Equal(new[] { AddressRange.FromLength(0x1FFF7800, 40), AddressRange.FromLength(0x1FFFF800, 40) }, DeviceCatalog.Get("STM32L476").OptionByteAreas);
            Assert.Equal(0x1FFFF818u, DeviceCatalog.Get("STM32G474").OptionByteMap.Field("WRP2A_STRT")!.Address);
            Assert.Equal(4u, DeviceCatalog.Get("STM32H743").OptionByteMap.ProgramOffset);
            Assert.Equal(OptionComplement.Byte, DeviceCatalog.Get("STM32F103x8").OptionByteMap.Complement);
        }
    }
}
