using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>Connect-Stm32 -Simulator with -FlashSize, -OptionBit or a full part number simulates the chip they describe.</summary>
    public class SimulatedChipCmdletTests
    {
        [Fact]
        public void OptionBit_and_FlashSize_make_the_chip_and_the_session_says_so()
        {
            using var ps = new PsSession();
            var session = ps.Run("Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBANK = 0 } -Verbose").AssertNoErrors();
            var device = (DeviceInfo)session.Output.Single().Properties["Device"].Value;
            Assert.Equal("single bank", device.Layout!.Name);
            Assert.Equal(4096, device.Flash.PageAt(0x08040000)!.Size);
            Assert.Equal("512 KiB single bank", session.Output.Single().Properties["Flash"].Value);
            Assert.Contains(session.Verbose, v => v.Message.Contains("single bank") && v.Message.Contains("DBANK=0"));

            // Pages of the single-bank layout: a write at 0x08041000 erases page 65 (4 KiB), not page 130 of the dual-bank layout.
            var steps = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08041000, [byte[]]::new(64)) | Get-Stm32FlashPlan").AssertNoErrors().Output;
            Assert.Contains(steps, s => s.ToString()!.Contains("Erase 0x08041000..0x08042000: erase pages 65 (4 KiB)"));

            var small = (DeviceInfo)ps.Run("(Connect-Stm32 -Simulator STM32G474 -FlashSize 128KB).Device").AssertNoErrors().Output.Single().BaseObject;
            Assert.Equal(128 * 1024, small.FlashSize);
            var byPart = (DeviceInfo)ps.Run("(Connect-Stm32 -Simulator STM32G474RBT6).Device").AssertNoErrors().Output.Single().BaseObject;
            Assert.Equal(small.Flash.Ranges, byPart.Flash.Ranges);

            // The options object given stays as it was, so it can be given again for another device.
            var kept = ps.Run("$o = [Stm32Flash.Targets.Simulation.SimulatorOptions]::new(); $null = Connect-Stm32 -Simulator STM32G474RB -SimulatorOptions $o -OptionBit @{ DBANK = 0 }; " +
                "$null = Connect-Stm32 -Simulator STM32F103C8T6 -SimulatorOptions $o; $o.FlashSize -eq $null -and $o.OptionBits.Count -eq 0").AssertNoErrors().Output.Single();
            Assert.True((bool)kept.BaseObject);
        }

        [Theory]
        [InlineData("Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBNAK = 0 }", "no layout option bit 'DBNAK'")]
        [InlineData("Connect-Stm32 -Simulator STM32F405 -OptionBit @{ DBANK = 0 }", "its layout is fixed")]
        [InlineData("Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBANK = 2 }", "0 or 1")]
        [InlineData("Connect-Stm32 -Simulator STM32G474 -FlashSize 1MB", "at most 512 KiB")]
        [InlineData("Connect-Stm32 -Simulator STM32L552 -OptionBit @{ DBANK = 'x' }", "Int32")]
        public void A_chip_the_product_cannot_be_is_refused_saying_why(string script, string why)
        {
            var error = Assert.Single(PsSession.RunOnce(script).Errors);
            Assert.Equal("SimulatedChipInvalid,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(why, error.ErrorDetails.Message);
            Assert.Contains("Get-Stm32Device", error.ErrorDetails.RecommendedAction);
        }
    }
}
