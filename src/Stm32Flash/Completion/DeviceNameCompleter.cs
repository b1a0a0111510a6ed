using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.Completion
{
    /// <summary>
    /// Completes catalog device names and aliases: from their start, from after "STM32" (l55 gives STM32L552, as the
    /// cmdlets accept L552), or by wildcard (*G4*). A part number typed up to its pin-count letter (STM32L562Z) completes
    /// to the part numbers with each flash size the catalog knows for it (STM32L562ZC, STM32L562ZE).
    /// </summary>
    public sealed class DeviceNameCompleter : IArgumentCompleter
    {
        private const string Prefix = "STM32";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(word) ? word : word + "*", WildcardOptions.IgnoreCase);
            var names = DeviceCatalog.All
                .SelectMany(d => new[] { d.Name }.Concat(d.Aliases).Select(name => (name, device: d)))
                .Where(x => pattern.IsMatch(x.name) || (x.name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && pattern.IsMatch(x.name.Substring(Prefix.Length))))
                .Select(x => new CompletionResult(x.name, x.name, CompletionResultType.ParameterValue, Describe(x.device)))
                .ToList();
            return names.Count > 0 || WildcardPattern.ContainsWildcardCharacters(word) ? names : PartNumbers(word);
        }

        private static IEnumerable<CompletionResult> PartNumbers(string word)
        {
            var part = PartNumber.Normalize(word);
            if (part.Length != PartNumber.SizeCodeIndex(part) || !char.IsLetter(part[part.Length - 1]))
                return Enumerable.Empty<CompletionResult>();
            return DeviceCatalog.FlashSizeCodes.OrderBy(c => c.Value)
                .Select(c => (text: part + c.Key, size: c.Value, device: DeviceCatalog.Find(part + c.Key)))
                .Where(c => c.device?.Definition is { } d && c.device.FlashSize == c.size && DeviceCatalog.KnownFlashSizes(d).Contains(c.size))
                .Select(c => new CompletionResult(c.text, c.text, CompletionResultType.ParameterValue,
                    $"{c.text}: {c.size / 1024} KiB flash, {c.device!.Name} (product ID 0x{c.device.ProductId:X3})"))
                .ToList();
        }

        internal static string Describe(DeviceInfo device) =>
            $"{device.Name}: {device.Series}, {device.FlashSize / 1024} KiB flash, product ID 0x{device.ProductId:X3}";
    }
}
