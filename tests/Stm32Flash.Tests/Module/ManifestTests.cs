using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    public class ManifestTests
    {
        private static PSModuleInfo ReadManifest(PsSession ps, string path) =>
            (PSModuleInfo)ps.Run("Test-ModuleManifest -Path $args[0]", path).AssertNoErrors().Output.Single().BaseObject;

        [Fact]
        public void Test_ModuleManifest_accepts_the_built_manifest()
        {
            using var ps = new PsSession(importModule: false);
            var result = ps.Run("Test-ModuleManifest -Path $args[0]", Repo.ManifestPath).AssertNoErrors();
            var module = result.Single<PSModuleInfo>();
            Assert.Equal("Stm32Flash", module.Name);
            Assert.Equal(new Version(Repo.ModuleVersion), module.Version);
        }

        [Fact]
        public void Manifest_declares_both_editions_51_and_explicit_exports()
        {
            using var ps = new PsSession(importModule: false);
            var m = (PSModuleInfo)ps.Run("Test-ModuleManifest -Path $args[0]", Repo.ManifestPath).AssertNoErrors().Output.Single().BaseObject;
            Assert.Equal(new[] { "Core", "Desktop" }, m.CompatiblePSEditions.OrderBy(e => e));
            Assert.Equal(new Version(5, 1), m.PowerShellVersion);
            Assert.NotEqual(Guid.Empty, m.Guid);
            Assert.Contains("Stm32Flash.format.ps1xml", m.ExportedFormatFiles.Select(Path.GetFileName));

            var text = File.ReadAllText(Repo.SourceManifestPath);
            var exports = text.Substring(text.IndexOf("CmdletsToExport", StringComparison.Ordinal));
            exports = exports.Substring(0, exports.IndexOf(')') + 1);
            Assert.DoesNotContain("*", exports);
            Assert.Empty(m.ExportedFunctions);
            Assert.Empty(m.ExportedAliases);
        }

        [Fact]
        public void Root_module_names_the_built_assembly_exactly()
        {
            using var ps = new PsSession(importModule: false);
            var result = ps.Run("(Test-ModuleManifest -Path $args[0]).RootModule", Repo.ManifestPath).AssertNoErrors();
            var root = (string)result.Output.Single().BaseObject;
            Assert.True(File.Exists(Path.Combine(Repo.ModuleFolder, root)), $"{root} is not in {Repo.ModuleFolder} (file names are case-sensitive on Linux)");
        }

        [Fact]
        public void Imported_module_exports_exactly_the_manifest_cmdlets_and_every_cmdlet_class()
        {
            using var ps = new PsSession();
            var exported = ps.Run("Get-Command -Module Stm32Flash | ForEach-Object Name").AssertNoErrors()
                .Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
            var manifest = ps.Run("(Test-ModuleManifest -Path $args[0]).ExportedCmdlets.Keys", Repo.ManifestPath).AssertNoErrors()
                .Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
            Assert.NotEmpty(exported);
            Assert.Equal(manifest, exported);

            var assembly = System.Reflection.Assembly.LoadFrom(Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll"));
            var declared = assembly.GetExportedTypes()
                .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().SingleOrDefault())
                .Where(a => a != null)
                .Select(a => $"{a!.VerbName}-{a.NounName}")
                .OrderBy(n => n).ToList();
            Assert.Equal(declared, exported);
        }

        [Fact]
        public void Every_cmdlet_uses_an_approved_verb()
        {
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
                    typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields())
                .Select(f => (string)f.GetValue(null)!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            using var ps = new PsSession();
            var verbs = ps.Run("Get-Command -Module Stm32Flash | ForEach-Object Verb").AssertNoErrors().Output.Select(o => (string)o.BaseObject).ToList();
            Assert.NotEmpty(verbs);
            Assert.All(verbs, v => Assert.Contains(v, approved));
        }

        [Fact]
        public void Source_and_built_manifests_agree_with_the_build_version()
        {
            using var ps = new PsSession(importModule: false);
            var built = ReadManifest(ps, Repo.ManifestPath);
            Assert.Equal(new Version(Repo.ModuleVersion), built.Version);
            Assert.Equal(File.ReadAllText(Repo.SourceManifestPath), File.ReadAllText(Repo.ManifestPath));
            var assemblyVersion = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll")).Version!;
            Assert.Equal(new Version(Repo.ModuleVersion), new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build));
        }
    }
}
