using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Serial;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Completion
{
    /// <summary>Completes the serial ports of this machine (as System.IO.Ports lists them).</summary>
    public sealed class SerialPortCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            DesktopSerialPorts.Prepare();
            return SerialLinks.PortNames()
                .Where(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, $"serial port {p}"));
        }
    }
}
