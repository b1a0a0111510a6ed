using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Targets.CubeProgrammer;

namespace Stm32Flash.Commands
{
    /// <summary>Loads CubeProgrammer_API for a cmdlet: paths resolved against the PowerShell location, failures as ErrorRecords.</summary>
    internal static class CubeProgrammerLoading
    {
        /// <summary>The library, or a terminating CubeProgrammerNotFound / CubeProgrammerLoadFailed / LoadersPathNotFound error.</summary>
        public static CubeProgrammerLibrary Load(Stm32Cmdlet cmdlet, string? apiPath, string? loadersPath, ApiLayoutVersion layout, TargetMessages messages)
        {
            var options = new CubeProgrammerLoadOptions { ApiPath = FullPath(cmdlet, apiPath), LoadersPath = FullPath(cmdlet, loadersPath), LayoutVersion = layout };
            ErrorRecord error;
            try
            {
                return CubeProgrammerLibrary.Load(options, messages.Add);
            }
            catch (CubeProgrammerNotFoundException ex)
            {
                error = NotFound(ex, options.ApiPath);
            }
            catch (CubeProgrammerLoadException ex)
            {
                error = LoadFailed(ex);
            }
            catch (DirectoryNotFoundException ex) when (options.LoadersPath != null)
            {
                error = new ErrorRecord(ex, "LoadersPathNotFound", ErrorCategory.ObjectNotFound, options.LoadersPath)
                {
                    ErrorDetails = new ErrorDetails($"-LoadersPath: {ex.Message} Pass the folder that holds FlashLoader/ (the STM32CubeProgrammer bin folder), or leave -LoadersPath out.")
                    {
                        RecommendedAction = "Pass STM32CubeProgrammer's bin folder as -LoadersPath, or leave it out.",
                    },
                };
            }
            messages.Complete(cmdlet);
            cmdlet.Terminate(error);
            throw new InvalidOperationException("unreachable");
        }

        /// <summary>
        /// A path given in PowerShell (relative to its location, ~ ...) as the full file-system path the core needs. A path
        /// on a drive PowerShell does not have (C:\... on Linux) is passed on as given, for the search to report.
        /// </summary>
        public static string? FullPath(PSCmdlet cmdlet, string? path)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            try
            {
                return cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (System.Management.Automation.DriveNotFoundException)
            {
                return path;
            }
        }

        public static ErrorRecord NotFound(CubeProgrammerNotFoundException ex, string? apiPath) =>
            new ErrorRecord(ex, "CubeProgrammerNotFound", ErrorCategory.ObjectNotFound, apiPath)
            {
                ErrorDetails = new ErrorDetails("STM32CubeProgrammer's API library (CubeProgrammer_API) was not found. Looked at:" + Environment.NewLine +
                    string.Join(Environment.NewLine, ex.Searched.Select(s => "  " + s)) + Environment.NewLine +
                    $"In PowerShell: pass -ApiPath <install folder or library file>, or set $env:{CubeProgrammerLocator.EnvironmentVariable} to it.")
                {
                    RecommendedAction = ex.Advice,
                },
            };

        public static ErrorRecord LoadFailed(CubeProgrammerLoadException ex) =>
            new ErrorRecord(ex, "CubeProgrammerLoadFailed", ErrorCategory.ResourceUnavailable, ex.LibraryPath)
            {
                ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = ex is CubeProgrammerVersionException old
                        ? $"Install STM32CubeProgrammer {old.MinimumVersion} or later and pass its folder as -ApiPath."
                        : ex.MissingExport != null
                        ? $"Install a current STM32CubeProgrammer (the library lacks '{ex.MissingExport}') and pass its folder as -ApiPath."
                        : "Check that the file is STM32CubeProgrammer's CubeProgrammer_API library for this machine's architecture, with its own libraries beside it.",
                },
            };
    }
}
