using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Linq;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// A real pwsh process: the PowerShell tool that the repository's tool manifest (.config/dotnet-tools.json) pins, run
    /// with `dotnet pwsh` from the repository root, so what users get on a machine with only the .NET SDK is what runs here.
    /// </summary>
    public static class RealPwsh
    {
        public sealed record Result(int ExitCode, string Output, string Errors)
        {
            public override string ToString() => $"exit code {ExitCode}\n--- output ---\n{Output}\n--- errors ---\n{Errors}";
        }

        /// <summary>The Pester module (Pester.psd1) that the test project's PackageDownload put in the NuGet cache.</summary>
        public static string PesterModule { get; } = Path.GetFullPath(
            typeof(RealPwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PesterModule").Value!);

        /// <summary>Runs the script in `pwsh -NoProfile -NonInteractive` with the repository as its location.</summary>
        public static Result Run(string script, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
        {
            using var temp = new TempFolder();
            var file = temp.Write("script.ps1", script);
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Repo.Root,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var a in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", file }) start.ArgumentList.Add(a);
            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            // The module's own help and views are what is tested: no colour codes in what is compared.
            start.Environment["NO_COLOR"] = "1";
            start.Environment["TERM"] = "dumb";
            foreach (var pair in environment ?? new Dictionary<string, string?>()) start.Environment[pair.Key] = pair.Value;

            using var process = Process.Start(start) ?? throw new XunitException("Could not start `dotnet pwsh`.");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? TimeSpan.FromMinutes(3);
            if (!process.WaitForExit((int)limit.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new XunitException($"pwsh did not finish within {limit.TotalSeconds:0} s.\n{Partial(output)}\n{Partial(errors)}");
            }
            process.WaitForExit();
            return new Result(process.ExitCode, output.Result, errors.Result);
        }

        private static string Partial(Task<string> text) => text.Wait(TimeSpan.FromSeconds(5)) ? text.Result : "";

        /// <summary>A PowerShell single-quoted string literal of the text.</summary>
        public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
    }
}
