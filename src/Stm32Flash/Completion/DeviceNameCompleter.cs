using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;

namespace Stm32Flash.Completion
{
    /// <summary>
    /// Completes catalog device names and aliases: from their start, from after "STM32" (l55 gives STM32L552, as the
    /// cmdlets accept L552), or by wildcard (*G4*).
    /// </summary>
    public sealed class DeviceNameCompleter : IArgumentCompleter
    {
        private const string Prefix = "STM32";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(word) ? word : word + "*", WildcardOptions.IgnoreCase);
            return DeviceCatalog.All
                .SelectMany(d => new[] { d.Name }.Concat(d.Aliases).Select(name => (name, device: d)))
                .Where(x => pattern.IsMatch(x.name) || (x.name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && pattern.IsMatch(x.name.Substring(Prefix.Length))))
                .Select(x => new CompletionResult(x.name, x.name, CompletionResultType.ParameterValue, Describe(x.device)))
                .ToList();
        }

        internal static string Describe(DeviceInfo device) =>
            $"{device.Name}: {device.Series}, {device.FlashSize / 1024} KiB flash, product ID 0x{device.ProductId:X3}";
    }
}
