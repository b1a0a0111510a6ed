using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// Runs Pester files in a real pwsh with the real Pester 5 module and reads the NUnit XML it writes: every test
    /// case with its file, block (Describe/Context path), result (Success, Failure, Ignored, Inconclusive) and failure message.
    /// </summary>
    public sealed class PesterRun
    {
        public sealed record TestCase(string File, string Block, string Name, string Result, string? Message)
        {
            public bool Passed => Result == "Success";
            public bool Skipped => Result == "Ignored";
            public override string ToString() => $"{Block} / {Name}: {Result}{(Message is null ? "" : " - " + Message)}";
        }

        private PesterRun(RealPwsh.Result process, IReadOnlyList<TestCase> cases, XElement root)
        {
            Process = process;
            Cases = cases;
            Root = root;
        }

        public RealPwsh.Result Process { get; }

        public IReadOnlyList<TestCase> Cases { get; }

        /// <summary>The NUnit XML document's test-results element.</summary>
        public XElement Root { get; }

        public int Count(string attribute) => int.Parse((string?)Root.Attribute(attribute) ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        public string Describe() => string.Join("\n", Cases) + "\n" + Process;

        public IEnumerable<TestCase> In(string block) => Cases.Where(c => c.Block == block || c.Block.StartsWith(block + " / ", StringComparison.Ordinal));

        /// <summary>Runs Invoke-Pester on the paths; ExcludeTag/Tag filter; Run.Exit makes pwsh's exit code the failed count.</summary>
        public static PesterRun Invoke(IEnumerable<string> paths, IReadOnlyDictionary<string, string?>? environment = null,
            string[]? excludeTag = null, string[]? tag = null, TimeSpan? timeout = null)
        {
            using var temp = new TempFolder("pester");
            var xml = temp.File("results.xml");
            string List(IEnumerable<string> items) => "@(" + string.Join(", ", items.Select(RealPwsh.Quote)) + ")";
            var script = $"""
                $ErrorActionPreference = 'Stop'
                Import-Module {RealPwsh.Quote(RealPwsh.PesterModule)}
                $c = New-PesterConfiguration
                $c.Run.Path = {List(paths)}
                $c.Run.Exit = $true
                $c.Output.Verbosity = 'Normal'
                $c.Output.RenderMode = 'Plaintext'
                $c.TestResult.Enabled = $true
                $c.TestResult.OutputFormat = 'NUnitXml'
                $c.TestResult.OutputPath = {RealPwsh.Quote(xml)}
                {(excludeTag is { Length: > 0 } ? "$c.Filter.ExcludeTag = " + List(excludeTag) : "")}
                {(tag is { Length: > 0 } ? "$c.Filter.Tag = " + List(tag) : "")}
                Invoke-Pester -Configuration $c
                """;
            var process = RealPwsh.Run(script, environment, timeout ?? TimeSpan.FromMinutes(4));
            if (!System.IO.File.Exists(xml)) throw new XunitException("Pester wrote no NUnit XML.\n" + process);
            var root = XDocument.Load(xml).Root ?? throw new XunitException("Empty NUnit XML.\n" + process);
            var cases = root.Descendants("test-case").Select(c => new TestCase(
                (string?)c.Ancestors("test-suite").Reverse().ElementAtOrDefault(1)?.Attribute("name") ?? "",
                string.Join(" / ", c.Ancestors("test-suite").Reverse().Skip(2).Select(s => (string?)s.Attribute("description") ?? "")),
                (string?)c.Attribute("description") ?? "",
                (string?)c.Attribute("result") ?? "",
                (string?)c.Element("failure")?.Element("message"))).ToList();
            return new PesterRun(process, cases, root);
        }
    }
}
