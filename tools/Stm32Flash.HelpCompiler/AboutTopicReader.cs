using System;
using System.IO;
using System.Linq;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Reads an about topic in PlatyPS's layout: "# about_Name", "## about_Name" (the name the help system looks up),
    /// "# SHORT DESCRIPTION" (one paragraph), "# LONG DESCRIPTION", then any other "#" sections ("## subtopics" inside).
    /// </summary>
    public static class AboutTopicReader
    {
        public const string ShortDescription = "SHORT DESCRIPTION";
        public const string LongDescription = "LONG DESCRIPTION";

        public static AboutTopic Read(string path) => Parse(File.ReadAllText(path), path);

        public static AboutTopic Parse(string source, string file)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var blocks = MarkdownText.Parse(source).Where(b => !MarkdownText.IsComment(b) && !(b is YamlFrontMatterBlock)).ToList();
            if (blocks.Count < 2 || !IsHeading(blocks[0], 1, name) || !IsHeading(blocks[1], 2, name))
                throw new HelpFormatException(file, blocks.Count == 0 ? 1 : MarkdownText.LineOf(blocks[Math.Min(1, blocks.Count - 1)]),
                    $"An about topic starts with '# {name}' and then '## {name}' (the name Get-Help looks up).");

            var topic = new AboutTopic(name, file);
            string? section = null;
            var shortParagraphs = 0;
            var longBlocks = 0;
            foreach (var block in blocks.Skip(2))
            {
                if (block is HeadingBlock heading)
                {
                    var text = MarkdownText.HeadingText(heading);
                    if (heading.Level == 1)
                    {
                        section = text.ToUpperInvariant();
                        if (topic.Blocks.Any(b => b.Kind == AboutBlockKind.Section && b.Text == section))
                            throw new HelpFormatException(file, MarkdownText.LineOf(block), $"Section '# {text}' appears twice.");
                        topic.Blocks.Add(new AboutBlock(AboutBlockKind.Section, section));
                    }
                    else
                    {
                        if (section is null || section == ShortDescription)
                            throw new HelpFormatException(file, MarkdownText.LineOf(block), $"Subtopic '{new string('#', heading.Level)} {text}' must be inside a '#' section after SHORT DESCRIPTION.");
                        topic.Blocks.Add(new AboutBlock(AboutBlockKind.Subsection, text, Math.Min(heading.Level, 3)));
                        if (section == LongDescription) longBlocks++;
                    }
                    continue;
                }

                if (section is null)
                    throw new HelpFormatException(file, MarkdownText.LineOf(block), $"{MarkdownText.Describe(block)} before '# {ShortDescription}'.");
                if (section == ShortDescription)
                {
                    if (!(block is ParagraphBlock) || ++shortParagraphs > 1)
                        throw new HelpFormatException(file, MarkdownText.LineOf(block), $"'# {ShortDescription}' is one paragraph.");
                    topic.ShortDescription = MarkdownText.Paragraphs(block, file, source).Single();
                    // Get-Help takes the topic's synopsis from the one line under SHORT DESCRIPTION.
                    if (topic.ShortDescription.Length > AboutTopicWriter.Width - 4 || topic.ShortDescription.Contains('\n'))
                        throw new HelpFormatException(file, MarkdownText.LineOf(block),
                            $"'# {ShortDescription}' must fit on one line of {AboutTopicWriter.Width - 4} characters (it has {topic.ShortDescription.Length}): Get-Help shows only that line as the topic's synopsis.");
                }
                if (section == LongDescription) longBlocks++;
                AddContent(topic, block, file, source);
            }

            if (topic.ShortDescription.Length == 0)
                throw new HelpFormatException(file, 1, $"The about topic has no '# {ShortDescription}' paragraph.");
            if (longBlocks == 0)
                throw new HelpFormatException(file, 1, $"The about topic has no '# {LongDescription}' text.");
            return topic;
        }

        private static void AddContent(AboutTopic topic, Block block, string file, string source)
        {
            switch (block)
            {
                case ListBlock list:
                    foreach (var line in MarkdownText.ListLines(list, 0, file, source))
                        topic.Blocks.Add(new AboutBlock(AboutBlockKind.List, line));
                    return;
                case CodeBlock:
                case Markdig.Extensions.Tables.Table:
                    foreach (var text in MarkdownText.Paragraphs(block, file, source))
                        topic.Blocks.Add(new AboutBlock(AboutBlockKind.Preformatted, text));
                    return;
                default:
                    foreach (var text in MarkdownText.Paragraphs(block, file, source))
                        topic.Blocks.Add(new AboutBlock(AboutBlockKind.Paragraph, text));
                    return;
            }
        }

        private static bool IsHeading(Block block, int level, string text) =>
            block is HeadingBlock heading && heading.Level == level && MarkdownText.HeadingText(heading) == text;
    }
}
