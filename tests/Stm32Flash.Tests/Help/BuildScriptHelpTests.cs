using System;
using System.IO;
using System.Linq;
using Stm32Flash.HelpCompiler;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// build.ps1 -Task Help hands docs/ to PlatyPS when it is loaded or installed. PlatyPS is not on this machine, so a
    /// stand-in module with PlatyPS's command names records what build.ps1 passes and writes a marker MAML file.
    /// </summary>
    public sealed class BuildScriptHelpTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "stm32flash-platyps-" + Guid.NewGuid().ToString("N"));
        private readonly string _culture;

        // platyPS 0.14: New-ExternalHelp -Path <md files> -OutputPath <folder> writes <external help file> and about_*.help.txt.
        private const string PlatyPS014 = """
            function New-ExternalHelp {
                param([string[]] $Path, [string] $OutputPath, [switch] $Force)
                [System.IO.File]::WriteAllLines([System.IO.Path]::Combine($OutputPath, 'Stm32Flash.dll-Help.xml'), [string[]](@('fake platyPS') + $Path))
            }
            """;

        // Microsoft.PowerShell.PlatyPS 1.x: Import-MarkdownCommandHelp | Export-MamlCommandHelp -OutputFolder writes <Module>-Help.xml.
        private const string PlatyPS1 = """
            function Import-MarkdownCommandHelp {
                param([string[]] $Path)
                foreach ($p in $Path) { [pscustomobject]@{ Path = $p } }
            }
            function Export-MamlCommandHelp {
                param([Parameter(ValueFromPipeline = $true)] $CommandHelp, [string] $OutputFolder, [switch] $Force)
                begin { $all = @() }
                process { $all += $CommandHelp }
                end {
                    $folder = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($OutputFolder, 'Stm32Flash')).FullName
                    [System.IO.File]::WriteAllLines([System.IO.Path]::Combine($folder, 'Stm32Flash-Help.xml'), [string[]](@('fake Microsoft.PowerShell.PlatyPS') + @($all | ForEach-Object { $_.Path })))
                }
            }
            """;

        public BuildScriptHelpTests()
        {
            _culture = Directory.CreateDirectory(Path.Combine(_root, "out", "Stm32Flash", Repo.ModuleVersion, "en-US")).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.ModuleFolder, "en-US")))
                File.Copy(file, Path.Combine(_culture, Path.GetFileName(file)));
        }

        public void Dispose() => Directory.Delete(_root, true);

        [Theory]
        [InlineData("platyPS", true)]
        [InlineData("Microsoft.PowerShell.PlatyPS", false)]
        public void Help_task_rewrites_the_MAML_with_PlatyPS_when_it_is_loaded(string moduleName, bool convertsAboutTopics)
        {
            var module = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "modules", moduleName)).FullName, moduleName + ".psm1");
            File.WriteAllText(module, moduleName == "platyPS" ? PlatyPS014 : PlatyPS1);
            var aboutBefore = File.ReadAllText(Path.Combine(_culture, HelpDocs.AboutTopic + ".help.txt"));

            using var session = new PsSession(importModule: false);
            var result = session.Run("Import-Module $args[0]; & $args[1] -Task Help -OutputPath $args[2]",
                module, Repo.PathOf("build.ps1"), Path.Combine(_root, "out")).AssertNoErrors();

            Assert.Contains(result.Output, o => o.ToString()!.Contains($"written by {moduleName}", StringComparison.Ordinal));
            var lines = File.ReadAllLines(Path.Combine(_culture, HelpDocs.MamlFileName));
            Assert.Equal("fake " + moduleName, lines[0]);
            var expected = HelpCompilation.SourceFiles(HelpDocs.Folder).Where(f => convertsAboutTopics || !HelpCompilation.IsAboutTopic(f));
            Assert.Equal(expected.OrderBy(f => f, StringComparer.Ordinal), lines.Skip(1).OrderBy(f => f, StringComparer.Ordinal));
            Assert.Equal(aboutBefore, File.ReadAllText(Path.Combine(_culture, HelpDocs.AboutTopic + ".help.txt")));
        }

        [Fact]
        public void Help_task_needs_a_built_module()
        {
            File.Delete(Path.Combine(_culture, HelpDocs.MamlFileName));
            using var session = new PsSession(importModule: false);
            var result = session.Run("& $args[0] -Task Help -OutputPath $args[1]", Repo.PathOf("build.ps1"), Path.Combine(_root, "out"));
            Assert.NotNull(result.Terminating);
            Assert.Contains("run the Build task first", result.Terminating!.Message);
        }
    }
}
