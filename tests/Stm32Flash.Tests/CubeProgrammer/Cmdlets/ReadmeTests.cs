using System;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Planning;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>README's PowerShell lines for an installed STM32CubeProgrammer, run as written with the fake's folder for ST's.</summary>
    public class ReadmeTests : FakeLibraryTest
    {
        [Fact]
        public void The_readme_example_lists_probes_connects_writes_tests_and_disconnects()
        {
            var fake = Fake();
            var readme = System.IO.File.ReadAllText(Repo.PathOf("README.md")).Replace("\r\n", "\n");
            var section = readme.Substring(readme.IndexOf("## Using an installed STM32CubeProgrammer", StringComparison.Ordinal));
            var script = Regex.Match(section, "```powershell\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value;
            Assert.Contains("'/opt/st/STM32CubeProgrammer'", script);
            script = script.Replace("'/opt/st/STM32CubeProgrammer'", "$args[1]");
            using var shell = new CubeShell();
            try
            {
                var result = shell.Run("$segments = $args[0]\n" + script, ForumImage.Build(), Build.InstallFolder(FakeLibraryBuild.Default)).AssertNoErrors();
                Assert.Equal(3, result.Output.Count(o => o.BaseObject is StLinkProbe || o.BaseObject is DfuDevice));
                var verified = result.Output.Select(o => o.BaseObject).OfType<VerifyResult>().ToList();
                Assert.Equal(5, verified.Count);
                Assert.All(verified, v => Assert.True(v.Match));
                Assert.Equal("disconnect", fake.Calls[^1]);
            }
            finally
            {
                Environment.SetEnvironmentVariable(CubeProgrammerLocator.EnvironmentVariable, null);
            }
        }
    }
}
