using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// Examples that need a board are shown, not run; they must still parse, and every parameter they give a module
    /// cmdlet must be one of its parameters (or an unambiguous prefix of one), so they cannot drift from the cmdlets.
    /// </summary>
    public class HardwareExampleTests : IClassFixture<ModuleSessionFixture>
    {
        private readonly ModuleSessionFixture _fixture;

        public HardwareExampleTests(ModuleSessionFixture fixture) => _fixture = fixture;

        public static TheoryData<string, int> HardwareExamples
        {
            get
            {
                var data = new TheoryData<string, int>();
                foreach (var cmdlet in HelpDocs.CmdletDocNames)
                {
                    var examples = HelpDocs.Read(cmdlet).Examples;
                    for (var i = 0; i < examples.Count; i++)
                    {
                        if (examples[i].RequiresHardware) data.Add(cmdlet, i + 1);
                    }
                }
                return data;
            }
        }

        private IReadOnlyList<string> ParametersOf(string cmdlet) =>
            _fixture.Session.Run("(Get-Command $args[0]).Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }", cmdlet)
                .AssertNoErrors().Output.Select(o => o.ToString()!).ToList();

        [Theory]
        [MemberData(nameof(HardwareExamples))]
        public void Example_parses_and_names_only_real_parameters(string cmdlet, int number)
        {
            var example = HelpDocs.Read(cmdlet).Examples[number - 1];
            var ast = Parser.ParseInput(example.Code, out _, out var errors);
            Assert.True(errors.Length == 0, $"docs/{cmdlet}.md line {example.Line}: {string.Join("; ", errors.Select(e => e.Message))}");
            var problems = new List<string>();
            foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
            {
                var name = command.GetCommandName();
                if (name is null || !HelpDocs.ExportedCmdlets.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                var known = ParametersOf(name);
                foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                {
                    var matches = known.Where(k => k.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (!matches.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase) && matches.Count != 1)
                        problems.Add($"{name} has no parameter -{parameter.ParameterName}");
                }
            }
            Assert.True(problems.Count == 0, $"docs/{cmdlet}.md line {example.Line}, '{example.Title}': {string.Join("; ", problems)}");
        }
    }
}
