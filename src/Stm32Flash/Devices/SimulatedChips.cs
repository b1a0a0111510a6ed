using System;
using System.Collections;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Commands
{
    /// <summary>Applies -FlashSize and -OptionBit to the simulator's options and checks them against the catalog entry.</summary>
    internal static class SimulatedChips
    {
        public static DeviceInfo Apply(PSCmdlet cmdlet, DeviceInfo device, SimulatorOptions options, long? flashSize, Hashtable? optionBits)
        {
            if (flashSize.HasValue) options.FlashSize = flashSize;
            else if (options.FlashSize is null && device.Definition != null && device.FlashSize != device.Definition.MaxFlashSize) options.FlashSize = device.FlashSize;
            if (optionBits != null)
            {
                foreach (DictionaryEntry e in optionBits)
                {
                    var value = LanguagePrimitives.ConvertTo<int>(e.Value);
                    options.OptionBits[e.Key?.ToString() ?? ""] = value;
                }
            }
            try
            {
                return options.ChipFor(device.Definition?.Default ?? device);
            }
            catch (ArgumentException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "SimulatedChipInvalid", ErrorCategory.InvalidArgument, device.Name)
                {
                    ErrorDetails = new ErrorDetails(ex.Message)
                    {
                        RecommendedAction = $"Get-Stm32Device {device.Name} | Format-List shows the flash sizes, layouts and option bits it has.",
                    },
                });
                throw;
            }
        }
    }
}
