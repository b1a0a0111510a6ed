using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Stm32Flash.Completion
{
    /// <summary>Completes -ConnectMode and -ResetMode with the CLI's words (UR, HOTPLUG, HWrst ...); the enum's names are accepted too.</summary>
    public sealed class CliWordCompleter : IArgumentCompleter
    {
        private static readonly Dictionary<string, (string Word, string Description)[]> Values = new Dictionary<string, (string, string)[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectMode"] = new[]
            {
                ("NORMAL", "Normal: connect to the running target"),
                ("HOTPLUG", "HotPlug: connect without halting or resetting the target"),
                ("UR", "UnderReset: hold reset while connecting"),
                ("POWERDOWN", "PowerDown: connect to a target in a low-power mode"),
                ("PRERESET", "PreReset: reset before connecting"),
                ("HWRSTPULSE", "HardwareResetPulse: pulse the reset line, then connect"),
            },
            ["ResetMode"] = new[]
            {
                ("HWrst", "Hardware: the probe drives NRST"),
                ("SWrst", "Software: system reset through the core"),
                ("Crst", "Core: reset the core only"),
            },
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            if (!Values.TryGetValue(parameterName, out var values)) return Array.Empty<CompletionResult>();
            return values.Where(v => v.Word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v.Word, v.Word, CompletionResultType.ParameterValue, v.Description));
        }
    }
}
