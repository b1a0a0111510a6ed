using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Stm32Flash.Devices;
using Stm32Flash.Images;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.CubeProgrammer;
using Stm32Flash.Tests.Help;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Hardware
{
    /// <summary>
    /// The Pester suite in tests/Hardware, where Pester is not installed: its files parse, it gives the module's cmdlets
    /// only parameters they have, and its blocks run here through a stand-in for the part of Pester they use
    /// (PesterStandIn.ps1): on the simulator, skipped or left out for a board that is not given, and on a "board" that is
    /// the fake CubeProgrammer_API's I2C bootloader when the STM32FLASH_TEST_* variables name it. In the fake library's
    /// collection: the fake is one process-wide device, and these tests set process environment variables.
    /// </summary>
    public class HardwareSuiteTests : FakeLibraryTest
    {
        private static readonly string Folder = Repo.PathOf("tests", "Hardware");
        private static readonly string Suite = Path.Combine(Folder, "Flash.Tests.ps1");
        private static readonly string StandIn = Repo.PathOf("tests", "Stm32Flash.Tests", "Hardware", "PesterStandIn.ps1");

        private static readonly string[] Variables =
            { "INTERFACE", "PORT", "DEVICE", "API_PATH", "I2C_ADDRESS", "BAUD_RATE", "PARITY", "IMAGE", "MODULE" };

        /// <summary>What the stand-in implements; the suite may use nothing else.</summary>
        private static readonly Dictionary<string, string[]> PesterCommands = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["BeforeDiscovery"] = Array.Empty<string>(),
            ["Describe"] = new[] { "ForEach", "Tag", "Skip" },
            ["It"] = new[] { "Tag", "Skip" },
            ["BeforeAll"] = Array.Empty<string>(),
            ["AfterAll"] = Array.Empty<string>(),
            ["Should"] = new[] { "Be", "BeTrue", "BeFalse", "BeGreaterThan", "BeNullOrEmpty", "Match", "Not", "Because" },
        };

        private sealed record TestResult(string Block, string Name, string Result, string? Error);

        private static List<TestResult> RunSuite(Dictionary<string, string>? environment, string[] excludeTag, string suite = "")
        {
            var saved = Variables.ToDictionary(v => v, v => Environment.GetEnvironmentVariable("STM32FLASH_TEST_" + v));
            try
            {
                foreach (var v in Variables) Environment.SetEnvironmentVariable("STM32FLASH_TEST_" + v, environment?.GetValueOrDefault(v));
                using var ps = new PsSession();
                try
                {
                    ps.SetLocation(Repo.Root);
                    var result = ps.Run("""
                        $null = New-Module -Name PesterStandIn -ScriptBlock ([scriptblock]::Create([System.IO.File]::ReadAllText($args[0]))) | Import-Module -PassThru
                        & $args[1]
                        Invoke-StandInRun -ExcludeTag $args[2]
                        """, StandIn, suite.Length > 0 ? suite : Suite, excludeTag).AssertNoErrors();
                    return result.Output.Select(o => new TestResult((string)o.Properties["Block"].Value, (string)o.Properties["Name"].Value,
                        (string)o.Properties["Result"].Value, (string?)o.Properties["Error"].Value)).ToList();
                }
                finally
                {
                    ps.Run("Get-Module Stm32Flash | Remove-Module");
                }
            }
            finally
            {
                foreach (var v in saved) Environment.SetEnvironmentVariable("STM32FLASH_TEST_" + v.Key, v.Value);
            }
        }

        private static string Describe(IEnumerable<TestResult> results) =>
            string.Join("\n", results.Select(r => $"{r.Block} / {r.Name}: {r.Result} {r.Error}"));

        public static TheoryData<string> Scripts => new TheoryData<string>(Directory.GetFiles(Folder, "*.ps1").Select(Path.GetFileName)!);

        [Theory]
        [MemberData(nameof(Scripts))]
        public void The_script_parses_and_gives_the_module_cmdlets_only_their_parameters(string file)
        {
            var ast = Parser.ParseFile(Path.Combine(Folder, file), out _, out var errors);
            Assert.True(errors.Length == 0, string.Join("; ", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));

            using var ps = new PsSession();
            var problems = new List<string>();
            foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
            {
                var name = command.GetCommandName();
                if (name is null || !HelpDocs.ExportedCmdlets.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                var known = ps.Run("(Get-Command $args[0]).Parameters.Values | ForEach-Object { $_.Name; $_.Aliases }", name)
                    .AssertNoErrors().Output.Select(o => o.ToString()).ToList();
                foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                {
                    if (!known.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase))
                        problems.Add($"line {parameter.Extent.StartLineNumber}: {name} has no parameter -{parameter.ParameterName} (give full names)");
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void The_readme_commands_parse_and_name_the_variables_Targets_reads()
        {
            var readme = File.ReadAllText(Path.Combine(Folder, "README.md")).Replace("\r\n", "\n");
            var blocks = System.Text.RegularExpressions.Regex.Matches(readme, "```powershell\n(.*?)\n```", System.Text.RegularExpressions.RegexOptions.Singleline)
                .Select(m => m.Groups[1].Value).ToList();
            Assert.True(blocks.Count >= 2);
            foreach (var block in blocks)
            {
                Parser.ParseInput(block, out _, out var errors);
                Assert.True(errors.Length == 0, string.Join("; ", errors.Select(e => e.Message)));
            }
            var targets = File.ReadAllText(Path.Combine(Folder, "Targets.ps1"));
            var named = System.Text.RegularExpressions.Regex.Matches(readme, "STM32FLASH_TEST_([A-Z0-9_]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.Equal(Variables.OrderBy(v => v), named.OrderBy(v => v));
            Assert.All(named, v => Assert.Contains($"Get-TestSetting {v}", targets));
        }

        [Fact]
        public void The_suite_uses_only_the_Pester_commands_and_parameters_the_stand_in_implements()
        {
            var ast = Parser.ParseFile(Suite, out _, out _);
            var pesterish = new[] { "Describe", "Context", "It", "Should", "BeforeAll", "AfterAll", "BeforeEach", "AfterEach", "BeforeDiscovery",
                "Mock", "InModuleScope", "Set-ItResult", "Should-Be", "Assert-MockCalled" };
            foreach (var command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
            {
                var name = command.GetCommandName();
                if (name is null || !pesterish.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                Assert.True(PesterCommands.TryGetValue(name, out var parameters), $"line {command.Extent.StartLineNumber}: the stand-in has no {name}");
                foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
                    Assert.True(parameters!.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase), $"line {command.Extent.StartLineNumber}: {name} -{parameter.ParameterName} is not in the stand-in");
            }
        }

        [Fact]
        public void Without_a_board_both_simulators_pass_every_test_and_the_Hardware_tag_is_left_out()
        {
            var results = RunSuite(null, new[] { "Hardware" });
            var l5 = results.Where(r => r.Block == "Stm32Flash on the simulated STM32L552").ToList();
            // The F4's 1-byte unit is below the USART bootloader's word: a suite that pads to the device's unit fails here.
            var f4 = results.Where(r => r.Block == "Stm32Flash on the simulated STM32F405 over USART").ToList();
            Assert.True(l5.Count >= 5, Describe(results));
            Assert.Equal(l5.Count, f4.Count);
            Assert.True(l5.Concat(f4).All(r => r.Result == "Passed"), Describe(results));
            var board = results.Except(l5).Except(f4).ToList();
            Assert.Equal(l5.Count, board.Count);
            Assert.All(board, r => Assert.Equal("NotRun", r.Result));
        }

        [Fact]
        public void Without_a_board_the_Hardware_tests_are_skipped_cleanly_when_asked_for()
        {
            var results = RunSuite(null, Array.Empty<string>());
            var board = results.Where(r => r.Block.StartsWith("Stm32Flash on a board (none given", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(board);
            Assert.True(board.All(r => r.Result == "Skipped"), Describe(results));
            Assert.True(results.Except(board).All(r => r.Result == "Passed"), Describe(results));
        }

        [Fact]
        public void A_board_named_by_the_variables_runs_the_same_tests_here_over_the_fake_I2C_bootloader()
        {
            var fake = Fake();
            var results = RunSuite(new Dictionary<string, string>
            {
                ["INTERFACE"] = "I2C",
                ["API_PATH"] = Build.InstallFolder(FakeLibraryBuild.Default),
                ["I2C_ADDRESS"] = "0x4A",
                ["DEVICE"] = "STM32L552",
            }, Array.Empty<string>());
            var board = results.Where(r => r.Block == "Stm32Flash on the board over I2C").ToList();
            Assert.True(board.Count >= 5, Describe(results));
            Assert.True(results.All(r => r.Result == "Passed"), Describe(results));
            Assert.NotEmpty(fake.CallsTo("writeMemory"));
            Assert.NotEmpty(fake.CallsTo("sectorErase"));
            Assert.Contains(fake.Calls, c => c.StartsWith("disconnect", StringComparison.Ordinal));
        }

        [Fact]
        public void A_board_on_a_serial_port_runs_the_same_tests_here_through_the_modules_own_USART_host()
        {
            using var pty = new Usart.Infrastructure.SocatPair();
            using var served = UsartSimulator.Start(DeviceCatalog.Get("STM32L552"), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var results = RunSuite(new Dictionary<string, string>
            {
                ["PORT"] = pty.HostEnd,
                ["PARITY"] = "None",
                ["DEVICE"] = "STM32L552",
            }, Array.Empty<string>());
            var board = results.Where(r => r.Block == $"Stm32Flash on the board over {pty.HostEnd}").ToList();
            Assert.True(board.Count >= 5, Describe(results));
            Assert.True(results.All(r => r.Result == "Passed"), Describe(results));
            Assert.True(served.Statistics.Commands > 20, served.Statistics.ToString());
            var image = ImageReader.Read(Repo.PathOf("samples", "stm32l552-demo", "demo.hex")).Segments;
            Assert.All(image, s => Assert.False(served.Simulation.IsProgrammed(s.Address), $"0x{s.Address:X8} is still programmed after the clear"));
        }

        [Fact]
        public void A_failing_expectation_fails_its_test_and_a_failing_setup_fails_the_block()
        {
            using var temp = new TempFolder();
            var text = File.ReadAllText(Suite).Replace("[System.IO.Path]::Combine($PSScriptRoot, 'Targets.ps1')", $"'{Path.Combine(Folder, "Targets.ps1")}'");
            var wrong = temp.Write("Wrong.Tests.ps1", text.Replace("$session.IsConnected | Should -BeTrue", "$session.IsConnected | Should -BeFalse"));
            var results = RunSuite(null, new[] { "Hardware" }, wrong);
            var failed = results.Where(r => r.Result == "Failed").ToList();
            Assert.Equal(2, failed.Count);
            Assert.All(failed, f => Assert.Equal("connects to the device it was given", f.Name));
            Assert.All(failed, f => Assert.Contains("to be false", f.Error));

            var missing = RunSuite(new Dictionary<string, string> { ["IMAGE"] = temp.File("none.hex") }, new[] { "Hardware" });
            Assert.All(missing.Where(r => r.Result != "NotRun"), r => Assert.StartsWith("BeforeAll failed", r.Error));
            Assert.Contains(missing, r => r.Result == "Failed");
        }
    }
}
