using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Renders an about topic as the text Get-Help shows, laid out as PlatyPS lays it out: "TOPIC" and upper-case
    /// section names at the margin, "##" subtopics at the margin as written, "###" indented 4 in upper case, text
    /// indented 4 and wrapped at 80 columns; code and tables indented 8 as written.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Indent = "    ";

        public static string Render(AboutTopic topic)
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n").Append(Indent).Append(topic.Name.ToLowerInvariant()).Append("\n\n");
            AboutBlock? previous = null;
            foreach (var block in topic.Blocks)
            {
                // List items are one block each; keep them together.
                if (previous?.Kind == AboutBlockKind.List && block.Kind != AboutBlockKind.List) text.Append('\n');
                switch (block.Kind)
                {
                    case AboutBlockKind.Section:
                        text.Append(block.Text).Append('\n');
                        break;
                    case AboutBlockKind.Subsection:
                        text.Append(block.Level == 2 ? block.Text : Indent + block.Text.ToUpperInvariant()).Append("\n\n");
                        break;
                    case AboutBlockKind.Paragraph:
                        foreach (var line in block.Text.Split('\n'))
                            Wrap(text, line, Indent, Indent);
                        text.Append('\n');
                        break;
                    case AboutBlockKind.List:
                        var marker = block.Text.Length - block.Text.TrimStart().Length + ListMarkerLength(block.Text.TrimStart());
                        Wrap(text, block.Text, Indent, Indent + new string(' ', marker));
                        break;
                    case AboutBlockKind.Preformatted:
                        foreach (var line in block.Text.Split('\n'))
                            text.Append((Indent + Indent + line).TrimEnd()).Append('\n');
                        text.Append('\n');
                        break;
                }
                previous = block;
            }
            return text.ToString().TrimEnd('\n') + "\n";
        }

        private static int ListMarkerLength(string item)
        {
            if (item.StartsWith("- ", StringComparison.Ordinal)) return 2;
            var dot = item.IndexOf(". ", StringComparison.Ordinal);
            return dot > 0 && item.Substring(0, dot).All(char.IsDigit) ? dot + 2 : 0;
        }

        /// <summary>Word-wraps one line of text to <see cref="Width"/> columns; a word longer than a line stays whole.</summary>
        public static void Wrap(StringBuilder text, string line, string firstIndent, string nextIndent)
        {
            var leading = line.Length - line.TrimStart().Length;
            var words = new Queue<string>(line.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
            var current = new StringBuilder(firstIndent + new string(' ', leading));
            var hanging = nextIndent + new string(' ', leading);
            var empty = true;
            while (words.Count > 0)
            {
                var word = words.Peek();
                if (!empty && current.Length + 1 + word.Length > Width)
                {
                    text.Append(current).Append('\n');
                    current.Clear().Append(hanging);
                    empty = true;
                    continue;
                }
                if (!empty) current.Append(' ');
                current.Append(words.Dequeue());
                empty = false;
            }
            text.Append(current.ToString().TrimEnd()).Append('\n');
        }
    }
}
