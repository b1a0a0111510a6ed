using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace Stm32Flash.Formatting
{
    /// <summary>
    /// Text for the views of Stm32Flash.format.ps1xml. PowerShell's formatter wraps a long cell or list value between
    /// words only in some cultures (en, fr, de ...); in others, the invariant culture among them, it cuts at the column's
    /// edge, in the middle of a word. A view that wraps its own text at the width its column has in an 80-column console
    /// is cut between words everywhere.
    /// </summary>
    public static class ViewText
    {
        private static readonly char[] BreakAfter = { '/', '\\', '-', ',', ';' };
        private static readonly Regex Words = new Regex(@"(?<gap> *)(?<word>[^ ]+)", RegexOptions.Compiled);

        /// <summary>
        /// The value's text in lines of at most <paramref name="width"/> characters, broken at spaces (the spaces between
        /// words on one line are kept as they are); a word longer than a line is broken after a '/', '\', '-', ',' or ';'
        /// where it has one, else at the width.
        /// </summary>
        public static string Wrap(object? value, int width)
        {
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "A line holds at least one character.");
            var lines = new List<string>();
            foreach (var paragraph in (value?.ToString() ?? "").Replace("\r\n", "\n").Split('\n'))
                WrapParagraph(paragraph, width, lines);
            return string.Join(Environment.NewLine, lines);
        }

        private static void WrapParagraph(string paragraph, int width, List<string> lines)
        {
            var line = new StringBuilder();
            foreach (Match m in Words.Matches(paragraph))
            {
                var gap = m.Groups["gap"].Value;
                var word = m.Groups["word"].Value;
                if (line.Length > 0 && line.Length + gap.Length + word.Length <= width)
                {
                    line.Append(gap).Append(word);
                    continue;
                }
                if (line.Length > 0) lines.Add(line.ToString());
                line.Clear();
                while (word.Length > width)
                {
                    var cut = word.LastIndexOfAny(BreakAfter, width - 1) + 1;
                    if (cut <= 0) cut = width;
                    lines.Add(word.Substring(0, cut));
                    word = word.Substring(cut);
                }
                line.Append(word);
            }
            lines.Add(line.ToString());
        }
    }
}
