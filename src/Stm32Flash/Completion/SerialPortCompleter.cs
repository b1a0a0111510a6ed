using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Completion
{
    /// <summary>
    /// Completes the serial ports of this machine (as System.IO.Ports lists them), then the files and folders the word names
    /// as PowerShell completes paths (relative to the current location, ./ ../ and ~ included): the links of a socat
    /// pseudo-terminal pair are files no port list shows.
    /// </summary>
    public sealed class SerialPortCompleter : IArgumentCompleter
    {
        /// <summary>Where the machine's port names come from: System.IO.Ports. Tests list ports here that no machine without ports has.</summary>
        internal static Func<IReadOnlyList<string>> PortSource { get; set; } = SerialLinks.PortNames;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = wordToComplete ?? string.Empty;
            var prefix = word.Trim('\'', '"');
            var ports = PortSource()
                .Where(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, $"serial port {p}"))
                .ToList();
            var named = new HashSet<string>(ports.Select(p => p.CompletionText), StringComparer.Ordinal);
            return ports.Concat(Paths(word).Where(p => !named.Contains(p.CompletionText.Trim('\'', '"')))).ToList();
        }

        private static IEnumerable<CompletionResult> Paths(string word)
        {
            try
            {
                return CompletionCompleters.CompleteFilename(word).Take(200).ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}
