using System;
using System.Linq;
using Stm32Flash.HelpCompiler;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    public class AboutTopicCompilerTests
    {
        private static string Render(string markdown) => AboutTopicWriter.Render(AboutTopicReader.Parse(markdown, SampleDocs.AboutFile));

        [Fact]
        public void Renders_the_layout_Get_Help_reads()
        {
            var text = Render(SampleDocs.About);
            var lines = text.Split('\n');

            Assert.StartsWith("TOPIC\n    about_widgets\n\nSHORT DESCRIPTION\n    Widgets, briefly.\n\nLONG DESCRIPTION\n    Widgets are", text);
            Assert.Contains("\nKinds of widget\n", text);
            Assert.Contains("\nSEE ALSO\n    Set-Widget\n", text);
            Assert.Contains("\n        Get-Widget | Set-Widget -Force\n", text);
            Assert.All(lines, l => Assert.True(l.Length <= AboutTopicWriter.Width, $"'{l}' is wider than {AboutTopicWriter.Width} columns"));
        }

        [Fact]
        public void Wraps_paragraphs_and_list_items_without_losing_a_word()
        {
            var lines = Render(SampleDocs.About).Split('\n');

            var start = Array.FindIndex(lines, l => l.StartsWith("    Widgets are", StringComparison.Ordinal));
            var paragraph = lines.Skip(start).TakeWhile(l => l.Length > 0).ToList();
            Assert.True(paragraph.Count >= 2);
            Assert.All(paragraph, l => Assert.StartsWith("    ", l));
            Assert.Equal("Widgets are things that a long sentence describes at length, so that this paragraph is certainly longer than eighty columns of text.",
                string.Join(" ", paragraph.Select(l => l.Trim())));

            var item = Array.FindIndex(lines, l => l.StartsWith("    - A small widget", StringComparison.Ordinal));
            Assert.StartsWith("      ", lines[item + 1]);
            Assert.DoesNotContain("-", lines[item + 1].Trim().Substring(0, 1));
            Assert.Equal("    - A large one.", lines[item + 2]);
        }

        [Theory]
        [InlineData("## about_Widgets\n", "", "# SHORT DESCRIPTION", "starts with '# about_Widgets' and then '## about_Widgets'")]
        [InlineData("# SHORT DESCRIPTION\nWidgets, briefly.\n", "# SHORT DESCRIPTION\nWidgets, briefly.\n\nAnd more.\n", "And more.", "is one paragraph")]
        [InlineData("# LONG DESCRIPTION\n", "## Early\nText.\n\n# LONG DESCRIPTION\n", "## Early", "must be inside a '#' section after SHORT DESCRIPTION")]
        [InlineData("# SEE ALSO\n", "# LONG DESCRIPTION\n", "# LONG DESCRIPTION", "appears twice")]
        [InlineData("Widgets, briefly.", "Widgets, described in a short description that is too long to fit on one line.", "Widgets, described", "must fit on one line of 76 characters")]
        public void A_malformed_topic_fails_at_its_line(string old, string replacement, string marker, string message)
        {
            var text = SampleDocs.Replace(SampleDocs.About, old, replacement);
            var error = Assert.Throws<HelpFormatException>(() => AboutTopicReader.Parse(text, SampleDocs.AboutFile));
            Assert.Contains(message, error.Message);
            Assert.Equal(SampleDocs.LineOf(text, marker, marker == "# LONG DESCRIPTION" ? 2 : 1), error.Line);
        }

        [Fact]
        public void A_topic_without_a_long_description_is_refused()
        {
            var text = SampleDocs.About.Substring(0, SampleDocs.About.IndexOf("# LONG DESCRIPTION", StringComparison.Ordinal));
            var error = Assert.Throws<HelpFormatException>(() => AboutTopicReader.Parse(text, SampleDocs.AboutFile));
            Assert.Contains("no '# LONG DESCRIPTION' text", error.Message);
        }
    }
}
