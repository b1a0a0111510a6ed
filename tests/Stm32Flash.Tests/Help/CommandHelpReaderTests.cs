using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.HelpCompiler;
using Stm32Flash.HelpCompiler.Model;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    public class CommandHelpReaderTests
    {
        private static CommandHelp Parse(string text) =>
            CommandHelpReader.Parse(text, SampleDocs.File, HelpDocs.ModuleName, HelpDocs.MamlFileName);

        [Fact]
        public void Reads_every_section_of_a_well_formed_doc()
        {
            var help = Parse(SampleDocs.Cmdlet);

            Assert.Equal("Set-Widget", help.Name);
            Assert.Equal("https://example.org/set-widget", help.Metadata["online version"]);
            Assert.Equal("Sets a widget up.", help.Synopsis);
            Assert.Equal(new[] { "First paragraph with code and a link (https://example.org/widgets).", "- one\n- two", "preformatted\n  text" }, help.Description);
            Assert.Equal(new[] { "ByName", "ById" }, help.ParameterSets);
            Assert.Equal("ByName", help.DefaultParameterSet);
            Assert.Equal(new[] { "ByName", "ById" }, help.Syntax.Select(s => s.ParameterSet));
            Assert.StartsWith("Set-Widget -Id <Int32>", help.Syntax[1].Code);

            Assert.Equal(2, help.Examples.Count);
            Assert.Equal("Example 1: Set a widget", help.Examples[0].Title);
            Assert.Equal("Set-Widget -Name w1", help.Examples[0].Code);
            Assert.Equal(new[] { "Before the code.", "done", "After the code." }, help.Examples[0].Remarks);
            Assert.Equal(new[] { "done" }, help.Examples[0].Output);
            Assert.False(help.Examples[0].RequiresHardware);
            Assert.Equal("Set-Widget -Id 7 -Size 2\nGet-Widget", help.Examples[1].Code);
            Assert.True(help.Examples[1].RequiresHardware);

            Assert.Equal(new[] { "Name", "Id", "Size", "Mode", "Force" }, help.Parameters.Select(p => p.Name));
            var name = help.Parameters[0];
            Assert.Equal("String", name.Type);
            var nameSet = Assert.Single(name.Sets);
            Assert.Equal(("ByName", true, (int?)0, false, true), (nameSet.ParameterSet, nameSet.Required, nameSet.Position, nameSet.ByValue, nameSet.ByPropertyName));
            Assert.Equal(new[] { "Number", "No" }, help.Parameters[1].Aliases);
            var size = help.Parameters[2];
            Assert.Equal(new[] { ("ByName", false, false), ("ById", true, true) }, size.Sets.Select(s => (s.ParameterSet, s.Required, s.ByValue)));
            Assert.Equal("4", size.DefaultValue);
            var mode = help.Parameters[3];
            Assert.True(mode.InAllSets);
            Assert.Equal(ParameterSetBinding.AllSets, Assert.Single(mode.Sets).ParameterSet);
            Assert.Equal(new[] { "m" }, mode.Aliases);
            Assert.Equal(new[] { "Fast", "Slow" }, mode.AcceptedValues);
            Assert.True(help.Parameters[4].IsSwitch);
            Assert.True(help.HasCommonParameters);

            Assert.Equal("System.String", Assert.Single(help.Inputs).TypeName);
            Assert.Equal(new[] { "Names." }, help.Inputs[0].Description);
            Assert.Equal("None", Assert.Single(help.Outputs).TypeName);
            Assert.Equal(new[] { "A note." }, help.Notes);
            Assert.Equal(new[] { ("Online", "https://example.org/widgets"), ("about_Widgets", "") }, help.RelatedLinks.Select(l => (l.Text, l.Uri)));
        }

        [Fact]
        public void Windows_line_endings_read_the_same()
        {
            var lf = Parse(SampleDocs.Cmdlet);
            var crlf = Parse(SampleDocs.Cmdlet.Replace("\n", "\r\n"));

            Assert.Equal(lf.Synopsis, crlf.Synopsis);
            Assert.Equal(lf.Description, crlf.Description);
            Assert.Equal(lf.Examples.Select(e => (e.Code, string.Join("|", e.Remarks))), crlf.Examples.Select(e => (e.Code, string.Join("|", e.Remarks))));
            Assert.Equal(lf.Parameters.Select(p => (p.Name, p.Type, p.Sets.Count)), crlf.Parameters.Select(p => (p.Name, p.Type, p.Sets.Count)));
            Assert.Equal(lf.Metadata, crlf.Metadata);
            var error = Assert.Throws<HelpFormatException>(() => Parse(SampleDocs.Cmdlet.Replace("Required: True", "Required: Yes").Replace("\n", "\r\n")));
            Assert.Equal(SampleDocs.LineOf(SampleDocs.Cmdlet, "Required: True"), error.Line);
        }

        [Fact]
        public void A_single_parameter_set_needs_no_syntax_heading()
        {
            var single = SampleDocs.Replace(SampleDocs.Cmdlet, """
                ### ByName (Default)
                ```
                Set-Widget [-Name] <String> [-Size <Int32>] [-Mode <String>] [-Force] [<CommonParameters>]
                ```

                ### ById
                ```
                Set-Widget -Id <Int32> -Size <Int32> [-Mode <String>] [-Force] [<CommonParameters>]
                ```
                """, "```\nSet-Widget [-Mode <String>] [<CommonParameters>]\n```");
            var start = single.IndexOf("### -Name", StringComparison.Ordinal);
            single = single.Substring(0, start) + single.Substring(single.IndexOf("### -Mode", StringComparison.Ordinal));

            var help = Parse(single);

            Assert.Empty(help.ParameterSets);
            Assert.Null(Assert.Single(help.Syntax).ParameterSet);
            Assert.Equal(new[] { "Mode", "Force" }, help.Parameters.Select(p => p.Name));
        }

        public static readonly Dictionary<string, (Func<string, string> breakDoc, string lineMarker, int occurrence, string message)> Malformed = new()
        {
            ["missing section"] = (d => SampleDocs.Replace(d, "## OUTPUTS\n\n### None\n", ""), "# Set-Widget", 1, "Section '## OUTPUTS' is missing"),
            ["unknown section"] = (d => SampleDocs.Replace(d, "## NOTES", "## REMARKS"), "## REMARKS", 1, "Unknown section '## REMARKS'"),
            ["section twice"] = (d => d + "\n## NOTES\nAgain.\n", "## NOTES", 2, "appears twice"),
            ["no front matter"] = (d => d.Substring(d.IndexOf("# Set-Widget", StringComparison.Ordinal)), "# Set-Widget", 1, "starts with PlatyPS front matter"),
            ["wrong MAML name"] = (d => SampleDocs.Replace(d, "external help file: Stm32Flash.dll-Help.xml", "external help file: Stm32Flash-Help.xml"), "---", 1, "needs 'external help file: Stm32Flash.dll-Help.xml'"),
            ["title is not the file name"] = (d => SampleDocs.Replace(d, "# Set-Widget", "# Set-Gadget"), "# Set-Gadget", 1, "must be the cmdlet name"),
            ["synopsis of two paragraphs"] = (d => SampleDocs.Replace(d, "Sets a *widget* up.", "Sets a widget.\n\nAnd more."), "## SYNOPSIS", 1, "is one paragraph"),
            ["placeholder"] = (d => SampleDocs.Replace(d, "The widget's number.", "{{ Fill Id Description }}"), "{{ Fill Id", 1, "Placeholder text left in"),
            ["yaml value"] = (d => SampleDocs.Replace(d, "Required: True", "Required: Yes"), "Required: Yes", 1, "'Required' must be True or False, not 'Yes'"),
            ["yaml unknown key"] = (d => SampleDocs.Replace(d, "Aliases: m", "Alias: m"), "Alias: m", 1, "Unknown parameter yaml key 'Alias'"),
            ["yaml line without a colon"] = (d => SampleDocs.Replace(d, "Accepted values: Fast, Slow", "Accepted values Fast"), "Accepted values Fast", 1, "is not 'Key: value'"),
            ["yaml key twice"] = (d => SampleDocs.Replace(d, "Position: 0\n", "Position: 0\nPosition: 1\n"), "Position: 1", 1, "appears twice"),
            ["yaml key missing"] = (d => SampleDocs.Replace(d, "Position: 0\n", ""), "```yaml", 1, "has no 'Position:' line"),
            ["pipeline input"] = (d => SampleDocs.Replace(d, "True (ByPropertyName)", "True (ByProperty)"), "True (ByProperty)", 1, "'Accept pipeline input' must be False, True (ByValue)"),
            ["position"] = (d => SampleDocs.Replace(d, "Position: 0", "Position: first"), "Position: first", 1, "'Position' must be Named or a number"),
            ["type differs between yaml blocks"] = (d => SampleDocs.Replace(d, "Type: Int32\nParameter Sets: ById\nAliases:\n", "Type: Int64\nParameter Sets: ById\nAliases:\n"), "Type: Int64", 1, "-Size has Type 'Int64' here but 'Int32'"),
            ["set in two yaml blocks"] = (d => SampleDocs.Replace(d, "Type: Int32\nParameter Sets: ById\nAliases:\n", "Type: Int32\nParameter Sets: ByName\nAliases:\n"), "Parameter Sets: ByName", 3, "lists parameter set 'ByName' in more than one yaml block"),
            ["(All) with a named set"] = (d => SampleDocs.Replace(d, "Parameter Sets: (All)", "Parameter Sets: (All), ById"), "(All), ById", 1, "'(All)' cannot be combined"),
            ["parameter without yaml"] = (d => SampleDocs.Replace(d, "Do it anyway.\n\n```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n", "Do it anyway.\n"), "### -Force", 1, "-Force has no ```yaml block"),
            ["parameter without description"] = (d => SampleDocs.Replace(d, "Do it anyway.\n", ""), "### -Force", 1, "-Force has no description"),
            ["parameter documented twice"] = (d => SampleDocs.Replace(d, "### -Id", "### -Name"), "### -Name", 2, "-Name is documented twice"),
            ["parameter heading"] = (d => SampleDocs.Replace(d, "### -Force", "### Force"), "### Force", 1, "A parameter heading is '### -Name'"),
            ["level-4 heading"] = (d => SampleDocs.Replace(d, "The widget's name.", "The widget's name.\n\n#### More"), "#### More", 1, "only '###' headings are allowed"),
            ["syntax names an unknown set"] = (d => SampleDocs.Replace(d, "### ById\n```", "### ByNumber\n```"), "### ByNumber", 1, "SYNTAX names parameter set 'ByNumber', which no parameter's 'Parameter Sets' lists"),
            ["syntax misses a set"] = (d => SampleDocs.Replace(d, "### ById\n```\nSet-Widget -Id <Int32> -Size <Int32> [-Mode <String>] [-Force] [<CommonParameters>]\n```\n", ""), "## SYNTAX", 1, "ById have no '### SetName' block"),
            ["two default sets"] = (d => SampleDocs.Replace(d, "### ById\n```", "### ById (Default)\n```"), "### ById (Default)", 1, "Both 'ByName' and 'ById' are marked (Default)"),
            ["example without code"] = (d => SampleDocs.Replace(d, "```powershell\nSet-Widget -Name w1\n```\n", ""), "### Example 1", 1, "has no ```powershell code block"),
            ["example code language"] = (d => SampleDocs.Replace(d, "```output", "```json"), "```json", 1, "not ```json"),
            ["no examples"] = (d => d.Substring(0, d.IndexOf("### Example 1", StringComparison.Ordinal)) + d.Substring(d.IndexOf("## PARAMETERS", StringComparison.Ordinal)), "## EXAMPLES", 1, "has no '### Example N: title' entry"),
            ["inputs without a type"] = (d => SampleDocs.Replace(d, "### System.String\nNames.\n", ""), "## INPUTS", 1, "'## INPUTS' lists no type"),
            ["related links that are not links"] = (d => SampleDocs.Replace(d, "[Online](https://example.org/widgets)", "> quoted"), "> quoted", 1, "holds links"),
        };

        public static TheoryData<string> MalformedCases => new TheoryData<string>(Malformed.Keys);

        [Theory]
        [MemberData(nameof(MalformedCases))]
        public void A_malformed_doc_fails_at_its_file_and_line(string broken)
        {
            var (breakDoc, marker, occurrence, message) = Malformed[broken];
            var text = breakDoc(SampleDocs.Cmdlet);

            var error = Assert.Throws<HelpFormatException>(() => Parse(text));

            Assert.Contains(message, error.Message);
            Assert.Equal(SampleDocs.File, error.File);
            Assert.Equal(SampleDocs.LineOf(text, marker, occurrence), error.Line);
            Assert.StartsWith($"{SampleDocs.File}({error.Line}): error HELP001: ", error.ToCanonicalError());
        }
    }
}
