using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Arguments;

namespace Stm32Flash.Completion
{
    /// <summary>Completes -Interface with the CLI's words: SWD, JTAG, UART, I2C, SPI, CAN, DFU.</summary>
    public sealed class InterfaceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return InterfaceNames.Words
                .Where(w => w.Word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(w => new CompletionResult(w.Word, w.Word, CompletionResultType.ParameterValue, w.Description));
        }
    }
}
