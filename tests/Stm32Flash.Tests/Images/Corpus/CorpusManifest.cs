using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>One row of the corpus's manifest.tsv: file, kind (how the reference is built), address (for dfu and bin), expect.</summary>
    public sealed class CorpusEntry
    {
        public CorpusEntry(string file, string kind, uint? address, string expect)
        {
            File = file;
            Kind = kind;
            Address = address;
            Expect = expect;
        }

        public string File { get; }

        /// <summary>ihex, srec, elf, dfuse, dfu or bin.</summary>
        public string Kind { get; }

        public uint? Address { get; }

        /// <summary>"same", or "error:REGEX".</summary>
        public string Expect { get; }

        public string? ErrorPattern => Expect.StartsWith("error:", StringComparison.Ordinal) ? Expect.Substring("error:".Length) : null;

        public string Path => SharedCorpus.PathOf(File);

        public override string ToString() => File;
    }

    public static class CorpusManifest
    {
        public static IReadOnlyList<CorpusEntry> Read()
        {
            var rows = System.IO.File.ReadAllLines(SharedCorpus.PathOf("manifest.tsv"))
                .Where(l => l.Trim().Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .Select(l => l.Split('\t'))
                .ToList();
            Assert.All(rows, r => Assert.True(r.Length == 4, $"manifest.tsv: '{string.Join("\\t", r)}' does not have 4 columns"));
            return rows.Select(r => new CorpusEntry(r[0], r[1], r[2] == "-" ? (uint?)null : Convert.ToUInt32(r[2], 16), r[3])).ToList();
        }

        /// <summary>The manifest's files by name, for a theory; one placeholder row where the corpus is absent (the theory is skipped then).</summary>
        public static TheoryData<string> Files()
        {
            var data = new TheoryData<string>();
            if (SharedCorpus.Folder is null) data.Add("(no corpus)");
            else foreach (var e in Read()) data.Add(e.File);
            return data;
        }

        public static CorpusEntry Entry(string file) => Read().Single(e => e.File == file);
    }
}
