using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    public class UniqueIdCmdletTests
    {
        [Fact]
        public void A_session_reads_the_chips_unique_id_as_the_simulator_holds_it_and_says_why_when_refused()
        {
            using var ps = new PsSession();
            ps.Run("$o = [Stm32Flash.Targets.Simulation.SimulatorOptions]::new(); $o.UniqueIdSeed = 31; $s = Connect-Stm32 -Simulator STM32G474 -SimulatorOptions $o").AssertNoErrors();
            var read = ps.Run("$s.ReadUniqueId().ToString(); $s.GetTarget().Simulation.UniqueId.ToString()");
            read.AssertNoErrors();
            var texts = read.Output.Select(o => o.ToString()).ToList();
            Assert.Matches("^[0-9A-F]{24}$", texts[0]);
            Assert.Equal(texts[1], texts[0]);

            ps.Run("Protect-Stm32 -Readout -Confirm:$false").AssertNoErrors();
            var refused = ps.Run("$r = $s.ReadUniqueId(); \"[$r]\"; $r.Reason");
            refused.AssertNoErrors();
            Assert.Equal("[]", refused.Output[0].ToString());
            Assert.Contains("readout protection", refused.Output[1].ToString());
        }
    }
}
