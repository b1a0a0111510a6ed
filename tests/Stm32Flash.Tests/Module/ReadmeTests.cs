using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    /// <summary>The README's quick-start commands are the ones that work.</summary>
    public class ReadmeTests
    {
        private static readonly string Readme = File.ReadAllText(Repo.PathOf("README.md"));

        private static string QuickStartLine(string startsWith) =>
            Readme.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(startsWith, System.StringComparison.Ordinal));

        [Fact]
        public void Main_job_command_builds_the_module_and_its_script_verifies_the_sample_on_the_simulator()
        {
            var line = QuickStartLine("dotnet build src/Stm32Flash && pwsh ");
            var script = Regex.Match(line, "-Command '([^']+)'$").Groups[1].Value;
            Assert.StartsWith("Import-Module ./out/Stm32Flash;", script);

            using var ps = new PsSession(importModule: false);
            ps.SetLocation(Repo.Root);
            var results = ps.Run(script).AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(new uint[] { 0x08000000, 0x08008000, 0x08010000, 0x0807F800 }, results.Select(r => r.Address));
            Assert.All(results, r => Assert.True(r.Match, $"0x{r.Address:X8} did not verify"));
        }

        [Fact]
        public void Test_command_is_the_one_CI_runs()
        {
            var command = QuickStartLine("dotnet test ");
            var ci = File.ReadAllLines(Repo.PathOf(".ci", "run")).Select(l => l.Trim());
            Assert.Contains(command, ci);
        }
    }
}
