using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.Commands
{
    /// <summary>Reads a user's device-definition file and adds it to the catalog for this session, or says exactly what is wrong with it.</summary>
    internal static class DefinitionFiles
    {
        /// <summary>Adds the file's definitions, or returns the error that says why not (and adds nothing).</summary>
        public static IReadOnlyList<DeviceDefinition>? TryAdd(string path, out ErrorRecord? error)
        {
            error = null;
            try
            {
                return DeviceCatalog.Add(DeviceCatalog.ReadFile(path));
            }
            catch (DeviceDefinitionException ex)
            {
                error = new ErrorRecord(ex, "DeviceDefinitionInvalid", ErrorCategory.InvalidData, path)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Fix the definition file; Get-Help about_Stm32Flash_Devices describes every field." },
                };
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                var category = ex is FileNotFoundException || ex is DirectoryNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
                error = new ErrorRecord(ex, "DeviceDefinitionUnreadable", category, path)
                {
                    ErrorDetails = new ErrorDetails($"Cannot read the device definition file '{path}': {ex.Message}"),
                };
            }
            return null;
        }

        /// <summary>Adds the file's definitions, or stops the cmdlet: it cannot go on without them.</summary>
        public static IReadOnlyList<DeviceDefinition> Add(Stm32Cmdlet cmdlet, string path)
        {
            var added = TryAdd(path, out var error);
            if (error != null) cmdlet.Terminate(error);
            return added!;
        }
    }
}
