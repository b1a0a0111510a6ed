using System.Linq;
using System.Management.Automation;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>Protect-Stm32 and Unprotect-Stm32 on the simulator: readout protection closes flash, lifting it erases flash; write protection by page.</summary>
    public class ProtectionCmdletTests
    {
        private static (PsSession Ps, SimulatedTarget Target) Connected(string device)
        {
            var ps = new PsSession();
            var session = ps.Run($"Connect-Stm32 -Simulator {device}").AssertNoErrors().Output.Single();
            return (ps, (SimulatedTarget)session.Methods["GetTarget"].Invoke());
        }

        [Fact]
        public void Readout_protection_refuses_reads_and_lifting_it_erases_flash()
        {
            var (ps, t) = Connected("STM32L552");
            using var _ps = ps;
            ps.Run("Get-HexSegment $args[0] | Write-Stm32Memory -Pad 8", Repo.PathOf("samples", "stm32l552-demo", "demo.hex")).AssertNoErrors();
            Assert.Equal(0, t.Simulation.ReadoutProtectionLevel);
            ps.Run("Protect-Stm32 -Readout -WhatIf").AssertNoErrors();
            Assert.Equal(0, t.Simulation.ReadoutProtectionLevel);

            var protect = ps.Run("Protect-Stm32 -Readout -Confirm:$false -Verbose").AssertNoErrors();
            Assert.Contains(protect.Verbose, v => v.Message == "STM32L552: reads are refused now (readout protection level 1).");
            var refused = Assert.Single(ps.Run("Read-Stm32Memory -Address 0x08000000 -Length 16").Errors);
            Assert.Equal("ReadoutProtected,Stm32Flash.Commands.ReadStm32MemoryCommand", refused.FullyQualifiedErrorId);
            Assert.Contains("Unprotect-Stm32 -Readout", refused.ErrorDetails.RecommendedAction);
            Assert.Equal("ReadoutProtected,Stm32Flash.Commands.GetStm32OptionByteCommand", Assert.Single(ps.Run("Get-Stm32OptionByte").Errors).FullyQualifiedErrorId);

            var unprotect = ps.Run("Unprotect-Stm32 -Readout -Confirm:$false -Verbose").AssertNoErrors();
            Assert.Contains(unprotect.Verbose, v => v.Message.Contains("mass-erases all 512 KiB of flash"));
            Assert.Empty(t.ExportFlash());
            Assert.Equal("level 0: open", ps.Run("(Get-Stm32OptionByte RDP).Meaning").AssertNoErrors().Output.Single().ToString());
        }

        [Fact]
        public void Write_protection_by_page_covers_whole_groups_refuses_writes_and_is_lifted()
        {
            var (ps, t) = Connected("STM32F103x8");
            using var _ps = ps;
            var protect = ps.Run("Protect-Stm32 -Page 5 -Confirm:$false -Verbose").AssertNoErrors();
            Assert.Contains(protect.Verbose, v => v.Message.Contains("pages 4..7 (a protection bit covers 4, 6, 7 too) (0x08001000..0x08002000)"));
            Assert.Contains(protect.Verbose, v => v.Message == "STM32F103x8: read back, pages 4..7 are write-protected.");
            Assert.Equal(new[] { 4, 5, 6, 7 }, t.Simulation.WriteProtectedPages.OrderBy(n => n));
            Assert.Equal("0xFD", ps.Run("(Get-Stm32OptionByte WRP0).ValueText").Output.Single().ToString());

            var refused = Assert.Single(ps.Run("[Stm32Flash.Segment]::new([uint32]0x08001400, [byte[]](1..16)) | Write-Stm32Memory").Errors);
            Assert.Equal("WriteProtected,Stm32Flash.Commands.WriteStm32MemoryCommand", refused.FullyQualifiedErrorId);

            ps.Run("Unprotect-Stm32 -Write -Confirm:$false").AssertNoErrors();
            Assert.Empty(t.Simulation.WriteProtectedPages);
            ps.Run("[Stm32Flash.Segment]::new([uint32]0x08001400, [byte[]](1..16)) | Write-Stm32Memory").AssertNoErrors();
        }

        [Fact]
        public void A_page_the_chip_lacks_or_more_areas_than_it_has_are_refused()
        {
            var (ps, t) = Connected("STM32L552");
            using var _ps = ps;
            var none = Assert.Single(ps.Run("Protect-Stm32 -Page 300 -Confirm:$false").Errors);
            Assert.Equal("NoSuchPage,Stm32Flash.Commands.ProtectStm32Command", none.FullyQualifiedErrorId);
            var three = Assert.Single(ps.Run("Protect-Stm32 -Page 1, 3, 5 -Confirm:$false").Errors);
            Assert.Equal("DeviceRefused,Stm32Flash.Commands.ProtectStm32Command", three.FullyQualifiedErrorId);
            Assert.Contains("has 2 write-protected area(s)", three.Exception.Message);
            Assert.Empty(t.Simulation.WriteProtectedPages);
        }
    }
}
