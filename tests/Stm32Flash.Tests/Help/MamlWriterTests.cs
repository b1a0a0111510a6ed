using System.Linq;
using System.Xml.Linq;
using Stm32Flash.HelpCompiler;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>The MAML layout that Get-Help reads (and that PlatyPS's New-ExternalHelp writes), checked element by element.</summary>
    public class MamlWriterTests
    {
        private static readonly XNamespace Maml = MamlWriter.Maml, Command = MamlWriter.Command, Dev = MamlWriter.Dev;

        private static XElement SampleCommand()
        {
            var help = CommandHelpReader.Parse(SampleDocs.Cmdlet, SampleDocs.File, HelpDocs.ModuleName, HelpDocs.MamlFileName);
            var document = XDocument.Parse(MamlWriter.Render(new[] { help }));
            Assert.Equal(MamlWriter.Msh + "helpItems", document.Root!.Name);
            Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
            return Assert.Single(document.Root.Elements(Command + "command"));
        }

        private static string[] Paras(XElement? parent) => parent!.Elements(Maml + "para").Select(p => p.Value).ToArray();

        private static string Attr(XElement e, string name) => (string)e.Attribute(name)!;

        [Fact]
        public void Details_and_description()
        {
            var command = SampleCommand();
            var details = command.Element(Command + "details")!;
            Assert.Equal("Set-Widget", details.Element(Command + "name")!.Value);
            Assert.Equal("Set", details.Element(Command + "verb")!.Value);
            Assert.Equal("Widget", details.Element(Command + "noun")!.Value);
            Assert.Equal(new[] { "Sets a widget up." }, Paras(details.Element(Maml + "description")));
            Assert.Equal(3, Paras(command.Element(Maml + "description")).Length);
            Assert.Equal(
                new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" },
                command.Elements().Select(e => e.Name.LocalName));
        }

        [Fact]
        public void One_syntax_item_per_parameter_set_in_syntax_order_with_positional_parameters_first()
        {
            var items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
            Assert.Equal(2, items.Count);
            Assert.All(items, i => Assert.Equal("Set-Widget", i.Element(Maml + "name")!.Value));

            string Row(XElement p) => $"{p.Element(Maml + "name")!.Value}:{Attr(p, "required")}:{Attr(p, "position")}:{Attr(p, "pipelineInput")}";
            Assert.Equal(new[] { "Name:true:0:True (ByPropertyName)", "Size:false:named:False", "Mode:false:named:False", "Force:false:named:False" },
                items[0].Elements(Command + "parameter").Select(Row));
            Assert.Equal(new[] { "Id:true:named:False", "Size:true:named:True (ByValue)", "Mode:false:named:False", "Force:false:named:False" },
                items[1].Elements(Command + "parameter").Select(Row));

            var force = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force");
            Assert.Null(force.Element(Command + "parameterValue"));
            var mode = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Mode");
            Assert.Equal(new[] { "Fast", "Slow" }, mode.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
        }

        [Fact]
        public void Parameters_merge_their_sets_and_carry_type_aliases_and_defaults()
        {
            var parameters = SampleCommand().Element(Command + "parameters")!.Elements(Command + "parameter")
                .ToDictionary(p => p.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "Name", "Id", "Size", "Mode", "Force" }, parameters.Keys);

            var size = parameters["Size"];
            Assert.Equal("true", Attr(size, "required"));
            Assert.Equal("True (ByValue)", Attr(size, "pipelineInput"));
            Assert.Equal("4", size.Element(Dev + "defaultValue")!.Value);
            Assert.Equal("Int32", size.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "How big." }, Paras(size.Element(Maml + "description")));

            Assert.Equal("Number, No", Attr(parameters["Id"], "aliases"));
            Assert.Equal("none", Attr(parameters["Name"], "aliases"));
            Assert.Equal("0", Attr(parameters["Name"], "position"));
            Assert.Equal("None", parameters["Name"].Element(Dev + "defaultValue")!.Value);
            Assert.Null(parameters["Mode"].Element(Command + "parameterValueGroup"));

            var force = parameters["Force"].Element(Command + "parameterValue")!;
            Assert.Equal("SwitchParameter", force.Value);
            Assert.Equal("false", Attr(force, "required"));
            var name = parameters["Name"].Element(Command + "parameterValue")!;
            Assert.Equal(("String", "true", "false"), (name.Value, Attr(name, "required"), Attr(name, "variableLength")));
        }

        [Fact]
        public void Types_notes_examples_and_links()
        {
            var command = SampleCommand();
            var input = Assert.Single(command.Element(Command + "inputTypes")!.Elements(Command + "inputType"));
            Assert.Equal("System.String", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "Names." }, Paras(input.Element(Maml + "description")));
            var output = Assert.Single(command.Element(Command + "returnValues")!.Elements(Command + "returnValue"));
            Assert.Equal("None", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal(new[] { "A note." }, Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));

            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.Equal(2, examples.Count);
            Assert.Contains("Example 1: Set a widget", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("Set-Widget -Name w1", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal(new[] { "Before the code.", "done", "After the code." }, Paras(examples[0].Element(Dev + "remarks")));

            var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value));
            Assert.Equal(new[] { ("Online Version:", "https://example.org/set-widget"), ("Online", "https://example.org/widgets"), ("about_Widgets", "") }, links);
        }
    }
}
