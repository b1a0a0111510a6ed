using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    public class OptionBytePlannerTests
    {
        private static OptionBytePlan Plan(string device, params (string Name, uint Value)[] settings)
        {
            var d = DeviceCatalog.Get(device);
            return OptionBytePlanner.Plan(d, new SimulatedDevice(d).OptionBytes, settings.Select(s => new KeyValuePair<string, uint>(s.Name, s.Value)));
        }

        [Fact]
        public void A_change_shows_before_and_after_and_writes_the_changed_words_only()
        {
            var plan = Plan("STM32L552", ("BOR_LEV", 2), ("SRAM2_RST", 0));
            Assert.Equal("BOR_LEV: 0x0 (brown-out reset below about 1.7 V) -> 0x2 (brown-out reset below about 2.2 V)\n" +
                "SRAM2_RST: 1 (kept over a system reset) -> 0 (erased by a system reset)", plan.Describe());
            var write = Assert.Single(plan.Writes);
            Assert.Equal(0x40022040u, write.Address);
            Assert.Equal(BitConverter.GetBytes(0x7DEFFAAAu), write.Data);
            Assert.Empty(plan.Risks);
        }

        [Fact]
        public void Words_between_two_changes_are_written_with_their_present_values()
        {
            var plan = Plan("STM32L552", ("BOR_LEV", 1), ("WRP1B_PSTRT", 0), ("WRP1B_PEND", 3));
            var write = Assert.Single(plan.Writes);
            Assert.Equal(0x40022040u, write.Address);
            Assert.Equal(32, write.Data.Length);
            Assert.Equal(0x0800007Fu, BitConverter.ToUInt32(write.Data, 4));
            Assert.Equal("area 1B from page 0 (0x08000000)", plan.Changes.Single(c => c.Name == "WRP1B_PSTRT").After.Meaning);
            Assert.Equal("area 1B to page 3 (ends 0x08002000)", plan.Changes.Single(c => c.Name == "WRP1B_PEND").After.Meaning);
        }

        [Theory]
        [InlineData("STM32L552", "RDP", 0xCCu, OptionRisk.Irreversible)]
        [InlineData("STM32L552", "TZEN", 1u, OptionRisk.TrustZone)]
        [InlineData("STM32L552", "BOOT_LOCK", 1u, OptionRisk.BootloaderLockout)]
        [InlineData("STM32L552", "NSBOOTADD1", 0x100000u, OptionRisk.BootloaderLockout)]
        [InlineData("STM32G474", "nBOOT1", 0u, OptionRisk.BootloaderLockout)]
        [InlineData("STM32H743", "BOOT_ADD1", 0x0800u, OptionRisk.BootloaderLockout)]
        [InlineData("STM32G071", "nBOOT1", 0u, OptionRisk.BootloaderLockout)]
        public void A_risky_value_is_named_with_why_and_refused_unless_accepted(string device, string field, uint value, OptionRisk risk)
        {
            var plan = Plan(device, (field, value));
            Assert.Equal(risk, Assert.Single(plan.Risks).Risk);
            var ex = Assert.Throws<OptionByteException>(() => plan.EnsureAccepted(new List<OptionRisk>()));
            Assert.Equal(OptionByteError.Risk, ex.Error);
            Assert.Equal(risk, ex.Risk);
            Assert.Contains(field, ex.Message);
            plan.EnsureAccepted(new List<OptionRisk> { risk });
        }

        [Fact]
        public void A_lockout_takes_the_combination_set_together_and_not_each_bit_alone()
        {
            // nBOOT0 leaves the factory at 1, so taking BOOT0 from it alone starts flash; with nBOOT0 = 0 it starts the bootloader.
            Assert.Empty(Plan("STM32L552", ("nBOOT0", 0), ("nSWBOOT0", 0)).Risks);
            Assert.Empty(Plan("STM32L552", ("nBOOT0", 0)).Risks);
            var both = Assert.Single(Plan("STM32L552", ("nSWBOOT0", 0)).Risks);
            Assert.Equal("nSWBOOT0 = 0 with nBOOT0 = 1", both.ToString());
            Assert.Contains("whatever the BOOT0 pin says", both.Why);
            // The G071 leaves the factory with nBOOT_SEL = 1 and nBOOT0 = 1 (the empty-flash check finds the bootloader):
            // a rule that held before the change is not the change's doing.
            Assert.Empty(Plan("STM32G071", ("BOR_EN", 1)).Risks);
        }

        [Theory]
        [InlineData("BOR_LEV", 7u, "0x7 is not a value of BOR_LEV: BOR_LEV takes 0x0 (brown-out reset below about 1.7 V), 0x1")]
        [InlineData("nBOOT0", 2u, "2 is not a value of nBOOT0: nBOOT0 has 1 bit, so it takes 0..1")]
        [InlineData("WRP1A_PSTRT", 0x80u, "0x80 is not a value of WRP1A_PSTRT: WRP1A_PSTRT has 7 bits, so it takes 0..0x7F")]
        public void A_value_the_field_cannot_take_is_refused_with_what_it_takes(string field, uint value, string message)
        {
            var ex = Assert.Throws<OptionByteException>(() => Plan("STM32L552", (field, value)));
            Assert.Equal(OptionByteError.ValueRefused, ex.Error);
            Assert.Equal(field, ex.Field);
            Assert.Contains(message, ex.Message);
        }

        [Fact]
        public void An_unknown_name_suggests_the_fields_that_contain_it_and_no_map_says_how_to_add_one()
        {
            var ex = Assert.Throws<OptionByteException>(() => Plan("STM32L552", ("BOOT0", 1)));
            Assert.Equal(OptionByteError.UnknownField, ex.Error);
            Assert.Contains("did you mean nSWBOOT0, nBOOT0?", ex.Message);
            var none = Assert.Throws<OptionByteException>(() => Plan("STM32H723", ("RDP", 0xBB)));
            Assert.Equal(OptionByteError.NoFieldMap, none.Error);
            Assert.Contains("\"fields\"", none.LikelyCause);
        }

        [Fact]
        public void The_h7_writes_each_field_to_its_programming_register_and_the_f1_writes_complements()
        {
            var h7 = Plan("STM32H743", ("BOR_LEV", 2), ("nWRP8", 0xFE));
            Assert.Equal(new[] { 0x52002020u, 0x5200213Cu }, h7.Writes.Select(w => w.Address));
            Assert.All(h7.Writes, w => Assert.Equal(4, w.Data.Length));
            Assert.Equal("protected: sectors 8", h7.Changes.Single(c => c.Name == "nWRP8").After.Meaning);

            var f1 = Plan("STM32F103x8", ("RDP", 0xBB));
            var write = Assert.Single(f1.Writes);
            Assert.Equal(new byte[] { 0xBB, 0x44, 0xFF, 0x00 }, write.Data);
            Assert.Equal("level 1: flash closed to debug and bootloader", f1.Changes.Single().After.Meaning);
        }
    }
}
