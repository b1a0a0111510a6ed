using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>Every example in the device cmdlets' help runs on the simulator without errors.</summary>
    public class HelpExampleTests
    {
        private static readonly string[] Cmdlets =
        {
            "Connect-Stm32", "Disconnect-Stm32", "Write-Stm32Memory", "Test-Stm32Memory", "Read-Stm32Memory",
            "Clear-Stm32Memory", "Reset-Stm32", "Start-Stm32", "Get-Stm32FlashPlan",
        };

        public static IEnumerable<object[]> Examples() =>
            from name in Cmdlets
            let text = File.ReadAllText(Repo.PathOf("docs", name + ".md"))
            from Match m in Regex.Matches(text, "```powershell\n(.*?)\n```", RegexOptions.Singleline)
            select new object[] { name, m.Groups[1].Value };

        [Theory]
        [MemberData(nameof(Examples))]
        public void Example_runs(string cmdlet, string script)
        {
            using var ps = new PsSession();
            var result = ps.Run(script).AssertNoErrors();
            Assert.NotNull(cmdlet);
            Assert.Null(result.Terminating);
        }

        [Fact]
        public void Every_parameter_of_every_cmdlet_has_a_section()
        {
            using var ps = new PsSession();
            foreach (var name in Cmdlets)
            {
                var text = File.ReadAllText(Repo.PathOf("docs", name + ".md"));
                var parameters = ps.Run("(Get-Command $args[0]).Parameters.Keys", name).AssertNoErrors().Output.Select(o => o.ToString()).ToList();
                var common = new[] { "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
                    "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable" };
                foreach (var p in parameters.Except(common))
                    Assert.True(text.Contains($"### -{p}\n"), $"{name}.md has no section for -{p}");
                Assert.Equal(parameters.Except(common).Count(), Regex.Matches(text, "^### -", RegexOptions.Multiline).Count);
            }
        }
    }
}
