using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// Finds the CubeProgrammer_API library by full path: an explicit path (the library file or an install folder), else
    /// the folder or file named by <see cref="EnvironmentVariable"/>, else the standard install folders. The first source
    /// that is given is the only one used, so a wrong explicit path is reported rather than passed over. Relative paths
    /// are refused: nothing is looked up in the current directory or on a search path.
    /// </summary>
    public static class CubeProgrammerLocator
    {
        public const string EnvironmentVariable = "STM32FLASH_CUBEPROGRAMMER_API";

        private const string MacInstallFolder = "/Applications/STMicroelectronics/STM32Cube/STM32CubeProgrammer";

        /// <summary>The app bundle's executable folder under the macOS install folder.</summary>
        private static readonly string MacBundleFolder = Path.Combine("STM32CubeProgrammer.app", "Contents", "MacOs");

        public static IReadOnlyList<string> LibraryFileNames(HostOs os) => os switch
        {
            HostOs.Windows => new[] { "CubeProgrammer_API.dll" },
            HostOs.MacOs => new[] { "libCubeProgrammer_API.dylib", "libCubeProgrammer_API.1.dylib" },
            _ => new[] { "libCubeProgrammer_API.so", "libCubeProgrammer_API.so.1" },
        };

        /// <summary>
        /// Where, under an install folder, each OS's package keeps the API library. On macOS ST's API documentation puts the
        /// dylibs (libCubeProgrammer_API.dylib with libFileManager, libSTLinkUSBDriver and the Qt frameworks) in the app
        /// bundle's Contents/MacOs/bin, so the bundle's folder, the install folder above the bundle and bin itself all work.
        /// </summary>
        public static IReadOnlyList<string> LibrarySubfolders(HostOs os) => os switch
        {
            HostOs.Windows => new[] { "", Path.Combine("api", "lib") },
            HostOs.MacOs => new[] { "bin", "", Path.Combine(MacBundleFolder, "bin"), Path.Combine("api", "lib") },
            _ => new[] { "", "lib" },
        };

        public static IReadOnlyList<string> StandardInstallFolders(HostPlatform platform)
        {
            var folders = new List<string>();
            switch (platform.Os)
            {
                case HostOs.Windows:
                    foreach (var variable in new[] { "ProgramW6432", "ProgramFiles", "ProgramFiles(x86)" })
                    {
                        var root = platform.Environment(variable);
                        if (!string.IsNullOrEmpty(root))
                            folders.Add(Path.Combine(root!, "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"));
                    }
                    if (folders.Count == 0) folders.Add(@"C:\Program Files\STMicroelectronics\STM32Cube\STM32CubeProgrammer");
                    break;
                case HostOs.MacOs:
                    folders.Add(MacInstallFolder + "/STM32CubeProgrammer.app/Contents/MacOs");
                    break;
                default:
                    var home = platform.Environment("HOME");
                    if (!string.IsNullOrEmpty(home))
                        folders.Add(Path.Combine(home!, "STMicroelectronics", "STM32Cube", "STM32CubeProgrammer"));
                    break;
            }
            return folders.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>The library's full path; throws <see cref="CubeProgrammerNotFoundException"/> listing every place looked at.</summary>
        public static LibraryLocation Locate(string? explicitPath, HostPlatform? platform = null)
        {
            platform ??= HostPlatform.Current;
            var steps = new List<LibrarySearchStep>();
            string? found;
            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                found = Probe(explicitPath!, "explicit path", platform.Os, steps);
            }
            else if (platform.Environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            {
                found = Probe(fromEnvironment, $"environment variable {EnvironmentVariable}", platform.Os, steps);
            }
            else
            {
                found = null;
                var folders = StandardInstallFolders(platform);
                if (folders.Count == 0)
                    steps.Add(new LibrarySearchStep("standard install folder", "(none)", "HOME is not set, so there is no standard folder to look in"));
                foreach (var folder in folders)
                {
                    found = Probe(folder, "standard install folder", platform.Os, steps);
                    if (found != null) break;
                }
            }
            if (found is null)
                throw new CubeProgrammerNotFoundException(steps, Advice(platform));
            return new LibraryLocation(found, steps[steps.Count - 1].Origin, steps);
        }

        private static string? Probe(string path, string origin, HostOs os, List<LibrarySearchStep> steps)
        {
            if (os != HostOs.Windows && path.Length >= 2 && char.IsLetter(path[0]) && path[1] == ':')
            {
                steps.Add(new LibrarySearchStep(origin, path, $"a Windows path; {(os == HostOs.MacOs ? "macOS" : "Linux")} has no drive letters"));
                return null;
            }
            if (!Path.IsPathRooted(path))
            {
                steps.Add(new LibrarySearchStep(origin, path, "not a full path (relative paths are not resolved against the current directory)"));
                return null;
            }
            if (File.Exists(path))
            {
                steps.Add(new LibrarySearchStep(origin, path, "found"));
                return Path.GetFullPath(path);
            }
            if (!Directory.Exists(path))
            {
                steps.Add(new LibrarySearchStep(origin, path, "no such file or folder"));
                return null;
            }
            foreach (var sub in LibrarySubfolders(os))
            {
                foreach (var name in LibraryFileNames(os))
                {
                    var candidate = Path.Combine(path, sub, name);
                    if (File.Exists(candidate))
                    {
                        steps.Add(new LibrarySearchStep(origin, candidate, "found"));
                        return Path.GetFullPath(candidate);
                    }
                    steps.Add(new LibrarySearchStep(origin, candidate, "no such file"));
                }
            }
            return null;
        }

        private static string Advice(HostPlatform platform)
        {
            var install = platform.Os switch
            {
                HostOs.Windows => @"C:\Program Files\STMicroelectronics\STM32Cube\STM32CubeProgrammer (the API is in api\lib)",
                HostOs.MacOs => MacInstallFolder + " (the API is in STM32CubeProgrammer.app/Contents/MacOs/bin)",
                _ => "~/STMicroelectronics/STM32Cube/STM32CubeProgrammer (the API is in lib/)",
            };
            return $"Install STM32CubeProgrammer (ST's STM32CubeProg, which includes the API) to its default folder, {install}; " +
                   $"or set {EnvironmentVariable} to the full path of the library or of the install folder; " +
                   "or pass that full path explicitly.";
        }

        /// <summary>
        /// The folder to hand to setLoadersPath: the first of the library's folder, its parent and grandparent (or their
        /// bin/) that holds a FlashLoader folder. Null when there is none; bootloader interfaces do not need it.
        /// </summary>
        public static string? FindLoadersFolder(string libraryPath)
        {
            var folder = Path.GetDirectoryName(libraryPath);
            for (var i = 0; i < 3 && !string.IsNullOrEmpty(folder); i++)
            {
                if (Directory.Exists(Path.Combine(folder!, "FlashLoader"))) return folder;
                var bin = Path.Combine(folder!, "bin");
                if (Directory.Exists(Path.Combine(bin, "FlashLoader"))) return bin;
                folder = Path.GetDirectoryName(folder);
            }
            return null;
        }
    }
}
