using System;
using System.Collections;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The chip -FlashSize and -OptionBit describe (with the given -SimulatorOptions' own, which stay as they are), checked
    /// against the catalog entry.
    /// </summary>
    internal static class SimulatedChips
    {
        public static DeviceInfo Apply(Stm32Cmdlet cmdlet, DeviceInfo device, SimulatorOptions options, long? flashSize, Hashtable? optionBits)
        {
            var chip = new SimulatorOptions { FlashSize = flashSize ?? options.FlashSize };
            if (chip.FlashSize is null && device.Definition != null && device.FlashSize != device.Definition.MaxFlashSize) chip.FlashSize = device.FlashSize;
            foreach (var b in options.OptionBits) chip.OptionBits[b.Key] = b.Value;
            try
            {
                if (optionBits != null)
                {
                    foreach (DictionaryEntry e in optionBits)
                        chip.OptionBits[e.Key?.ToString() ?? ""] = LanguagePrimitives.ConvertTo<int>(e.Value);
                }
                return chip.ChipFor(device.Definition?.Default ?? device);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException || ex is PSInvalidCastException)
            {
                var message = ErrorText.Of(ex);
                cmdlet.Fail("SimulatedChipInvalid", ErrorCategory.InvalidArgument, device.Name, new PSArgumentException(message, ex), message,
                    $"Get-Stm32Device {device.Name} | Format-List shows the flash sizes, layouts and option bits it has.");
                throw;
            }
        }
    }
}
