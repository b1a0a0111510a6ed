using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Stm32Flash.HelpCompiler;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    public sealed class HelpCompilationTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "stm32flash-help-" + Guid.NewGuid().ToString("N"));
        private readonly string _docs;
        private readonly string _culture;

        public HelpCompilationTests()
        {
            _docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
            _culture = Path.Combine(_root, "en-US");
            File.WriteAllText(Path.Combine(_docs, "Set-Widget.md"), SampleDocs.Cmdlet);
            File.WriteAllText(Path.Combine(_docs, "about_Widgets.md"), SampleDocs.About);
            File.WriteAllText(Path.Combine(_docs, "README.md"), "# How to write help\n\nNot a help file.\n");
        }

        public void Dispose() => Directory.Delete(_root, true);

        [Fact]
        public void Compiles_cmdlet_docs_into_one_MAML_file_and_about_topics_into_text_files()
        {
            var compilation = HelpCompilation.Compile(_docs, HelpDocs.ModuleName, HelpDocs.MamlFileName);
            Assert.Empty(compilation.Errors);

            var written = compilation.Write(_culture, HelpDocs.MamlFileName);

            Assert.Equal(new[] { "Stm32Flash.dll-Help.xml", "about_Widgets.help.txt" }, written.Select(Path.GetFileName));
            var commands = XDocument.Load(Path.Combine(_culture, HelpDocs.MamlFileName)).Root!.Elements(MamlWriter.Command + "command");
            Assert.Equal("Set-Widget", Assert.Single(commands).Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value);
            Assert.StartsWith("TOPIC", File.ReadAllText(Path.Combine(_culture, "about_Widgets.help.txt")));
            Assert.Empty(Directory.GetFiles(_culture, "*.tmp"));
        }

        [Fact]
        public void Reports_the_first_error_of_every_bad_file_and_writes_nothing()
        {
            File.WriteAllText(Path.Combine(_docs, "Get-Widget.md"), SampleDocs.Replace(SampleDocs.Cmdlet, "# Set-Widget", "# Get-Widget").Replace("Required: True", "Required: Yes"));
            File.WriteAllText(Path.Combine(_docs, "about_Gadgets.md"), "# about_Gadgets\n\nNo second heading.\n");

            var compilation = HelpCompilation.Compile(_docs, HelpDocs.ModuleName, HelpDocs.MamlFileName);

            Assert.Equal(new[] { "Get-Widget.md", "about_Gadgets.md" }, compilation.Errors.Select(e => Path.GetFileName(e.File)).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "Set-Widget" }, compilation.Commands.Select(c => c.Name));
            Assert.Throws<InvalidOperationException>(() => compilation.Write(_culture, HelpDocs.MamlFileName));
            Assert.False(Directory.Exists(_culture));
        }

        [Fact]
        public void Removes_the_text_of_an_about_topic_whose_markdown_is_gone()
        {
            HelpCompilation.Compile(_docs, HelpDocs.ModuleName, HelpDocs.MamlFileName).Write(_culture, HelpDocs.MamlFileName);
            File.Delete(Path.Combine(_docs, "about_Widgets.md"));

            HelpCompilation.Compile(_docs, HelpDocs.ModuleName, HelpDocs.MamlFileName).Write(_culture, HelpDocs.MamlFileName);

            Assert.Equal(new[] { HelpDocs.MamlFileName }, Directory.GetFiles(_culture).Select(Path.GetFileName));
        }
    }
}
