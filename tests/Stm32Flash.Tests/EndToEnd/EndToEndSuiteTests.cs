using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Tests.CubeProgrammer;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.EndToEnd
{
    /// <summary>
    /// The end-to-end Pester files in tests/EndToEnd, run by the real Pester 5 in the real pwsh the tool manifest pins:
    /// what the in-process engine does not show (compiled help, views in a real console's formatting, completion,
    /// progress, parallel runspaces, and the PowerShell conventions users hit). One pwsh runs them all; every file must
    /// report tests and every test must pass.
    /// </summary>
    public class EndToEndSuiteTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public EndToEndSuiteTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        [Fact]
        public void Every_end_to_end_Pester_test_passes_in_real_pwsh()
        {
            var files = Directory.GetFiles(Repo.PathOf("tests", "EndToEnd"), "*.Tests.ps1").OrderBy(f => f).ToList();
            Assert.NotEmpty(files);
            // Get-Stm32Probe's output is converted over the fake CubeProgrammer_API.
            var environment = new Dictionary<string, string?> { ["STM32FLASH_E2E_FAKE_API"] = FakeLibraryBuild.Instance.InstallFolder(FakeLibraryBuild.Default) };
            var run = PesterRun.Invoke(files, environment, timeout: System.TimeSpan.FromMinutes(6));
            // A test may skip with its reason where a tool is missing (sshd outside CI); on CI (CI=true) nothing may skip.
            var onCi = System.Environment.GetEnvironmentVariable("CI") == "true";
            var failed = run.Cases.Where(c => !c.Passed && !(c.Skipped && !onCi)).ToList();
            foreach (var skipped in run.Cases.Where(c => c.Skipped)) _output.WriteLine($"skipped: {skipped}");
            Assert.True(failed.Count == 0, string.Join("\n", failed) + "\n" + run.Process);
            foreach (var file in files)
                Assert.True(run.Cases.Any(c => c.File == file), $"{Path.GetFileName(file)} reported no tests (did discovery fail?)\n{run.Process}");
            Assert.Equal(0, run.Process.ExitCode);
        }
    }
}
