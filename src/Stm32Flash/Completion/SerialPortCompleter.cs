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
    /// Completes the serial ports of this machine (as System.IO.Ports lists them) and, for a word that is a path, the files
    /// and folders there, such as the links of a socat pseudo-terminal pair (which no port list shows).
    /// </summary>
    public sealed class SerialPortCompleter : IArgumentCompleter
    {
        /// <summary>Where the machine's port names come from: System.IO.Ports. Tests list ports here that no machine without ports has.</summary>
        internal static Func<IReadOnlyList<string>> PortSource { get; set; } = SerialLinks.PortNames;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var ports = PortSource()
                .Where(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => new CompletionResult(p, p, CompletionResultType.ParameterValue, $"serial port {p}"));
            return ports.Concat(Paths(prefix)).ToList();
        }

        private static IEnumerable<CompletionResult> Paths(string prefix)
        {
            var slash = Math.Max(prefix.LastIndexOf('/'), prefix.LastIndexOf('\\'));
            if (slash < 0 || !Path.IsPathRooted(prefix)) return Enumerable.Empty<CompletionResult>();
            var folder = prefix.Substring(0, slash + 1);
            var name = prefix.Substring(slash + 1);
            try
            {
                if (!Directory.Exists(folder)) return Enumerable.Empty<CompletionResult>();
                return Directory.EnumerateFileSystemEntries(folder, name + "*")
                    .OrderBy(p => p, StringComparer.Ordinal)
                    .Take(200)
                    .Select(p => Directory.Exists(p) ? p + prefix[slash] : p)
                    .Select(p => new CompletionResult(p, Path.GetFileName(p.TrimEnd('/', '\\')), CompletionResultType.ParameterValue, p))
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return Enumerable.Empty<CompletionResult>();
            }
        }
    }
}
