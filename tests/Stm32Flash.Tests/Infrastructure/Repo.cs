using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>Paths of the repository and of the built module, as the build recorded them.</summary>
    public static class Repo
    {
        private static string Metadata(string key) =>
            typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");

        public static string Root { get; } = Path.GetFullPath(Metadata("RepoRoot"));

        public static string ModuleVersion { get; } = Metadata("ModuleVersion");

        public static string ModuleFolder { get; } = Path.Combine(Root, "out", "Stm32Flash", ModuleVersion);

        public static string ManifestPath { get; } = Path.Combine(ModuleFolder, "Stm32Flash.psd1");

        public static string SourceManifestPath { get; } = Path.Combine(Root, "Stm32Flash.psd1");

        public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());
    }
}
