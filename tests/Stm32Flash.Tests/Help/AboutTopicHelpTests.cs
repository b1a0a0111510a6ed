using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
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

        [Theory]
        [InlineData("STM32F103x8", 2)]
        [InlineData("STM32F405", 1)]
        public void The_topic_and_the_cmdlet_help_give_the_default_unit_the_planner_uses(string device, int programUnit)
        {
            // The default is the device's unit, and at least a word over the serial bootloaders, where a smaller -Pad is refused.
            var info = DeviceCatalog.Get(device);
            Assert.Equal(programUnit, info.ProgramUnit);
            Assert.Equal(4, FlashPlanner.DefaultUnit(info, TargetInterface.Usart));
            Assert.Equal(programUnit, FlashPlanner.DefaultUnit(info, TargetInterface.Swd));
            var unitSection = MarkdownSource.PlainText(MarkdownSource.Section(Markdown, "## Programming unit and padding"));
            Assert.Contains("by default the unit is the device's, and at least 4 bytes over the serial bootloaders", unitSection, System.StringComparison.OrdinalIgnoreCase);
            Assert.Contains("PadBelowUnit", unitSection);
            foreach (var cmdlet in new[] { "Write-Stm32Memory", "Get-Stm32FlashPlan" })
            {
                var pad = string.Join(" ", HelpDocs.Read(cmdlet).Parameters.Single(p => p.Name == "Pad").Description);
                Assert.Contains("By default the device's unit", pad);
                Assert.Contains("at least 4 over the serial bootloaders", pad);
                Assert.Contains("PadBelowUnit", pad);
            }
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
