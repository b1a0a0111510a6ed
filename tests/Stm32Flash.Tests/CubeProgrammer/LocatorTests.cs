using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Where the library is looked for, in which order, and what a miss says. Uses empty files: nothing is loaded here.</summary>
    public sealed class LocatorTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "stm32flash-locate-" + Guid.NewGuid().ToString("N"));

        public LocatorTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        private string Install(string name, string subfolder, string file)
        {
            var folder = Path.Combine(_root, name);
            Directory.CreateDirectory(Path.Combine(folder, subfolder));
            File.WriteAllText(Path.Combine(folder, subfolder, file), "");
            return folder;
        }

        private HostPlatform Linux(string? env = null, string? home = null) =>
            new HostPlatform(HostOs.Linux, v => v == CubeProgrammerLocator.EnvironmentVariable ? env : v == "HOME" ? home : null);

        [Fact]
        public void An_explicit_install_folder_finds_the_library_in_lib()
        {
            var folder = Install("explicit", "lib", "libCubeProgrammer_API.so");
            var found = CubeProgrammerLocator.Locate(folder, Linux());
            Assert.Equal(Path.Combine(folder, "lib", "libCubeProgrammer_API.so"), found.LibraryPath);
            Assert.Equal("explicit path", found.Origin);
        }

        [Fact]
        public void An_explicit_file_is_taken_as_is_and_the_so_1_name_is_found_too()
        {
            var folder = Install("versioned", "lib", "libCubeProgrammer_API.so.1");
            Assert.Equal(Path.Combine(folder, "lib", "libCubeProgrammer_API.so.1"), CubeProgrammerLocator.Locate(folder, Linux()).LibraryPath);
            var file = Path.Combine(folder, "lib", "libCubeProgrammer_API.so.1");
            Assert.Equal(file, CubeProgrammerLocator.Locate(file, Linux()).LibraryPath);
        }

        [Fact]
        public void Explicit_beats_the_environment_which_beats_the_standard_folder()
        {
            var home = Path.Combine(_root, "home");
            var standard = Install(Path.Combine("home", "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"), "lib", "libCubeProgrammer_API.so");
            var fromEnv = Install("env", "lib", "libCubeProgrammer_API.so");
            var explicitFolder = Install("explicit", "lib", "libCubeProgrammer_API.so");

            Assert.StartsWith(explicitFolder, CubeProgrammerLocator.Locate(explicitFolder, Linux(fromEnv, home)).LibraryPath);
            var viaEnv = CubeProgrammerLocator.Locate(null, Linux(fromEnv, home));
            Assert.StartsWith(fromEnv, viaEnv.LibraryPath);
            Assert.Equal($"environment variable {CubeProgrammerLocator.EnvironmentVariable}", viaEnv.Origin);
            var viaStandard = CubeProgrammerLocator.Locate(null, Linux(null, home));
            Assert.StartsWith(standard, viaStandard.LibraryPath);
            Assert.Equal("standard install folder", viaStandard.Origin);
        }

        [Fact]
        public void A_wrong_explicit_path_is_reported_not_passed_over()
        {
            var home = Path.Combine(_root, "home");
            Install(Path.Combine("home", "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"), "lib", "libCubeProgrammer_API.so");
            var wrong = Path.Combine(_root, "nowhere");
            var e = Assert.Throws<CubeProgrammerNotFoundException>(() => CubeProgrammerLocator.Locate(wrong, Linux(null, home)));
            var step = Assert.Single(e.Searched);
            Assert.Equal(wrong, step.Path);
            Assert.Equal("no such file or folder", step.Outcome);
        }

        [Fact]
        public void A_miss_lists_every_place_looked_and_says_what_to_install_or_set()
        {
            var home = Path.Combine(_root, "emptyhome");
            Directory.CreateDirectory(Path.Combine(home, "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"));
            var e = Assert.Throws<CubeProgrammerNotFoundException>(() => CubeProgrammerLocator.Locate(null, Linux(null, home)));
            var install = Path.Combine(home, "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer");
            var expected = new[] { "", "lib" }.SelectMany(sub => new[] { "libCubeProgrammer_API.so", "libCubeProgrammer_API.so.1" }
                .Select(n => Path.Combine(install, sub, n))).ToList();
            Assert.Equal(expected, e.Searched.Select(s => s.Path).ToList());
            Assert.All(e.Searched, s => Assert.Equal("no such file", s.Outcome));
            Assert.Contains("Install STM32CubeProgrammer", e.Message);
            Assert.Contains(CubeProgrammerLocator.EnvironmentVariable, e.Message);
            Assert.All(expected, p => Assert.Contains(p, e.Message));
        }

        [Fact]
        public void A_relative_path_is_refused_even_when_such_a_file_exists_relative_to_the_current_directory()
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, Install("rel", "lib", "libCubeProgrammer_API.so"));
            Assert.True(Directory.Exists(relative));
            var e = Assert.Throws<CubeProgrammerNotFoundException>(() => CubeProgrammerLocator.Locate(relative, Linux()));
            Assert.Contains("not a full path", Assert.Single(e.Searched).Outcome);
            var env = Assert.Throws<CubeProgrammerNotFoundException>(() => CubeProgrammerLocator.Locate(null, Linux(env: relative)));
            Assert.Contains("not a full path", Assert.Single(env.Searched).Outcome);
        }

        [Fact]
        public void Windows_looks_in_api_lib_under_each_program_files_folder()
        {
            var env = new Dictionary<string, string?> { ["ProgramW6432"] = @"C:\Program Files", ["ProgramFiles(x86)"] = @"C:\Program Files (x86)" };
            var platform = new HostPlatform(HostOs.Windows, v => env.TryGetValue(v, out var s) ? s : null);
            var folders = CubeProgrammerLocator.StandardInstallFolders(platform);
            Assert.Equal(new[]
            {
                Path.Combine(@"C:\Program Files", "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"),
                Path.Combine(@"C:\Program Files (x86)", "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"),
            }, folders);
            Assert.Contains(Path.Combine("api", "lib"), CubeProgrammerLocator.LibrarySubfolders(HostOs.Windows));
            Assert.Equal(new[] { "CubeProgrammer_API.dll" }, CubeProgrammerLocator.LibraryFileNames(HostOs.Windows));
        }

        [Fact]
        public void MacOs_looks_in_the_app_bundle()
        {
            var folders = CubeProgrammerLocator.StandardInstallFolders(new HostPlatform(HostOs.MacOs, _ => null));
            Assert.Equal(new[] { "/Applications/STMicroelectronics/STM32Cube/STM32CubeProgrammer/STM32CubeProgrammer.app/Contents/MacOs" }, folders);
            Assert.Contains("libCubeProgrammer_API.dylib", CubeProgrammerLocator.LibraryFileNames(HostOs.MacOs));
        }

        [Theory]
        [InlineData("")]
        [InlineData("STM32CubeProgrammer.app/Contents/MacOs")]
        [InlineData("STM32CubeProgrammer.app/Contents/MacOs/bin")]
        public void MacOs_finds_the_dylib_in_the_bundles_bin_from_the_install_the_bundle_or_bin_folder(string given)
        {
            var install = Install("mac", "STM32CubeProgrammer.app/Contents/MacOs/bin", "libCubeProgrammer_API.dylib");
            Directory.CreateDirectory(Path.Combine(install, "STM32CubeProgrammer.app/Contents/MacOs/api/lib"));
            var mac = new HostPlatform(HostOs.MacOs, _ => null);
            var found = CubeProgrammerLocator.Locate(Path.Combine(install, given), mac);
            Assert.Equal(Path.Combine(install, "STM32CubeProgrammer.app/Contents/MacOs/bin", "libCubeProgrammer_API.dylib"), found.LibraryPath);
            Assert.Equal("bin", CubeProgrammerLocator.LibrarySubfolders(HostOs.MacOs)[0]);
        }

        [Fact]
        public void The_loaders_folder_is_the_nearest_one_holding_FlashLoader()
        {
            var install = Install("loaders", "lib", "libCubeProgrammer_API.so");
            var library = Path.Combine(install, "lib", "libCubeProgrammer_API.so");
            Assert.Null(CubeProgrammerLocator.FindLoadersFolder(library));
            Directory.CreateDirectory(Path.Combine(install, "bin", "FlashLoader"));
            Assert.Equal(Path.Combine(install, "bin"), CubeProgrammerLocator.FindLoadersFolder(library));
            Directory.CreateDirectory(Path.Combine(install, "lib", "FlashLoader"));
            Assert.Equal(Path.Combine(install, "lib"), CubeProgrammerLocator.FindLoadersFolder(library));
        }
    }
}
