using System.Linq;
using System.Management.Automation;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>Get-Stm32OptionByte and Set-Stm32OptionByte on the simulator: decoded fields, checked changes, risky ones refused.</summary>
    public class OptionByteCmdletTests
    {
        private static (PsSession Ps, SimulatedTarget Target) Connected(string device = "STM32L552")
        {
            var ps = new PsSession();
            var session = ps.Run($"Connect-Stm32 -Simulator {device}").AssertNoErrors().Output.Single();
            return (ps, (SimulatedTarget)session.Methods["GetTarget"].Invoke());
        }

        private static uint Field(SimulatedTarget t, string name) =>
            OptionByteDecoder.Decode(t.Device, t.Simulation.OptionBytes).Single(f => f.Name == name).Value;

        [Theory]
        [InlineData("Set-Stm32OptionByte RDP 0xCC", "IrreversibleOptionRefused,Stm32Flash.Commands.SetStm32OptionByteCommand")]
        [InlineData("Set-Stm32OptionByte -Setting @{ BOR_LEV = 'high' }", "OptionValueRefused,Stm32Flash.Commands.SetStm32OptionByteCommand")]
        [InlineData("Protect-Stm32 -Page 4096 -Confirm:$false", "NoSuchPage,Stm32Flash.Commands.ProtectStm32Command")]
        public void A_refusal_honours_ErrorAction_SilentlyContinue_as_the_other_cmdlets_do(string script, string id)
        {
            var (ps, t) = Connected();
            uint[] Values() => OptionByteDecoder.Decode(t.Device, t.Simulation.OptionBytes).Select(f => f.Value).ToArray();
            var before = Values();
            var result = ps.Run($"{script} -ErrorAction SilentlyContinue -ErrorVariable problem; 'went on'; $problem[0].FullyQualifiedErrorId");
            Assert.DoesNotContain(result.Errors, e => e.FullyQualifiedErrorId != id);
            Assert.Equal(new[] { "went on", id }, result.Output.Select(o => o.ToString()));
            Assert.Equal(before, Values());
        }

        [Fact]
        public void Get_decodes_every_field_and_filters_by_name_with_wildcards()
        {
            var (ps, _) = Connected();
            using var _ps = ps;
            var all = ps.Run("Get-Stm32OptionByte").AssertNoErrors().Objects<OptionByte>().ToList();
            Assert.Equal(38, all.Count);
            Assert.Equal("level 0: open", all.Single(f => f.Name == "RDP").Meaning);
            var some = ps.Run("Get-Stm32OptionByte nboot0, WRP1A*").AssertNoErrors().Objects<OptionByte>().Select(f => f.Name);
            Assert.Equal(new[] { "nBOOT0", "WRP1A_PSTRT", "WRP1A_PEND" }, some);
            var unknown = ps.Run("Get-Stm32OptionByte BOOT0, RDP");
            Assert.Equal("RDP", unknown.Objects<OptionByte>().Single().Name);
            var error = Assert.Single(unknown.Errors);
            Assert.Equal("UnknownOptionByte,Stm32Flash.Commands.GetStm32OptionByteCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("BOOT0", error.TargetObject);
        }

        [Fact]
        public void Raw_gives_the_words_and_a_product_without_a_map_gives_them_with_a_warning()
        {
            var (ps, _) = Connected();
            using var _ps = ps;
            var words = ps.Run("Get-Stm32OptionByte -Raw").AssertNoErrors().Objects<OptionWord>().ToList();
            Assert.Equal(12, words.Count);
            Assert.Equal((0x40022040u, 0x7FEFF8AAu), (words[0].Address, words[0].Value));
            ps.Run("$null = Connect-Stm32 -Simulator STM32H723").AssertNoErrors();
            var raw = ps.Run("Get-Stm32OptionByte").AssertNoErrors();
            Assert.Equal(23, raw.Objects<OptionWord>().Count());
            Assert.Contains("no field map of STM32H723", Assert.Single(raw.Warnings).Message);
        }

        [Fact]
        public void Set_writes_reads_back_and_PassThru_gives_the_fields_as_set()
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            var set = ps.Run("Set-Stm32OptionByte -Name BOR_LEV -Value 0x3 -Confirm:$false -PassThru -Verbose").AssertNoErrors();
            var field = set.Objects<OptionByte>().Single();
            Assert.Equal(("BOR_LEV", 3u, "brown-out reset below about 2.5 V"), (field.Name, field.Value, field.Meaning));
            Assert.Equal(3u, Field(t, "BOR_LEV"));
            Assert.Contains(set.Verbose, v => v.Message == "STM32L552: read back: BOR_LEV = 0x3.");
            Assert.Equal(1, t.Simulation.ResetCount);

            ps.Run("Set-Stm32OptionByte @{ nBOOT0 = 0; nSWBOOT0 = '0' } -Confirm:$false").AssertNoErrors();
            Assert.Equal((0u, 0u), (Field(t, "nBOOT0"), Field(t, "nSWBOOT0")));
            Assert.Null(t.Simulation.RunningFrom);
        }

        [Fact]
        public void WhatIf_shows_each_field_before_and_after_and_writes_nothing()
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            var result = ps.Run("Set-Stm32OptionByte @{ SRAM2_RST = 0; BOR_LEV = 4 } -WhatIf").AssertNoErrors();
            var info = Assert.Single(result.Information);
            Assert.Contains("WhatIf", info.Tags);
            Assert.Equal("STM32L552 option bytes, as they are -> as they will be:\n" +
                "  BOR_LEV: 0x0 (brown-out reset below about 1.7 V) -> 0x4 (brown-out reset below about 2.8 V)\n" +
                "  SRAM2_RST: 1 (kept over a system reset) -> 0 (erased by a system reset)\n" +
                "The chip resets to load them (1 write(s)); the session connects again.", info.MessageData.ToString());
            Assert.Equal((1u, 0u), (Field(t, "SRAM2_RST"), Field(t, "BOR_LEV")));
            Assert.Equal(0, t.Simulation.ResetCount);
        }

        [Theory]
        [InlineData("Set-Stm32OptionByte RDP 0xCC", "IrreversibleOptionRefused", "-AllowIrreversible", "closed for good")]
        [InlineData("Set-Stm32OptionByte TZEN 1", "TrustZoneOptionRefused", "-AllowTrustZone", "erases all flash")]
        [InlineData("Set-Stm32OptionByte nSWBOOT0 0", "BootloaderLockoutRefused", "-AllowBootloaderLockout", "whatever the BOOT0 pin says")]
        [InlineData("Set-Stm32OptionByte -Setting @{ NSBOOTADD1 = 0x100000 }", "BootloaderLockoutRefused", "-AllowBootloaderLockout", "no longer points at the bootloader")]
        public void A_risky_change_is_refused_with_why_and_its_switch_and_nothing_is_written(string script, string id, string switchName, string why)
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            var error = Assert.Single(ps.Run(script + " -Confirm:$false").Errors);
            Assert.Equal($"{id},Stm32Flash.Commands.SetStm32OptionByteCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(why, error.ErrorDetails.Message);
            Assert.Contains(switchName, error.ErrorDetails.RecommendedAction);
            Assert.Equal(0, t.Simulation.ResetCount);
        }

        [Fact]
        public void With_its_switch_a_lockout_is_written_and_the_session_says_it_cannot_reach_the_chip_again()
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            var result = ps.Run("Set-Stm32OptionByte nSWBOOT0 0 -AllowBootloaderLockout -Confirm:$false").AssertNoErrors();
            Assert.Contains("now starts from flash, not the bootloader", Assert.Single(result.Warnings).Message);
            Assert.Equal(0x08000000u, t.Simulation.RunningFrom);

            var (ps2, t2) = Connected();
            using var _ps2 = ps2;
            ps2.Run("Set-Stm32OptionByte TZEN 1 -AllowTrustZone -Confirm:$false").AssertNoErrors();
            Assert.Equal(1u, Field(t2, "TZEN"));
        }

        [Theory]
        [InlineData("Set-Stm32OptionByte BOR_LEV 5", "OptionValueRefused", ErrorCategory.InvalidArgument, "BOR_LEV takes 0x0 (brown-out reset below about 1.7 V)")]
        [InlineData("Set-Stm32OptionByte BOR_LEV 0xFFFFFFFF", "OptionValueRefused", ErrorCategory.InvalidArgument, "0xFFFFFFFF is not a value of BOR_LEV: BOR_LEV has 3 bits")]
        [InlineData("Set-Stm32OptionByte BOOT0 1", "UnknownOptionByte", ErrorCategory.ObjectNotFound, "did you mean nSWBOOT0, nBOOT0?")]
        [InlineData("Set-Stm32OptionByte @{ nBOOT0 = 'high' }", "OptionValueRefused", ErrorCategory.InvalidArgument, "'high' is not a value for nBOOT0")]
        public void A_wrong_name_or_value_is_refused_before_anything_is_read_or_written(string script, string id, ErrorCategory category, string message)
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            var error = Assert.Single(ps.Run(script + " -Confirm:$false").Errors);
            Assert.Equal($"{id},Stm32Flash.Commands.SetStm32OptionByteCommand", error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Contains(message, error.ErrorDetails?.Message ?? error.Exception.Message);
            Assert.Equal(0, t.Simulation.ResetCount);
        }

        [Fact]
        public void A_product_without_a_field_map_is_refused_by_name()
        {
            var (ps, _) = Connected("STM32H723");
            using var _ps = ps;
            var error = Assert.Single(ps.Run("Set-Stm32OptionByte RDP 0xBB -Confirm:$false").Errors);
            Assert.Equal("NoOptionByteMap,Stm32Flash.Commands.SetStm32OptionByteCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Add-Stm32Device", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_bank_mode_change_gives_the_session_the_new_layout()
        {
            using var ps = new PsSession();
            ps.Run("$s = Connect-Stm32 -Simulator STM32G474; Set-Stm32OptionByte DBANK 0 -Confirm:$false").AssertNoErrors();
            Assert.Equal("512 KiB single bank", ps.Run("$s.Flash").Output.Single().ToString());
            var error = Assert.Single(ps.Run("Clear-Stm32Memory -Page 200 -Confirm:$false").Errors);
            Assert.Equal("NoSuchPage,Stm32Flash.Commands.ClearStm32MemoryCommand", error.FullyQualifiedErrorId);
        }

        [Theory]
        [InlineData("Get-Stm32OptionByte", "CanReadOptionBytes")]
        [InlineData("Set-Stm32OptionByte BOR_LEV 1 -Confirm:$false", "CanWriteOptionBytes")]
        [InlineData("Protect-Stm32 -Readout -Confirm:$false", "CanReadoutProtect")]
        [InlineData("Protect-Stm32 -Page 1 -Confirm:$false", "CanWriteProtect")]
        [InlineData("Unprotect-Stm32 -Readout -Confirm:$false", "CanReadoutProtect")]
        [InlineData("Unprotect-Stm32 -Write -Confirm:$false", "CanWriteProtect")]
        public void A_target_whose_capabilities_lack_it_is_refused_as_not_supported_with_the_reason(string script, string capability)
        {
            var (ps, t) = Connected();
            using var _ps = ps;
            t.Capabilities.CanReadOptionBytes = t.Capabilities.CanWriteOptionBytes = t.Capabilities.CanReadoutProtect = t.Capabilities.CanWriteProtect = false;
            var error = Assert.Single(ps.Run(script).Errors);
            Assert.StartsWith("NotSupported,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
            Assert.Contains(capability, error.ErrorDetails.Message);
            Assert.Equal(0, t.Simulation.ResetCount);
        }
    }
}
