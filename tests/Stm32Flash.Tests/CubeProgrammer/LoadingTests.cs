using System;
using System.IO;
using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.CubeProgrammer.Interop;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Loading the fake by full path: its dependency beside it, required exports, layout decisions, loaders path.</summary>
    public class LoadingTests : FakeLibraryTest
    {
        [Fact]
        public void A_dependency_beside_the_library_is_loaded_first_so_the_linker_finds_it()
        {
            var library = Build.LibraryPath(FakeLibraryBuild.Default);
            Assert.Equal(new[] { "libfakecubedep.so", "libc.so.6" }, ElfDependencies.Read(library));
            Assert.Contains("libfakecubedep.so: cannot open shared object file", Build.PlainDlopen(library));
            var log = new LogRecorder();
            var loaded = Load(log);
            Assert.Equal(new[] { Path.Combine(Path.GetDirectoryName(library)!, "libfakecubedep.so") }, loaded.PreloadedDependencies);
            Assert.Equal(42, Fake().DependencyValue);
            Assert.Contains(log.At(TargetLogLevel.Verbose), m => m.Contains("loaded first from its folder: libfakecubedep.so"));
        }

        [Fact]
        public void A_library_without_a_required_export_is_refused_naming_the_export()
        {
            var e = Assert.Throws<CubeProgrammerLoadException>(() => Load(new LogRecorder(), FakeLibraryBuild.MissingExport));
            Assert.Equal("writeMemory", e.MissingExport);
            Assert.Equal(Build.LibraryPath(FakeLibraryBuild.MissingExport), e.LibraryPath);
            Assert.Contains("'writeMemory'", e.Message);
        }

        [Fact]
        public void A_file_that_is_not_a_library_is_refused_with_the_loaders_reason()
        {
            var folder = Path.Combine(Path.GetTempPath(), "stm32flash-notalib-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var file = Path.Combine(folder, "libCubeProgrammer_API.so");
                File.WriteAllText(file, "not a shared object");
                var e = Assert.Throws<CubeProgrammerLoadException>(() =>
                    CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = folder }));
                Assert.Equal(file, e.LibraryPath);
                Assert.Null(e.MissingExport);
                Assert.Contains("could not be loaded", e.Message);
                Assert.Contains("libCubeProgrammer_API.so", e.Message);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [Fact]
        public void Without_a_version_signal_the_2_18_layout_is_assumed_with_a_warning_that_says_why()
        {
            var log = new LogRecorder();
            var library = Load(log);
            Assert.Equal(ApiLayoutVersion.V2_18, library.Layout.Version);
            Assert.True(library.Layout.IsFallback);
            Assert.Null(library.LoggedVersion);
            Assert.Contains(log.At(TargetLogLevel.Warning), m => m.Contains("struct layout V2_18") && m.Contains("shows no version") && m.Contains("ApiLayoutVersion"));
            Assert.DoesNotContain(log.At(TargetLogLevel.Verbose), m => m.Contains("struct layout"));
        }

        [Theory]
        [InlineData(2, 18, 0, ApiLayoutVersion.V2_18)]
        [InlineData(2, 19, 1, ApiLayoutVersion.V2_19)]
        [InlineData(2, 21, 0, ApiLayoutVersion.V2_21)]
        [InlineData(1, 0, 0, null)]
        [InlineData(10, 0, 19041, null)]
        [InlineData(3, 0, 0, null)]
        [InlineData(2, 1000, 0, null)]
        public void Only_a_plausible_2_x_file_version_chooses_the_layout(int major, int minor, int build, ApiLayoutVersion? expected)
        {
            var layout = ApiLayout.Decide(ApiLayoutVersion.Auto, new Version(major, minor, build), null, null);
            if (expected is ApiLayoutVersion version)
            {
                Assert.False(layout.IsFallback);
                Assert.Equal(version, layout.Version);
                Assert.Contains("file version", layout.Reason);
            }
            else
            {
                Assert.True(layout.IsFallback);
                Assert.Equal(ApiLayoutVersion.V2_18, layout.Version);
                Assert.Contains($"{major}.{minor}.{build} (file version) is not a plausible STM32CubeProgrammer 2.x version", layout.Reason);
            }
        }

        [Fact]
        public void An_implausible_file_version_gives_way_to_a_plausible_logged_one_and_a_stated_layout_wins_over_both()
        {
            var layout = ApiLayout.Decide(ApiLayoutVersion.Auto, new Version(1, 0, 0, 1), new Version(2, 20, 0), "API v2.20.0");
            Assert.Equal(ApiLayoutVersion.V2_19, layout.Version);
            Assert.Contains("API v2.20.0", layout.Reason);
            Assert.True(ApiLayout.Decide(ApiLayoutVersion.Auto, null, new Version(7, 1), "API v7.1").IsFallback);
            Assert.Equal(ApiLayoutVersion.V2_18, ApiLayout.Decide(ApiLayoutVersion.V2_18, new Version(2, 21), null, null).Version);
        }

        [Fact]
        public void The_version_the_library_logs_chooses_the_layout()
        {
            var log = new LogRecorder();
            var library = Load(log, FakeLibraryBuild.V219Logged);
            Assert.Equal(new Version(2, 19, 0), library.LoggedVersion);
            Assert.Equal(ApiLayoutVersion.V2_19, library.Layout.Version);
            Assert.Contains("STM32CubeProgrammer API v2.19.0", library.Layout.Reason);
        }

        [Fact]
        public void A_stated_layout_wins_over_the_logged_version()
        {
            var library = Load(new LogRecorder(), FakeLibraryBuild.V219Logged, ApiLayoutVersion.V2_18);
            Assert.Equal(ApiLayoutVersion.V2_18, library.Layout.Version);
            Assert.Equal("layout V2_18 as stated", library.Layout.Reason);
        }

        [Theory]
        [InlineData(2, 22, ApiLayoutVersion.V2_21)]
        [InlineData(2, 21, ApiLayoutVersion.V2_21)]
        [InlineData(2, 20, ApiLayoutVersion.V2_19)]
        [InlineData(2, 19, ApiLayoutVersion.V2_19)]
        [InlineData(2, 18, ApiLayoutVersion.V2_18)]
        [InlineData(2, 17, ApiLayoutVersion.V2_17)]
        public void Versions_map_to_layouts(int major, int minor, ApiLayoutVersion expected)
        {
            var layout = ApiLayout.ForApiVersion(new Version(major, minor), "test");
            Assert.Equal(expected, layout.Version);
            Assert.Contains($"{major}.{minor}", layout.Reason);
            Assert.Throws<ArgumentOutOfRangeException>(() => ApiLayout.ForApiVersion(new Version(2, 16), "test"));
        }

        [Fact]
        public void The_loaders_path_is_the_install_folders_bin_and_reaches_the_library()
        {
            var log = new LogRecorder();
            var fake = Fake();
            var library = Load(log);
            var expected = Path.Combine(Build.InstallFolder(FakeLibraryBuild.Default), "bin");
            Assert.Equal(expected, library.LoadersPath);
            Assert.True(library.LoadersFound);
            Assert.Equal(expected, fake.LoadersPath);
        }

        [Fact]
        public void A_stated_loaders_path_is_used_and_verbosity_reaches_the_library()
        {
            var fake = Fake();
            var loaders = Path.Combine(Build.Root, "stated-loaders");
            Directory.CreateDirectory(Path.Combine(loaders, "FlashLoader"));
            CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = Build.InstallFolder(FakeLibraryBuild.Default), LoadersPath = loaders, Verbosity = 3 });
            Assert.Equal(loaders, fake.LoadersPath);
            Assert.Equal(3, fake.Verbosity);
            Assert.Throws<DirectoryNotFoundException>(() => CubeProgrammerLibrary.Load(
                new CubeProgrammerLoadOptions { ApiPath = Build.InstallFolder(FakeLibraryBuild.Default), LoadersPath = "relative/loaders" }));
        }

        [Fact]
        public void Without_a_FlashLoader_folder_the_library_folder_is_passed_with_a_warning()
        {
            var fake = Fake();
            var log = new LogRecorder();
            var library = CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = Build.LibraryPath(FakeLibraryBuild.Default) }, log.Add);
            Assert.True(library.LoadersFound, "the install's bin/FlashLoader is found from the library file too");

            var bare = Path.Combine(Build.Root, "bare");
            Directory.CreateDirectory(bare);
            File.Copy(Build.LibraryPath(FakeLibraryBuild.Decoy), Path.Combine(bare, "libCubeProgrammer_API.so"), true);
            File.Copy(Path.Combine(Path.GetDirectoryName(Build.LibraryPath(FakeLibraryBuild.Decoy))!, "libfakecubedep.so"), Path.Combine(bare, "libfakecubedep.so"), true);
            var bareLog = new LogRecorder();
            var bareLibrary = CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = bare }, bareLog.Add);
            Assert.False(bareLibrary.LoadersFound);
            Assert.Equal(bare, bareLibrary.LoadersPath);
            Assert.Contains(bareLog.At(TargetLogLevel.Warning), m => m.Contains("No FlashLoader folder"));
        }

        [Fact]
        public void The_display_callbacks_are_set_with_three_function_pointers()
        {
            Load(new LogRecorder());
            var raw = Fake().LastStruct("displayCallBacks");
            Assert.Equal(24, raw.Length);
            Assert.All(new[] { 0, 8, 16 }, o => Assert.NotEqual(0L, BitConverter.ToInt64(raw, o)));
        }
    }
}
