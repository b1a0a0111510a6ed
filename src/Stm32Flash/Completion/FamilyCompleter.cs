using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;

namespace Stm32Flash.Completion
{
    /// <summary>Completes the catalog's families (STM32G4), also from after "STM32" (g4).</summary>
    public sealed class FamilyCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return DeviceCatalog.All
                .GroupBy(d => d.Family)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Where(g => g.Key.StartsWith(word, StringComparison.OrdinalIgnoreCase) || (g.Key.StartsWith("STM32", StringComparison.Ordinal) && g.Key.Substring("STM32".Length).StartsWith(word, StringComparison.OrdinalIgnoreCase)))
                .Select(g => new CompletionResult(g.Key, g.Key, CompletionResultType.ParameterValue,
                    $"{g.Key}: {string.Join(", ", g.Select(d => d.Name))}"))
                .ToList();
        }
    }
}
