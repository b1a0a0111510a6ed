using System;
using System.Collections;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    /// <summary>What build.ps1 -Task Package must produce: a module folder Publish-Module takes, and a NuGet package for C#.</summary>
    internal static class PackageContents
    {
        /// <summary>Every assembly in the folder is Stm32Flash.dll or one it needs (directly or through another there): no test or tool assemblies.</summary>
        public static void AssertOnlyWhatTheModuleLoads(string folder)
        {
            var files = Directory.GetFiles(folder, "*.dll", SearchOption.AllDirectories).ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase);
            var reached = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new System.Collections.Generic.Stack<string>(new[] { "Stm32Flash" });
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                if (!files.TryGetValue(name, out var path) || !reached.Add(name)) continue;
                using var pe = new PEReader(File.OpenRead(path));
                var metadata = pe.GetMetadataReader();
                foreach (var handle in metadata.AssemblyReferences)
                    pending.Push(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            }
            Assert.Equal(files.Keys.OrderBy(k => k), reached.OrderBy(k => k));
            Assert.DoesNotContain(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName),
                f => f!.Contains("Test", StringComparison.OrdinalIgnoreCase) || f.Contains("HelpCompiler", StringComparison.Ordinal) || f.EndsWith(".deps.json", StringComparison.Ordinal));
        }

        /// <summary>What Publish-Module needs from the manifest: a description, an author, and PSData with tags, licence and release notes.</summary>
        public static void AssertPublishable(PsSession ps, string manifest)
        {
            var module = (PSModuleInfo)ps.Run("Test-ModuleManifest -Path $args[0]", manifest).AssertNoErrors().Output.Single().BaseObject;
            Assert.False(string.IsNullOrWhiteSpace(module.Description));
            Assert.False(string.IsNullOrWhiteSpace(module.Author));
            var psData = (Hashtable)((Hashtable)module.PrivateData)["PSData"]!;
            Assert.Contains("STM32", (object[])psData["Tags"]!);
            Assert.StartsWith("https://", (string)psData["LicenseUri"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)psData["ReleaseNotes"]));
            Assert.All(module.ExportedFormatFiles, f => Assert.True(File.Exists(f), f));
        }

        /// <summary>The Stm32Flash.Core package: metadata, its own README, the assembly with its XML documentation, symbols.</summary>
        public static void AssertNuGetPackage(string folder)
        {
            var nupkg = Assert.Single(Directory.GetFiles(folder, $"Stm32Flash.Core.{Repo.ModuleVersion}.nupkg"));
            Assert.Single(Directory.GetFiles(folder, $"Stm32Flash.Core.{Repo.ModuleVersion}.snupkg"));
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.GetEntry("Stm32Flash.Core.nuspec")!.Open());
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            string Meta(string name) => (string?)metadata.Element(ns + name) ?? "";
            Assert.Equal("Stm32Flash.Core", Meta("id"));
            Assert.Equal(Repo.ModuleVersion, Meta("version"));
            Assert.Equal("expression", (string?)metadata.Element(ns + "license")!.Attribute("type"));
            Assert.Equal("MIT", Meta("license"));
            Assert.Contains("STM32", Meta("description"));
            Assert.Contains("stm32", Meta("tags").Split(' '));
            Assert.Equal("README.md", Meta("readme"));
            Assert.NotNull(metadata.Element(ns + "repository"));
            Assert.Contains(metadata.Descendants(ns + "dependency"), d => (string?)d.Attribute("id") == "System.Memory");

            using (var reader = new StreamReader(zip.GetEntry("README.md")!.Open()))
                Assert.Equal(File.ReadAllText(Repo.PathOf("src", "Stm32Flash.Core", "README.md")), reader.ReadToEnd());
            var lib = zip.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.FullName).OrderBy(n => n);
            Assert.Equal(new[] { "lib/netstandard2.0/Stm32Flash.Core.dll", "lib/netstandard2.0/Stm32Flash.Core.xml" }, lib);
            var docs = XDocument.Load(zip.GetEntry("lib/netstandard2.0/Stm32Flash.Core.xml")!.Open());
            Assert.Contains(docs.Descendants("member"), m => (string?)m.Attribute("name") == "T:Stm32Flash.Planning.FlashPlanner");
        }
    }
}
