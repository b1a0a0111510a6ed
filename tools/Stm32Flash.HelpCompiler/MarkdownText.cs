using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>Markdown parsing and the conversion of markdown blocks to the plain text that help shows.</summary>
    internal static class MarkdownText
    {
        private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
            .UseYamlFrontMatter()
            .UsePipeTables()
            .Build();

        public static MarkdownDocument Parse(string text) => Markdown.Parse(text, Pipeline);

        /// <summary>1-based line of a block.</summary>
        public static int LineOf(Block block) => block.Line + 1;

        public static bool IsComment(Block block) =>
            block is HtmlBlock html && html.Type == HtmlBlockType.Comment;

        /// <summary>The "key: value" lines of the YAML front matter.</summary>
        public static Dictionary<string, string> FrontMatter(YamlFrontMatterBlock block, string file)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var lines = block.Lines.Lines;
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var line = lines[i].Slice.ToString();
                var number = lines[i].Line + 1;
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal) || line.Trim() == "---") continue;
                var colon = line.IndexOf(':');
                if (colon <= 0)
                    throw new HelpFormatException(file, number, $"Front matter line '{line.Trim()}' is not 'key: value'.");
                result[line.Substring(0, colon).Trim()] = Unquote(line.Substring(colon + 1).Trim());
            }
            return result;
        }

        public static string Unquote(string value) =>
            value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[value.Length - 1] == value[0]
                ? value.Substring(1, value.Length - 2)
                : value;

        public static string HeadingText(HeadingBlock heading) => Inline(heading.Inline).Trim();

        /// <summary>Plain text of inline markdown: emphasis and code marks dropped, soft breaks as spaces.</summary>
        public static string Inline(ContainerInline? container)
        {
            var text = new StringBuilder();
            if (container != null)
            {
                foreach (var child in container) AppendInline(text, child);
            }
            return text.ToString();
        }

        private static void AppendInline(StringBuilder text, Inline? inline)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    return;
                case CodeInline code:
                    text.Append(code.Content);
                    return;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    return;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    return;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    return;
                case HtmlInline:
                    return;
                case LinkInline link:
                    var label = Inline(link);
                    text.Append(label);
                    if (!link.IsImage && IsAbsoluteUri(link.Url) && !string.Equals(label, link.Url, StringComparison.Ordinal))
                        text.Append(" (").Append(link.Url).Append(')');
                    return;
                case ContainerInline container:
                    foreach (var child in container) AppendInline(text, child);
                    return;
                default:
                    text.Append(inline.ToString());
                    return;
            }
        }

        public static bool IsAbsoluteUri(string? uri) =>
            uri != null && (uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

        public static string CodeText(LeafBlock code) =>
            string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd();

        public static string? FenceLanguage(Block block) =>
            block is FencedCodeBlock fenced ? (fenced.Info ?? string.Empty).Trim() : null;

        /// <summary>
        /// Help paragraphs for a content block: a paragraph is one line of text; a list is one paragraph with an item per line;
        /// code and tables keep their lines. Headings, quotes and HTML other than comments are refused.
        /// </summary>
        public static IEnumerable<string> Paragraphs(Block block, string file, string source)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    yield return CheckText(CollapseSpaces(Inline(paragraph.Inline)), file, block);
                    break;
                case ListBlock list:
                    yield return CheckText(string.Join("\n", ListLines(list, 0, file, source)), file, block);
                    break;
                case Table table:
                    yield return CheckText(SourceLines(table, source), file, block);
                    break;
                case CodeBlock code:
                    yield return CheckText(CodeText(code), file, block);
                    break;
                case HtmlBlock when IsComment(block):
                    break;
                case HeadingBlock heading:
                    throw new HelpFormatException(file, LineOf(block), $"Unexpected heading '{new string('#', heading.Level)} {HeadingText(heading)}' here.");
                default:
                    throw new HelpFormatException(file, LineOf(block), $"{Describe(block)} is not supported in help text; use paragraphs, lists, code blocks or tables.");
            }
        }

        public static IEnumerable<string> ListLines(ListBlock list, int depth, string file, string source)
        {
            var number = 1;
            if (list.IsOrdered && int.TryParse(list.OrderedStart, out var start)) number = start;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var marker = list.IsOrdered ? $"{number++}. " : "- ";
                var indent = new string(' ', depth * 2);
                var first = true;
                foreach (var child in item)
                {
                    if (child is ListBlock nested)
                    {
                        foreach (var line in ListLines(nested, depth + 1, file, source)) yield return line;
                        continue;
                    }
                    foreach (var paragraph in Paragraphs(child, file, source))
                    {
                        foreach (var line in paragraph.Split('\n'))
                        {
                            yield return (first ? indent + marker : indent + new string(' ', marker.Length)) + line;
                            first = false;
                        }
                    }
                }
            }
        }

        public static string SourceLines(Block block, string source)
        {
            var text = source.Substring(block.Span.Start, Math.Min(block.Span.Length, source.Length - block.Span.Start));
            return string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        }

        public static string CollapseSpaces(string text)
        {
            var lines = text.Split('\n').Select(l => string.Join(" ", l.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)));
            return string.Join("\n", lines).Trim();
        }

        /// <summary>Refuses PlatyPS's "{{ Fill ... }}" placeholders: help must not ship them.</summary>
        public static string CheckText(string text, string file, Block block)
        {
            var open = text.IndexOf("{{", StringComparison.Ordinal);
            if (open >= 0 && text.IndexOf("}}", open, StringComparison.Ordinal) > open)
                throw new HelpFormatException(file, LineOf(block), $"Placeholder text left in: '{text.Trim()}'.");
            return text;
        }

        public static string Describe(Block block) => block switch
        {
            HeadingBlock h => $"Heading '{new string('#', h.Level)} {HeadingText(h)}'",
            ParagraphBlock => "A paragraph",
            FencedCodeBlock f => $"A ```{f.Info} code block",
            CodeBlock => "An indented code block",
            ListBlock => "A list",
            QuoteBlock => "A block quote",
            ThematicBreakBlock => "A horizontal rule",
            HtmlBlock => "An HTML block",
            Table => "A table",
            _ => $"A {block.GetType().Name}",
        };
    }
}
