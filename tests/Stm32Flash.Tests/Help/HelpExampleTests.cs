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
                using var session = new PsSession();
                session.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0])", Repo.Root).AssertNoErrors();
                var result = session.Run(example.Code);
                try
                {
                    result.AssertNoErrors();
                    AssertPrintedOutput(example, result);
                }
                catch (XunitException e)
                {
                    throw new XunitException($"docs/{cmdlet}.md line {example.Line}, '{example.Title}':\n{example.Code}\n\n{e.Message}");
                }
            }
            finally
            {
                RemoveFilesTheExampleWrote(example, filesBefore);
            }
        }

        /// <summary>
        /// When an example shows its output and everything it returns is text or a number, the output block must be what
        /// it returns, line for line. Objects are shown through format views, which this engine cannot render
        /// (Out-String is not in it), so their output blocks are not compared.
        /// </summary>
        private static void AssertPrintedOutput(ExampleHelp example, PsResult result)
        {
            if (example.Output.Count == 0 || result.Output.Count == 0) return;
            if (!result.Output.All(o => o.BaseObject is string || o.BaseObject.GetType().IsPrimitive)) return;
            var expected = string.Join("\n", example.Output).Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
            var actual = result.Output.SelectMany(o => o.ToString().Replace("\r\n", "\n").Split('\n')).Select(l => l.TrimEnd());
            Assert.Equal(expected, actual);
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
