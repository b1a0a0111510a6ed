using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// Runs the peer tools the tests use as oracles. A missing tool fails the test with the package to install:
    /// CI installs them in .ci/run, and a test that quietly skipped would prove nothing.
    /// </summary>
    public static class ExternalTool
    {
        private static readonly Dictionary<string, string> Packages = new Dictionary<string, string>
        {
            ["srec_cat"] = "srecord",
            ["objcopy"] = "binutils",
            ["arm-none-eabi-gcc"] = "gcc-arm-none-eabi (and libnewlib-arm-none-eabi)",
            ["arm-none-eabi-objcopy"] = "binutils-arm-none-eabi",
            ["arm-none-eabi-readelf"] = "binutils-arm-none-eabi",
            ["dfu-util"] = "dfu-util",
            ["dfu-suffix"] = "dfu-util",
            ["dfu-prefix"] = "dfu-util",
            ["dfuse-pack"] = "dfu-util (dfuse-pack also needs python3)",
        };

        public static string Find(string tool)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Concat(new[] { "/usr/bin", "/usr/local/bin" }))
            {
                if (dir.Length == 0) continue;
                var candidate = Path.Combine(dir, tool);
                if (File.Exists(candidate)) return candidate;
            }
            var package = Packages.TryGetValue(tool, out var p) ? p : tool;
            throw new XunitException($"The oracle tool '{tool}' is not installed. Install the Debian package {package} (.ci/run installs it for CI).");
        }

        /// <summary>Runs the tool; fails the test when it exits non-zero. Returns standard output.</summary>
        public static string Run(string tool, string workingDirectory, params string[] args)
        {
            var (exit, output, errors) = TryRun(tool, workingDirectory, args);
            if (exit != 0)
                throw new XunitException($"{tool} {string.Join(" ", args)} exited with {exit}:\n{errors}\n{output}");
            return output;
        }

        public static (int ExitCode, string Output, string Errors) TryRun(string tool, string workingDirectory, params string[] args)
        {
            var start = new ProcessStartInfo(Find(tool))
            {
                WorkingDirectory = workingDirectory,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new XunitException($"Could not start {tool}.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, errors.Result);
        }
    }
}
