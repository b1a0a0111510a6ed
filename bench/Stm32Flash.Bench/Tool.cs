using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Stm32Flash.Bench
{
    /// <summary>Runs peer tools with a time limit.</summary>
    internal static class Tool
    {
        public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed);

        public static Result Run(string program, string arguments, TimeSpan limit, string? workingDirectory = null)
        {
            var output = new StringBuilder();
            var error = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory ?? "",
            }) ?? throw new BenchmarkException($"{program} did not start.");
            process.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (error) error.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)limit.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new BenchmarkException($"{program} {arguments} did not finish within {limit.TotalMinutes:0} min.");
            }
            process.WaitForExit();
            watch.Stop();
            return new Result(process.ExitCode, output.ToString(), error.ToString(), watch.Elapsed);
        }

        public static bool Exists(string program)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, program))) return true;
            }
            return false;
        }
    }
}
