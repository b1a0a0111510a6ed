using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    public class UniqueIdCatalogTests
    {
        public static TheoryData<string> WithUniqueId()
        {
            var data = new TheoryData<string>();
            foreach (var d in DeviceCatalog.BuiltIn.Where(d => d.UniqueIdAddress != null)) data.Add(d.Name);
            return data;
        }

        [Fact]
        public void Every_product_has_a_unique_id_address_with_its_source()
        {
            Assert.Empty(DeviceCatalog.BuiltIn.Where(d => d.UniqueIdAddress is null).Select(d => d.Name));
            foreach (var d in DeviceCatalog.BuiltIn.Where(d => d.UniqueIdAddress != null))
                Assert.Contains(d.Sources, s => s.Key == "uniqueId" && s.Value.Contains("UID_BASE"));
        }

        [Theory]
        [MemberData(nameof(WithUniqueId))]
        public void The_unique_id_lies_in_the_device_information_block_outside_flash_ram_and_option_bytes(string name)
        {
            var d = DeviceCatalog.BuiltIn.Single(x => x.Name == name);
            var uid = d.UniqueIdArea!.Value;
            Assert.Equal(0u, uid.Start & 3);
            Assert.False(d.Default.Flash.Range.Overlaps(uid), $"{name}: the UID {uid} overlaps flash");
            Assert.DoesNotContain(d.Ram, r => r.Overlaps(uid));
            Assert.DoesNotContain(d.OptionByteMap.Areas, a => a.Overlaps(uid));
            if (d.FlashSizeRegister is uint size) Assert.False(AddressRange.FromLength(size, 2).Overlaps(uid), $"{name}: the UID {uid} overlaps the flash-size register");
            // Readable where the definition already describes memory, or in the block of factory-programmed device data the
            // reference manuals put the flash-size register in (the L1 keeps it beside its option bytes, in one information block).
            var near = d.FlashSizeRegister ?? d.OptionBytes.Start;
            var inSignatureBlock = uid.Start + 0x100 >= near && uid.End <= near + 0x100;
            Assert.True(d.SystemMemory.Contains(uid) || (d.Otp?.Contains(uid) ?? false) || inSignatureBlock,
                $"{name}: the UID {uid} is neither in system memory, OTP, nor within 0x100 bytes of 0x{near:X8}");
        }

        [Fact]
        public void Products_that_share_a_flash_size_register_share_the_unique_id_address()
        {
            foreach (var g in DeviceCatalog.BuiltIn.Where(d => d.UniqueIdAddress != null && d.FlashSizeRegister != null).GroupBy(d => d.FlashSizeRegister))
                Assert.Single(g.Select(d => d.UniqueIdAddress).Distinct());
        }

        [Fact]
        public void A_definition_file_may_give_a_word_aligned_unique_id_and_is_refused_otherwise()
        {
            var json = DeviceCatalog.Get("STM32L552").Definition!.ToJson()!.Replace("\"name\": \"STM32L552\"", "\"name\": \"UIDTEST\"");
            Assert.Contains("\"uniqueId\": \"0x0BFA0590\"", json);
            Assert.Equal(0x0BFA0590u, DeviceDefinitionReader.Read(json, "test.json").Single().UniqueIdAddress);
            var misaligned = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(json.Replace("0x0BFA0590", "0x0BFA0592"), "test.json"));
            Assert.Contains("uniqueId", misaligned.Message);
            Assert.Contains("32-bit word", misaligned.Message);
            Assert.Null(DeviceDefinitionReader.Read(json.Replace("\"uniqueId\": \"0x0BFA0590\",", ""), "test.json").Single().UniqueIdAddress);
        }
    }
}
