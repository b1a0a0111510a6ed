using System;
using System.IO;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    /// <summary>build.ps1 runs in the in-process engine (core cmdlets and dotnet only) and produces an importable package.</summary>
    public class BuildScriptTests
    {
        [Fact]
        public void Package_then_Clean_in_the_hosted_engine()
        {
            var output = Path.Combine(Path.GetTempPath(), "stm32flash-build-" + Guid.NewGuid().ToString("N"));
            try
            {
                using (var ps = new PsSession(importModule: false))
                {
                    var result = ps.Run("& $args[0] -Task Package -OutputPath $args[1]", Repo.PathOf("build.ps1"), output).AssertNoErrors();
                    Assert.Contains(result.Output, o => o.ToString().StartsWith("Module package:", StringComparison.Ordinal));
                }

                var folder = Path.Combine(output, "Stm32Flash", Repo.ModuleVersion);
                Assert.True(File.Exists(Path.Combine(folder, "Stm32Flash.psd1")));
                Assert.True(File.Exists(Path.Combine(folder, "Stm32Flash.dll")));
                Assert.True(File.Exists(Path.Combine(folder, "en-US", "Stm32Flash.dll-Help.xml")), "the package has no help");
                Assert.False(File.Exists(Path.Combine(folder, "System.IO.Ports.dll")), "the netstandard System.IO.Ports stub must not ship");
                Assert.Single(Directory.GetFiles(Path.Combine(output, "nuget"), $"Stm32Flash.Core.{Repo.ModuleVersion}.nupkg"));

                // One process can load only one Stm32Flash.dll, and the tests already hold the Debug build, so the
                // package is checked the way Publish-Module checks it: through its manifest.
                using (var ps = new PsSession(importModule: false))
                {
                    var packaged = ps.Run("(Test-ModuleManifest -Path $args[0]).ExportedCmdlets.Keys", Path.Combine(folder, "Stm32Flash.psd1"))
                        .AssertNoErrors().Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
                    var built = ps.Run("(Test-ModuleManifest -Path $args[0]).ExportedCmdlets.Keys", Repo.ManifestPath)
                        .AssertNoErrors().Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
                    Assert.NotEmpty(packaged);
                    Assert.Equal(built, packaged);
                }

                using (var ps = new PsSession(importModule: false))
                {
                    ps.Run("& $args[0] -Task Clean -Configuration Release -OutputPath $args[1]", Repo.PathOf("build.ps1"), output).AssertNoErrors();
                }
                Assert.False(Directory.Exists(output));
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, true);
            }
        }
    }
}
