using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;

namespace Stm32Flash.Completion
{
    /// <summary>Completes catalog device names and aliases.</summary>
    public sealed class DeviceNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return DeviceCatalog.All
                .SelectMany(d => new[] { (name: d.Name, device: d) }.Concat(d.Aliases.Select(a => (name: a, device: d))))
                .Where(x => x.name.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
                .Select(x => new CompletionResult(x.name, x.name, CompletionResultType.ParameterValue,
                    $"{x.device.Name}: {x.device.Series}, {x.device.FlashSize / 1024} KiB flash, product ID 0x{x.device.ProductId:X3}"));
        }
    }
}
