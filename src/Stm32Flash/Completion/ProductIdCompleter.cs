using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;

namespace Stm32Flash.Completion
{
    /// <summary>Completes the catalog's product IDs as hex numbers (0x472), which PowerShell reads as numbers.</summary>
    public sealed class ProductIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return DeviceCatalog.All
                .GroupBy(d => d.ProductId)
                .Select(g => (text: $"0x{g.Key:X3}", devices: g.ToList()))
                .Where(x => x.text.StartsWith(word, StringComparison.OrdinalIgnoreCase) || x.text.Substring(2).StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Select(x => new CompletionResult(x.text, x.text, CompletionResultType.ParameterValue,
                    string.Join("; ", x.devices.Select(DeviceNameCompleter.Describe))))
                .ToList();
        }
    }
}
