using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Planning;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>
    /// Ctrl+C (PowerShell.Stop, which calls StopProcessing) during a long library call sets the library's cancel flag
    /// (getCancelPointer): the fake's erase, busy for a minute, sees it and returns, and the pipeline stops.
    /// </summary>
    public class CancelTests : FakeLibraryTest
    {
        private static Runspace OpenRunspace()
        {
            var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            return runspace;
        }

        private static void RunIn(Runspace runspace, string script, params object[] args)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            ps.Invoke();
            Assert.False(ps.HadErrors, string.Join("\n", ps.Streams.Error));
        }

        [Theory]
        [InlineData("$args[0] | Write-Stm32Memory", "sectorErase")]
        [InlineData("Clear-Stm32Memory -All -Confirm:$false", "massErase")]
        public void Stopping_the_pipeline_cancels_the_library_call_in_progress(string script, string function)
        {
            var fake = Fake();
            using var runspace = OpenRunspace();
            try
            {
                RunIn(runspace, "Import-Module $args[0]; $null = Connect-Stm32 -Interface I2C -ApiPath $args[1] -I2cAddress 0x4A",
                    Repo.ManifestPath, Build.InstallFolder(FakeLibraryBuild.Default));
                fake.SetBusy(60_000);
                using var ps = PowerShell.Create();
                ps.Runspace = runspace;
                ps.AddScript(script).AddArgument(ForumImage.Build());
                var running = ps.BeginInvoke();

                var waited = Stopwatch.StartNew();
                while (fake.Counter("busy_entered") == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
                Assert.Equal(1, fake.Counter("busy_entered"));
                ps.Stop();

                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
                Assert.Equal(1, fake.Counter("cancel_seen"));
                Assert.EndsWith("-> -99", Assert.Single(fake.CallsTo(function)));
                Assert.Empty(fake.CallsTo("writeMemory"));
            }
            finally
            {
                fake.SetBusy(0);
                RunIn(runspace, "Get-Module Stm32Flash | Remove-Module");
            }
        }

        [Fact]
        public void After_a_cancelled_call_the_next_one_runs_normally()
        {
            var fake = Fake();
            using var runspace = OpenRunspace();
            try
            {
                RunIn(runspace, "Import-Module $args[0]; $null = Connect-Stm32 -Interface I2C -ApiPath $args[1] -I2cAddress 0x4A",
                    Repo.ManifestPath, Build.InstallFolder(FakeLibraryBuild.Default));
                fake.SetBusy(60_000);
                using (var ps = PowerShell.Create())
                {
                    ps.Runspace = runspace;
                    ps.AddScript("Clear-Stm32Memory -All -Confirm:$false");
                    var running = ps.BeginInvoke();
                    var waited = Stopwatch.StartNew();
                    while (fake.Counter("busy_entered") == 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
                    ps.Stop();
                    Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
                }
                fake.SetBusy(1);
                RunIn(runspace, "Clear-Stm32Memory -All -Confirm:$false");
                Assert.Equal(new[] { "massErase (null) -> -99", "massErase (null) -> 0" }, fake.CallsTo("massErase"));
            }
            finally
            {
                fake.SetBusy(0);
                RunIn(runspace, "Get-Module Stm32Flash | Remove-Module");
            }
        }
    }
}
