using System;
using System.IO;
using System.Linq;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Tests that change the process's current directory or environment run alone, after the parallel tests.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessStateCollection
    {
        public const string Name = "changes process-wide state";
    }

    /// <summary>A decoy CubeProgrammer_API in the current directory is never the one loaded; the environment variable is honoured.</summary>
    [Collection(ProcessStateCollection.Name)]
    public class DecoyTests
    {
        [Fact]
        public void A_decoy_library_in_the_current_directory_is_not_loaded_or_found()
        {
            var build = FakeLibraryBuild.Instance;
            var decoyFolder = Path.GetDirectoryName(build.LibraryPath(FakeLibraryBuild.Decoy))!;
            var emptyHome = Path.Combine(build.Root, "decoy-home");
            Directory.CreateDirectory(emptyHome);
            var previous = Environment.CurrentDirectory;
            Environment.CurrentDirectory = decoyFolder;
            try
            {
                Assert.True(File.Exists("libCubeProgrammer_API.so"));
                var nothingConfigured = new HostPlatform(HostOs.Linux, v => v == "HOME" ? emptyHome : null);
                var e = Assert.Throws<CubeProgrammerNotFoundException>(() => CubeProgrammerLocator.Locate(null, nothingConfigured));
                Assert.All(e.Searched, s => Assert.StartsWith(emptyHome, s.Path));

                var library = CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = build.InstallFolder(FakeLibraryBuild.Default) });
                Assert.Equal(build.LibraryPath(FakeLibraryBuild.Default), library.LibraryPath);
                Assert.Equal("fake", new FakeApi(library.LibraryPath).Identity);
                Assert.Equal("decoy", new FakeApi(build.LibraryPath(FakeLibraryBuild.Decoy)).Identity);
            }
            finally
            {
                Environment.CurrentDirectory = previous;
            }
        }
    
        [Fact]
        public void The_readme_example_runs_with_the_environment_variable()
        {
            var build = FakeLibraryBuild.Instance;
            var fake = new FakeApi(build.LibraryPath(FakeLibraryBuild.Default));
            fake.Reset();
            var block = System.Linq.Enumerable.Range(0, 256).Select(i => (byte)(i * 7)).ToArray();
            var lines = new System.Collections.Generic.List<string>();
            Environment.SetEnvironmentVariable(CubeProgrammerLocator.EnvironmentVariable, build.InstallFolder(FakeLibraryBuild.Default));
            try
            {
                // As in README.md, with Console.WriteLine collected.
                var api = CubeProgrammerLibrary.Load(log: (level, text) => lines.Add($"{level}: {text}"));
                using var target = api.Connect(new I2cConnectOptions { Address = 0x4A, SpeedKHz = 400 });
                target.ErasePages(new[] { 0 });
                target.Write(0x08000000, block);

                Assert.Equal(build.LibraryPath(FakeLibraryBuild.Default), api.LibraryPath);
                Assert.Equal($"environment variable {CubeProgrammerLocator.EnvironmentVariable}", api.Location.Origin);
            }
            finally
            {
                Environment.SetEnvironmentVariable(CubeProgrammerLocator.EnvironmentVariable, null);
            }
            Assert.Equal(block, fake.ReadFlash(0x08000000, 256));
            Assert.Contains(lines, l => l.StartsWith("Warning: CubeProgrammer_API struct layout V2_18", StringComparison.Ordinal));
        }
    }
}
