using System;
using System.IO;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Changes the process's current directory, so it runs alone, after the parallel tests.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class CurrentDirectoryCollection
    {
        public const string Name = "changes the current directory";
    }

    /// <summary>A decoy CubeProgrammer_API in the current directory is never the one loaded.</summary>
    [Collection(CurrentDirectoryCollection.Name)]
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
    }
}
