using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>
    /// Builds the fake CubeProgrammer_API (tests/native/fake_cubeprogrammer) with gcc once per test run, into a temporary
    /// folder laid out like an STM32CubeProgrammer install per variant: lib/ holds the API and the library it needs
    /// (libfakecubedep.so, found only because it sits beside the API), bin/FlashLoader/ the loaders folder.
    /// </summary>
    public sealed class FakeLibraryBuild
    {
        public const string V216 = "v2_16";
        public const string V216Logged = "v2_16_logged";
        public const string V217 = "v2_17";
        public const string Default = "v2_18";
        public const string V219Logged = "v2_19_logged";
        public const string V221 = "v2_21";
        public const string Decoy = "decoy";
        public const string MissingExport = "missing_export";

        private static readonly Lazy<FakeLibraryBuild> Shared = new Lazy<FakeLibraryBuild>(() => new FakeLibraryBuild());

        public static FakeLibraryBuild Instance => Shared.Value;

        /// <summary>One fake per ST header it follows (FAKE_API_VERSION), some logging a version line as a library might.</summary>
        private static readonly Dictionary<string, string[]> Variants = new Dictionary<string, string[]>
        {
            [V216] = new[] { "-DFAKE_API_VERSION=216" },
            [V216Logged] = new[] { "-DFAKE_API_VERSION=216", "-DFAKE_VERSION_TEXT=\"STM32CubeProgrammer API v2.16.0 | Linux-64Bits\"" },
            [V217] = new[] { "-DFAKE_API_VERSION=217" },
            [Default] = new[] { "-DFAKE_API_VERSION=218" },
            [V219Logged] = new[] { "-DFAKE_API_VERSION=219", "-DFAKE_VERSION_TEXT=\"STM32CubeProgrammer API v2.19.0 | Linux-64Bits\"" },
            [V221] = new[] { "-DFAKE_API_VERSION=221" },
            [Decoy] = new[] { "-DFAKE_IDENTITY=\"decoy\"" },
            [MissingExport] = new[] { "-DFAKE_OMIT_WRITEMEMORY", "-Wno-unused-function" },
        };

        private FakeLibraryBuild()
        {
            Root = Path.Combine(Path.GetTempPath(), "stm32flash-fakecube-" + Guid.NewGuid().ToString("N"));
            var source = Repo.PathOf("tests", "native", "fake_cubeprogrammer");
            System.Threading.Tasks.Parallel.ForEach(Variants, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, variant =>
            {
                var (name, defines) = (variant.Key, variant.Value);
                var lib = Path.Combine(Root, name, "lib");
                Directory.CreateDirectory(lib);
                Directory.CreateDirectory(Path.Combine(Root, name, "bin", "FlashLoader"));
                Gcc("-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-Wl,-soname,libfakecubedep.so",
                    "-o", Path.Combine(lib, "libfakecubedep.so"), Path.Combine(source, "fake_dependency.c"));
                var args = new List<string> { "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-pthread" };
                args.AddRange(defines);
                // No rpath: the dependency is found only because Stm32Flash loads the API's siblings first.
                args.AddRange(new[] { "-o", Path.Combine(lib, "libCubeProgrammer_API.so"), Path.Combine(source, "fake_cubeprogrammer.c"), Path.Combine(source, "fake_option_bytes.c"),
                    "-L" + lib, "-Wl,--no-as-needed", "-lfakecubedep" });
                Gcc(args.ToArray());
            });
            Gcc("-o", DlopenProbe, Path.Combine(source, "dlopen_probe.c"), "-ldl");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
        }

        /// <summary>A program that dlopens a library by full path the plain way, in a process of its own.</summary>
        public string DlopenProbe => Path.Combine(Root, "dlopen_probe");

        /// <summary>What a plain dlopen of <paramref name="library"/> says in a fresh process: "loaded" or the linker's error.</summary>
        public string PlainDlopen(string library)
        {
            var start = new ProcessStartInfo(DlopenProbe) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(library);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }

        public string Root { get; }

        /// <summary>The install folder of a variant (lib/, bin/FlashLoader/).</summary>
        public string InstallFolder(string variant) => Path.Combine(Root, variant);

        public string LibraryPath(string variant) => Path.Combine(Root, variant, "lib", "libCubeProgrammer_API.so");

        private static void Gcc(params string[] args)
        {
            var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("gcc did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(
                    "The CubeProgrammer tests build a fake CubeProgrammer_API from C and need gcc on PATH (Debian: apt-get install gcc libc6-dev).", e);
            }
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"gcc {string.Join(" ", args)} failed ({process.ExitCode}):\n{stderr.Result}");
        }
    }
}
