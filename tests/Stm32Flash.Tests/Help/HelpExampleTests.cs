using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.HelpCompiler.Model;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// Runs the code of every example in docs/ that does not need a board, each in a fresh runspace with the module
    /// imported and the current location at the repository root, and fails on any error it writes. An example is marked
    /// as needing a board by a remarks paragraph starting "Requires hardware" (see docs/README.md).
    /// </summary>
    public class HelpExampleTests
    {
        public static TheoryData<string, int> RunnableExamples
        {
            get
            {
                var data = new TheoryData<string, int>();
                foreach (var cmdlet in HelpDocs.CmdletDocNames)
                {
                    var examples = HelpDocs.Read(cmdlet).Examples;
                    for (var i = 0; i < examples.Count; i++)
                    {
                        if (!examples[i].RequiresHardware) data.Add(cmdlet, i + 1);
                    }
                }
                return data;
            }
        }

        [Theory]
        [MemberData(nameof(RunnableExamples))]
        public void Example_runs_without_errors(string cmdlet, int number)
        {
            var example = HelpDocs.Read(cmdlet).Examples[number - 1];
            var filesBefore = new HashSet<string>(Directory.GetFiles(Repo.Root), StringComparer.Ordinal);
            try
            {
                var host = new TextHost(80);
                using var session = new PsSession(host);
                session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0])", Repo.Root).AssertNoErrors();
                var result = session.Run(example.Code);
                try
                {
                    result.AssertNoErrors();
                    AssertSessionIsNotPrintedBeforeOtherOutput(cmdlet, result);
                    AssertPrintedOutput(example, result, session, host);
                }
                catch (XunitException e)
                {
                    throw new XunitException($"docs/{cmdlet}.md line {example.Line}, '{example.Title}':\n{example.Code}\n\n{e.Message}");
                }
            }
            finally
            {
                RemoveFilesTheExampleWrote(example, filesBefore);
                // An example may add device definitions to the process (Add-Stm32Device): other tests see the built-in catalog.
                Stm32Flash.Devices.DeviceCatalog.ResetAdded();
            }
        }

        /// <summary>
        /// When an example shows its output, the output block must be what it returns, line for line: text and numbers as
        /// they are, objects as the module's views show them in an 80-column console (rendered by Out-Host on a text host).
        /// </summary>
        private static void AssertPrintedOutput(ExampleHelp example, PsResult result, PsSession session, TextHost host)
        {
            if (example.Output.Count == 0) return;
            var expected = Lines(string.Join("\n", example.Output));
            IEnumerable<string> actual;
            if (result.Output.All(o => o.BaseObject is string || o.BaseObject.GetType().IsPrimitive))
            {
                actual = result.Output.SelectMany(o => Lines(o.ToString()));
            }
            else
            {
                host.Take();
                session.Run("$args[0] | Out-Host", new object[] { result.Output.ToArray() }).AssertNoErrors();
                actual = Lines(System.Text.RegularExpressions.Regex.Replace(host.Take(), "\u001b\\[[0-9;]*m", ""));
            }
            Assert.Equal(expected, actual);
        }

        /// <summary>
        /// A session printed before other objects makes the console show those as lists (addresses in decimal): an
        /// example that connects to do something else assigns the session ($null = Connect-Stm32 ...).
        /// </summary>
        private static void AssertSessionIsNotPrintedBeforeOtherOutput(string cmdlet, PsResult result)
        {
            var sessions = result.Output.Count(o => o.BaseObject.GetType().FullName == "Stm32Flash.Session");
            Assert.True(sessions == 0 || sessions == result.Output.Count,
                $"the example returns a session and {result.Output.Count - sessions} other object(s): write $null = Connect-Stm32 ...");
        }

        /// <summary>The text's lines without trailing spaces, and without the blank lines a view puts before and after itself.</summary>
        private static List<string> Lines(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).ToList();
            while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        /// <summary>
        /// An example may write a file in the current folder (Export-HexSegment out.hex); it goes again after the run.
        /// Only new files that the code names are removed, so nothing else in the repository is touched.
        /// </summary>
        private static void RemoveFilesTheExampleWrote(ExampleHelp example, HashSet<string> filesBefore)
        {
            foreach (var file in Directory.GetFiles(Repo.Root).Where(f => !filesBefore.Contains(f)))
            {
                if (example.Code.Contains(Path.GetFileName(file), StringComparison.Ordinal)) File.Delete(file);
            }
        }
    }
}
