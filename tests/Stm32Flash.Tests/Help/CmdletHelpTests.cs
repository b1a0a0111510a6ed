using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// What Get-Help shows for every exported cmdlet, read in the in-process engine from the MAML that the build compiled
    /// from docs/. Generic over the manifest's CmdletsToExport, so a new cmdlet is covered as soon as it is exported.
    /// </summary>
    public class CmdletHelpTests : IClassFixture<ModuleSessionFixture>
    {
        private const string HelpSummary = """
            $h = Get-Help -Name $args[0] -Full
            [pscustomobject]@{
                Synopsis = [string]$h.Synopsis
                Category = [string]$h.Category
                Description = @($h.description | ForEach-Object { [string]$_.Text })
                Examples = @($h.examples.example | ForEach-Object { [pscustomobject]@{ Title = [string]$_.title; Code = [string]$_.code } })
                Parameters = @($h.parameters.parameter | ForEach-Object {
                    [pscustomobject]@{ Name = [string]$_.name; Description = (@($_.description | ForEach-Object { [string]$_.Text }) -join "`n") } })
                Inputs = @($h.inputTypes.inputType | ForEach-Object { [string]$_.type.name })
                Outputs = @($h.returnValues.returnValue | ForEach-Object { [string]$_.type.name })
            }
            """;

        private readonly ModuleSessionFixture _fixture;

        public CmdletHelpTests(ModuleSessionFixture fixture) => _fixture = fixture;

        public static TheoryData<string> Cmdlets => new TheoryData<string>(HelpDocs.ExportedCmdlets);

        private static T Get<T>(PSObject o, string name) => (T)o.Properties[name].Value;

        private static IEnumerable<PSObject> Items(PSObject o, string name) => Get<object[]>(o, name).Cast<PSObject>();

        private static IEnumerable<string> Strings(PSObject o, string name) => Get<object[]>(o, name).Select(x => x.ToString()!);

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Get_Help_Full_shows_the_synopsis_description_examples_parameters_and_types_from_the_doc(string cmdlet)
        {
            var path = HelpDocs.PathOf(cmdlet);
            Assert.True(File.Exists(path), $"{cmdlet} is exported but has no help: write docs/{cmdlet}.md (see docs/README.md).");
            var markdown = File.ReadAllText(path);

            var help = _fixture.Session.Run(HelpSummary, cmdlet).AssertNoErrors().Output.Single();

            Assert.Equal("Cmdlet", Get<string>(help, "Category"));
            Assert.Equal(MarkdownSource.PlainText(MarkdownSource.Section(markdown, "## SYNOPSIS")), Get<string>(help, "Synopsis"));
            var description = Strings(help, "Description").ToList();
            Assert.NotEmpty(description);
            var firstParagraph = MarkdownSource.PlainText(MarkdownSource.FirstParagraph(MarkdownSource.Section(markdown, "## DESCRIPTION")));
            Assert.StartsWith(firstParagraph.Substring(0, Math.Min(60, firstParagraph.Length)), description[0]);

            var examples = Items(help, "Examples").ToList();
            var exampleHeadings = MarkdownSource.SubHeadings(MarkdownSource.Section(markdown, "## EXAMPLES"));
            Assert.True(exampleHeadings.Count >= 2, $"docs/{cmdlet}.md has {exampleHeadings.Count} example(s); at least two are required.");
            Assert.Equal(exampleHeadings.Count, examples.Count);
            for (var i = 0; i < examples.Count; i++)
            {
                Assert.Contains(exampleHeadings[i], Get<string>(examples[i], "Title"));
                Assert.False(string.IsNullOrWhiteSpace(Get<string>(examples[i], "Code")), $"{exampleHeadings[i]} shows no code.");
            }

            var parameters = Items(help, "Parameters").ToDictionary(p => Get<string>(p, "Name"), p => Get<string>(p, "Description"));
            Assert.Equal(CmdletParameters(cmdlet).OrderBy(n => n, StringComparer.Ordinal), parameters.Keys.OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Value), $"-{p.Key} has no description in Get-Help."));

            Assert.Equal(MarkdownSource.SubHeadings(MarkdownSource.Section(markdown, "## INPUTS")), Strings(help, "Inputs"));
            Assert.Equal(MarkdownSource.SubHeadings(MarkdownSource.Section(markdown, "## OUTPUTS")), Strings(help, "Outputs"));
        }

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Get_Help_Parameter_describes_each_parameter(string cmdlet)
        {
            foreach (var parameter in CmdletParameters(cmdlet))
            {
                var found = _fixture.Session.Run(
                    "Get-Help -Name $args[0] -Parameter $args[1] | ForEach-Object { [string]$_.name; @($_.description | ForEach-Object { [string]$_.Text }) -join ' ' }",
                    cmdlet, parameter).AssertNoErrors().Output.Select(o => o.ToString()).ToList();
                Assert.Equal(2, found.Count);
                Assert.Equal(parameter, found[0]);
                Assert.False(string.IsNullOrWhiteSpace(found[1]), $"Get-Help {cmdlet} -Parameter {parameter} shows no description.");
            }
        }

        [Fact]
        public void Every_cmdlet_doc_is_for_an_exported_cmdlet()
        {
            var orphans = HelpDocs.CmdletDocNames.Except(HelpDocs.ExportedCmdlets, StringComparer.Ordinal).ToList();
            Assert.True(orphans.Count == 0,
                $"docs/ documents cmdlets the module does not export: {string.Join(", ", orphans)}. Remove the file, or add the cmdlet to CmdletsToExport.");
        }

        /// <summary>The cmdlet's parameters other than the common ones (-WhatIf and -Confirm are documented like any other).</summary>
        private List<string> CmdletParameters(string cmdlet) =>
            _fixture.Session.Run(
                "(Get-Command -Name $args[0] -CommandType Cmdlet).Parameters.Keys | Where-Object { -not [System.Management.Automation.Cmdlet]::CommonParameters.Contains($_) }",
                cmdlet).AssertNoErrors().Output.Select(o => o.ToString()).ToList();
    }
}
