using System;
using System.Diagnostics;
using System.Text;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>Runs a program to completion with a time limit; kills it (and its children) when the limit passes.</summary>
    public static class ExternalTool
    {
        public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed)
        {
            public string Text => $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\nstdout:\n{Tail(Output)}\nstderr:\n{Tail(Error)}";

            private static string Tail(string s) => s.Length > 3000 ? "..." + s.Substring(s.Length - 3000) : s;
        }

        public static Result Run(string program, string arguments, TimeSpan timeout)
        {
            var info = new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var output = new StringBuilder();
            var error = new StringBuilder();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
            process.OutputDataReceived += (s, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (s, e) => { if (e.Data != null) lock (error) error.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit((int)timeout.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new TimeoutException($"{program} {arguments} did not finish within {timeout.TotalSeconds:0} s and was killed.\nstdout:\n{output}\nstderr:\n{error}");
            }
            process.WaitForExit();
            return new Result(process.ExitCode, output.ToString(), error.ToString(), watch.Elapsed);
        }

        /// <summary>True when the program is on PATH.</summary>
        public static bool Exists(string program)
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
            {
                if (dir.Length > 0 && System.IO.File.Exists(System.IO.Path.Combine(dir, program))) return true;
            }
            return false;
        }
    }
}
