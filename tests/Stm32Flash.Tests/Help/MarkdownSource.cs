using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// Reads sections of a markdown file by plain line scanning, independently of the help compiler, so that tests can
    /// compare what Get-Help shows with what the markdown says.
    /// </summary>
    internal static class MarkdownSource
    {
        /// <summary>The lines under a heading up to the next heading of the same or a higher level, code fences skipped over.</summary>
        public static List<string> Section(string text, string heading)
        {
            var level = heading.TakeWhile(c => c == '#').Count();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
            if (start < 0) return new List<string>();
            var result = new List<string>();
            var inFence = false;
            foreach (var line in lines.Skip(start + 1))
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && HeadingLevel(line) is int l && l <= level) break;
                result.Add(line);
            }
            return result;
        }

        /// <summary>The text of the "###" headings among section lines, outside code fences.</summary>
        public static List<string> SubHeadings(IEnumerable<string> section)
        {
            var result = new List<string>();
            var inFence = false;
            foreach (var line in section)
            {
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && HeadingLevel(line) == 3) result.Add(line.Substring(4).Trim());
            }
            return result;
        }

        /// <summary>Markdown as plain text (Markdig's renderer), whitespace collapsed.</summary>
        public static string PlainText(IEnumerable<string> lines) =>
            string.Join(" ", Markdig.Markdown.ToPlainText(string.Join("\n", lines)).Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));

        /// <summary>The first paragraph among section lines: from the first non-blank line to the next blank line or heading.</summary>
        public static List<string> FirstParagraph(IEnumerable<string> section) =>
            section.SkipWhile(l => l.Trim().Length == 0).TakeWhile(l => l.Trim().Length > 0 && HeadingLevel(l) is null).ToList();

        private static int? HeadingLevel(string line)
        {
            var hashes = line.TakeWhile(c => c == '#').Count();
            return hashes > 0 && line.Length > hashes && line[hashes] == ' ' ? hashes : null;
        }
    }
}
