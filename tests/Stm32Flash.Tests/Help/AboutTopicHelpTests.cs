using System.IO;
using System.Linq;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>Get-Help about_Stm32Flash in the in-process engine finds the topic the build wrote next to the module.</summary>
    public class AboutTopicHelpTests : IClassFixture<ModuleSessionFixture>
    {
        /// <summary>The concepts the module's users need explained, each a "##" subtopic of LONG DESCRIPTION.</summary>
        public static readonly string[] Concepts = { "Segments", "Programming unit and padding", "Sessions", "Interfaces", "The simulator" };

        private readonly ModuleSessionFixture _fixture;

        public AboutTopicHelpTests(ModuleSessionFixture fixture) => _fixture = fixture;

        private static string Markdown => File.ReadAllText(HelpDocs.PathOf(HelpDocs.AboutTopic));

        [Fact]
        public void Get_Help_finds_the_topic_with_its_short_description()
        {
            var topic = _fixture.Session.Run("Get-Help -Name $args[0]", HelpDocs.AboutTopic).AssertNoErrors().Output.Single();

            Assert.Equal(HelpDocs.AboutTopic, topic.Properties["Name"].Value);
            Assert.Equal("HelpFile", topic.Properties["Category"].Value?.ToString());
            Assert.Equal(MarkdownSource.PlainText(MarkdownSource.Section(Markdown, "# SHORT DESCRIPTION")), topic.Properties["Synopsis"].Value);
        }

        [Fact]
        public void The_topic_covers_every_concept()
        {
            var headings = Markdown.Replace("\r\n", "\n").Split('\n').Where(l => l.StartsWith("## ")).Select(l => l.Substring(3).Trim()).ToList();
            var text = _fixture.Session.Run("Get-Help -Name $args[0] | ForEach-Object { $_.ToString() }", HelpDocs.AboutTopic).AssertNoErrors().Output.Single().ToString();
            var lines = text.Replace("\r\n", "\n").Split('\n');

            Assert.All(Concepts, concept =>
            {
                Assert.Contains(concept, headings);
                Assert.Contains(concept, lines);
            });
            Assert.Contains("LONG DESCRIPTION", lines);
        }

        [Fact]
        public void Wildcard_search_lists_the_topic()
        {
            var names = _fixture.Session.Run("Get-Help -Name 'about_Stm32*' | ForEach-Object { [string]$_.Name }").AssertNoErrors().Output.Select(o => o.ToString());
            Assert.Contains(HelpDocs.AboutTopic, names);
        }
    }
}
