using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
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
    /// The Pester suite in tests/Hardware, run by the real Pester 5 in a real pwsh (the repository's tool manifest), its
    /// NUnit XML read back: on the simulators, skipped or left out for a board that is not given, on a "board" that is the
    /// fake CubeProgrammer_API's I2C bootloader, and on a simulator this process serves on a pseudo-terminal. Also, in
    /// process, that its files parse and give the module's cmdlets only parameters they have.
    /// </summary>
    public class HardwareSuiteTests : FakeLibraryTest
    {
        private static readonly string Folder = Repo.PathOf("tests", "Hardware");
        private static readonly string Suite = Path.Combine(Folder, "Flash.Tests.ps1");

        private static readonly string[] Variables =
            { "INTERFACE", "PORT", "DEVICE", "API_PATH", "I2C_ADDRESS", "BAUD_RATE", "PARITY", "IMAGE", "MODULE" };

        private static PesterRun RunSuite(Dictionary<string, string>? board, string[] excludeTag, string suite = "")
        {
            var environment = Variables.ToDictionary(v => "STM32FLASH_TEST_" + v, v => board?.GetValueOrDefault(v));
            return PesterRun.Invoke(new[] { suite.Length > 0 ? suite : Suite }, environment, excludeTag);
        }

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
        public void Without_a_board_both_simulators_pass_every_test_and_the_Hardware_tag_is_left_out()
        {
            var run = RunSuite(null, new[] { "Hardware" });
            var l5 = run.In("Stm32Flash on the simulated STM32L552").ToList();
            // The F4's 1-byte unit is below the USART bootloader's word: a suite that pads to the device's unit fails here.
            var f4 = run.In("Stm32Flash on the simulated STM32F405 over USART").ToList();
            Assert.True(l5.Count >= 5, run.Describe());
            Assert.Equal(l5.Count, f4.Count);
            Assert.True(l5.Concat(f4).All(r => r.Passed), run.Describe());
            // Left out by the tag filter: Pester does not report them at all.
            Assert.Equal(l5.Count + f4.Count, run.Cases.Count);
            Assert.Equal(0, run.Process.ExitCode);
        }

        [Fact]
        public void Without_a_board_the_Hardware_tests_are_skipped_cleanly_when_asked_for()
        {
            var run = RunSuite(null, Array.Empty<string>());
            var board = run.Cases.Where(r => r.Block.StartsWith("Stm32Flash on a board (none given", StringComparison.Ordinal)).ToList();
            Assert.True(board.Count >= 5, run.Describe());
            Assert.True(board.All(r => r.Skipped), run.Describe());
            Assert.True(run.Cases.Except(board).All(r => r.Passed), run.Describe());
            Assert.Equal(board.Count, run.Count("skipped"));
            Assert.Equal(0, run.Process.ExitCode);
        }

        [Fact]
        public void A_board_named_by_the_variables_runs_the_same_tests_over_the_fake_I2C_bootloader()
        {
            using var temp = new TempFolder();
            var calls = temp.File("calls.log");
            var run = PesterRun.Invoke(new[] { Suite }, new Dictionary<string, string?>
            {
                ["STM32FLASH_TEST_INTERFACE"] = "I2C",
                ["STM32FLASH_TEST_API_PATH"] = Build.InstallFolder(FakeLibraryBuild.Default),
                ["STM32FLASH_TEST_I2C_ADDRESS"] = "0x4A",
                ["STM32FLASH_TEST_DEVICE"] = "STM32L552",
                ["FAKE_CUBEPROGRAMMER_CALL_LOG"] = calls,
            });
            var board = run.In("Stm32Flash on the board over I2C").ToList();
            Assert.True(board.Count >= 5, run.Describe());
            Assert.True(run.Cases.All(r => r.Passed), run.Describe());
            var log = File.ReadAllLines(calls);
            Assert.Contains(log, c => c.StartsWith("writeMemory", StringComparison.Ordinal));
            Assert.Contains(log, c => c.StartsWith("sectorErase", StringComparison.Ordinal));
            Assert.Contains(log, c => c.StartsWith("disconnect", StringComparison.Ordinal));
        }

        [Fact]
        public void A_board_on_a_serial_port_runs_the_same_tests_through_the_modules_own_USART_host()
        {
            using var pty = new Usart.Infrastructure.SocatPair();
            using var served = UsartSimulator.Start(DeviceCatalog.Get("STM32L552"), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var run = RunSuite(new Dictionary<string, string>
            {
                ["PORT"] = pty.HostEnd,
                ["PARITY"] = "None",
                ["DEVICE"] = "STM32L552",
            }, Array.Empty<string>());
            var board = run.In($"Stm32Flash on the board over {pty.HostEnd}").ToList();
            Assert.True(board.Count >= 5, run.Describe());
            Assert.True(run.Cases.All(r => r.Passed), run.Describe());
            Assert.True(served.Statistics.Commands > 20, served.Statistics.ToString());
            var image = ImageReader.Read(Repo.PathOf("samples", "stm32l552-demo", "demo.hex")).Segments;
            Assert.All(image, s => Assert.False(served.Simulation.IsProgrammed(s.Address), $"0x{s.Address:X8} is still programmed after the clear"));
        }

        [Fact]
        public void A_failing_expectation_fails_its_test_and_the_run_and_a_failing_setup_fails_the_block()
        {
            using var temp = new TempFolder();
            var text = File.ReadAllText(Suite).Replace("[System.IO.Path]::Combine($PSScriptRoot, 'Targets.ps1')", RealPwsh.Quote(Path.Combine(Folder, "Targets.ps1")));
            var wrong = temp.Write("Wrong.Tests.ps1", text.Replace("$session.IsConnected | Should -BeTrue", "$session.IsConnected | Should -BeFalse"));
            var run = RunSuite(null, new[] { "Hardware" }, wrong);
            var failed = run.Cases.Where(r => r.Result == "Failure").ToList();
            Assert.Equal(2, failed.Count);
            Assert.All(failed, f => Assert.Equal("connects to the device it was given", f.Name));
            Assert.All(failed, f => Assert.Equal("Expected $false, but got $true.", f.Message));
            Assert.Equal(2, run.Process.ExitCode);

            var missing = RunSuite(new Dictionary<string, string> { ["IMAGE"] = temp.File("none.hex") }, new[] { "Hardware" });
            var inBlocks = missing.Cases.Where(r => r.Result == "Failure").ToList();
            Assert.Equal(missing.Cases.Count, inBlocks.Count);
            Assert.All(inBlocks, r => Assert.Contains("a setup in some parent block failed", r.Message));
            // The reason is in Pester's report of the block (NUnit XML has no place for it).
            Assert.Matches(new Regex(@"\[-\] Describe Stm32Flash on .* failed[\s\S]*none\.hex"), missing.Process.Output);
            Assert.NotEqual(0, missing.Process.ExitCode);
        }
    }
}
