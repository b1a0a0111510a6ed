using System.Collections.Generic;
using System.Linq;
using Markdig.Syntax;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>A "## NAME" section of a help file and the blocks under it.</summary>
    internal sealed class MarkdownSection
    {
        public MarkdownSection(HeadingBlock heading)
        {
            Heading = heading;
            Title = MarkdownText.HeadingText(heading);
        }

        public HeadingBlock Heading { get; }

        public string Title { get; }

        public int Line => MarkdownText.LineOf(Heading);

        public List<Block> Blocks { get; } = new List<Block>();

        /// <summary>Splits the section at its "###" headings; blocks before the first one are the preamble.</summary>
        public (List<Block> preamble, List<MarkdownSection> entries) Entries(string file)
        {
            var preamble = new List<Block>();
            var entries = new List<MarkdownSection>();
            foreach (var block in Blocks)
            {
                if (block is HeadingBlock heading)
                {
                    if (heading.Level != 3)
                        throw new HelpFormatException(file, MarkdownText.LineOf(block),
                            $"Under '## {Title}' only '###' headings are allowed, not '{new string('#', heading.Level)} {MarkdownText.HeadingText(heading)}'.");
                    entries.Add(new MarkdownSection(heading));
                }
                else if (entries.Count > 0)
                {
                    entries[entries.Count - 1].Blocks.Add(block);
                }
                else
                {
                    preamble.Add(block);
                }
            }
            return (preamble, entries);
        }

        /// <summary>The section's text as help paragraphs; "###" headings are refused.</summary>
        public List<string> Paragraphs(string file, string source) =>
            Blocks.SelectMany(b => MarkdownText.Paragraphs(b, file, source)).ToList();
    }
}
