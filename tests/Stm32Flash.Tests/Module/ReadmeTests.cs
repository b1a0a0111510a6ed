using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    /// <summary>The README's quick-start commands are the ones that work.</summary>
    public class ReadmeTests
    {
        private static readonly string Readme = File.ReadAllText(Repo.PathOf("README.md"));

        private static string QuickStartLine(string startsWith) =>
            Readme.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(startsWith, System.StringComparison.Ordinal));

        [Fact]
        public void The_device_list_counts_the_catalogs_product_ids_and_families()
        {
            var m = Regex.Match(Readme, @"`Get-Stm32Device` lists the device catalog: (\d+) product IDs in (\d+) families \(([^)]*)\)");
            Assert.True(m.Success, "README's device list does not say how many product IDs and families the catalog has");
            var catalog = Stm32Flash.Devices.DeviceCatalog.BuiltIn;
            Assert.Equal(catalog.Select(d => d.ProductId).Distinct().Count(), int.Parse(m.Groups[1].Value));
            var families = catalog.Select(d => d.Family).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(families.Count, int.Parse(m.Groups[2].Value));
            var named = Regex.Replace(m.Groups[3].Value, @"\s+", " ").Split(", ").Select(f => f.StartsWith("STM32", StringComparison.Ordinal) ? f : "STM32" + f);
            Assert.Equal(families, named.OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void Main_job_command_builds_the_module_and_its_script_verifies_the_sample_on_the_simulator()
        {
            var line = QuickStartLine("dotnet build src/Stm32Flash && dotnet pwsh ");
            var script = Regex.Match(line, "-Command '([^']+)'$").Groups[1].Value;
            Assert.StartsWith("Import-Module ./out/Stm32Flash;", script);

            using var ps = new PsSession(importModule: false);
            ps.SetLocation(Repo.Root);
            var results = ps.Run(script).AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(new uint[] { 0x08000000, 0x08008000, 0x08010000, 0x0807F800 }, results.Select(r => r.Address));
            Assert.All(results, r => Assert.True(r.Match, $"0x{r.Address:X8} did not verify"));
        }

        [Fact]
        public void Main_job_output_is_the_verify_results_alone_shown_as_a_table_with_hex_addresses()
        {
            var script = Regex.Match(QuickStartLine("dotnet build src/Stm32Flash && dotnet pwsh "), "-Command '([^']+)'$").Groups[1].Value;
            var host = new TextHost(80);
            using var ps = new PsSession(host, importModule: false);
            ps.SetLocation(Repo.Root);
            Assert.All(ps.Run(script).AssertNoErrors().Output, o => Assert.IsType<VerifyResult>(o.BaseObject));
            host.Take();
            ps.Run("& ([scriptblock]::Create($args[0])) | Out-Host", script).AssertNoErrors();
            var text = Regex.Replace(host.Take(), "\u001b\\[[0-9;]*m", "");
            // A session printed first would make the engine show the results after it as lists, addresses in decimal.
            Assert.Contains("0x08000000", text);
            Assert.DoesNotContain("134217728", text);
            Assert.DoesNotMatch(new Regex("^Address +:", RegexOptions.Multiline), text);
            // On an 80-column console each result is one line: a header, its underline and four rows.
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
            Assert.Equal(6, lines.Count);
            Assert.All(lines.Skip(2), l => Assert.Matches("^0x0[0-9A-F]{7} .*True +DeviceCrc +written: segment \\d$", l));
        }

        [Theory]
        [InlineData("README.md")]
        [InlineData("docs/about_Stm32Flash.md")]
        [InlineData("samples/README.md")]
        public void Code_that_connects_to_do_something_else_does_not_print_the_session(string file)
        {
            var text = File.ReadAllText(Repo.PathOf(file.Split('/'))).Replace("\r\n", "\n");
            var scripts = Regex.Matches(text, "^```powershell\n(.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline).Select(m => m.Groups[1].Value)
                .Concat(Regex.Matches(text, "pwsh [^\n]*-Command '([^']+)'").Select(m => m.Groups[1].Value)).ToList();
            Assert.NotEmpty(scripts);
            foreach (var script in scripts)
            {
                var statements = Parser.ParseInput(script, out _, out _).EndBlock.Statements;
                foreach (var statement in statements.Take(statements.Count - 1))
                {
                    var first = (statement as PipelineAst)?.PipelineElements[0] as CommandAst;
                    Assert.False(string.Equals(first?.GetCommandName(), "Connect-Stm32", StringComparison.OrdinalIgnoreCase),
                        $"{file}: '{statement.Extent.Text}' prints the session before what follows it; write $null = Connect-Stm32 ...");
                }
            }
        }

        private static IEnumerable<(string Section, string Code)> PowerShellBlocks()
        {
            var section = "";
            var text = Readme.Replace("\r\n", "\n");
            foreach (Match m in Regex.Matches(text, @"^(## [^\n]*)$|^```powershell\n(.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline))
            {
                if (m.Groups[1].Success) section = m.Groups[1].Value.Trim();
                else yield return (section, m.Groups[2].Value);
            }
        }

        [Fact]
        public void Install_and_use_commands_run_from_the_repository_root()
        {
            var code = PowerShellBlocks().Single(b => b.Section == "## Install and use").Code;
            Assert.StartsWith("Import-Module ./out/Stm32Flash", code);
            using var ps = new PsSession(importModule: false);
            ps.SetLocation(Repo.Root);
            var output = ps.Run(code).AssertNoErrors().Output.Select(o => o.BaseObject).ToList();
            Assert.Equal("STM32L552", Assert.IsType<Stm32Flash.Devices.DeviceInfo>(output[0]).Name);
            Assert.DoesNotContain(output, o => o.GetType().FullName == "Stm32Flash.Session");
            Assert.Contains(output, o => o is Stm32Flash.Planning.ProgramStep);
        }

        [Fact]
        public void Every_powershell_block_parses_and_gives_the_cmdlets_only_their_parameters()
        {
            var blocks = PowerShellBlocks().ToList();
            Assert.True(blocks.Count >= 2);
            using var ps = new PsSession();
            foreach (var (section, code) in blocks)
            {
                var ast = Parser.ParseInput(code, out _, out var errors);
                Assert.True(errors.Length == 0, $"{section}: {string.Join("; ", errors.Select(e => e.Message))}");
                foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
                {
                    var name = command.GetCommandName();
                    if (name is null || !Help.HelpDocs.ExportedCmdlets.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                    var known = ps.Run("(Get-Command $args[0]).Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }", name)
                        .AssertNoErrors().Output.Select(o => o.ToString()).ToList();
                    foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                        Assert.True(known.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase), $"{section}: {name} has no parameter -{parameter.ParameterName}");
                }
            }
        }

        [Fact]
        public void Test_command_is_the_one_CI_runs()
        {
            var command = QuickStartLine("dotnet test ");
            var ci = File.ReadAllLines(Repo.PathOf(".ci", "run")).Select(l => l.Trim());
            Assert.Contains(command, ci);
        }
    }
}
