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
    /// Completes -Interface with the interfaces of the device the command already names (-Simulator or -Device), or every
    /// interface when it names none or one the catalog does not know.
    /// </summary>
    public sealed class InterfaceCompleter : IArgumentCompleter
    {
        private static readonly string[] DeviceParameters = { "Simulator", "Device" };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var device = NamedDevice(fakeBoundParameters);
            var offered = device?.Interfaces ?? (IEnumerable<TargetInterface>)Enum.GetValues(typeof(TargetInterface));
            return offered
                .Select(i => i.ToString())
                .Where(name => name.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue,
                    device is null ? name : $"{name}: offered by {device.Name}"))
                .ToList();
        }

        private static DeviceInfo? NamedDevice(IDictionary bound)
        {
            foreach (var parameter in DeviceParameters)
            {
                if (bound[parameter] is { } value && value.ToString() is { Length: > 0 } name)
                    return DeviceCatalog.Find(name);
            }
            return null;
        }
    }
}
