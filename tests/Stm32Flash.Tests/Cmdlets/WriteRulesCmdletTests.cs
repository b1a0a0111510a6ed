using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using TargetException = Stm32Flash.Targets.TargetException;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Planning;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>
    /// Write-Stm32Memory and the other device cmdlets on the rules the bootloaders enforce: whole words on the serial
    /// interfaces, the device's unit everywhere, addresses anywhere in the 32-bit space; and on what they report.
    /// </summary>
    public class WriteRulesCmdletTests
    {
        private const string Write = "Stm32Flash.Commands.WriteStm32MemoryCommand";

        private static (PsSession ps, SimulatedTarget target) Connect(string device, string extra = "")
        {
            var ps = new PsSession();
            var session = ps.Run($"$s = Connect-Stm32 -Simulator {device} {extra}; $s").AssertNoErrors().Output.Single();
            return (ps, (SimulatedTarget)session.Methods["GetTarget"].Invoke());
        }

        private static byte[] Read(PsSession ps, string address, int length) =>
            ps.Run($"Read-Stm32Memory {address} {length}").AssertNoErrors().Single<Segment>().Data;

        [Theory]
        [InlineData("STM32F103x8", "-Address 0x08000002 -Data 1,2 -Pad 2", 2, 4)]
        [InlineData("STM32F405", "-Address 0x08000001 -Data 1,2,3 -Pad 1", 1, 4)]
        [InlineData("STM32H743", "-Address 0x08000000 -Data (1..64) -Pad 8", 8, 32)]
        public void A_pad_below_what_the_device_needs_is_refused_before_anything_is_erased(string device, string write, int pad, int needed)
        {
            var (ps, target) = Connect(device);
            using (ps)
            {
                ps.Run("Write-Stm32Memory -Address 0x08000000 -Data ([byte[]](7) * 64)").AssertNoErrors();
                var before = target.OperationCount;
                var error = Assert.Single(ps.Run($"Write-Stm32Memory {write}").Errors);
                Assert.Equal($"PadBelowUnit,{Write}", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal(pad, error.TargetObject);
                Assert.Contains($"-Pad {pad} is below what {device} over Usart needs ({needed} bytes)", error.Exception.Message);
                Assert.Equal(before, target.OperationCount);
                Assert.All(Read(ps, "0x08000000", 64), b => Assert.Equal(7, b));
            }
        }

        [Fact]
        public void Get_Stm32FlashPlan_refuses_the_same_pad_and_plans_it_with_Force()
        {
            using var ps = new PsSession();
            const string plan = "[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]](1..64)) | Get-Stm32FlashPlan -Device STM32H743 -Interface Usart -Pad 8";
            var error = Assert.Single(ps.Run(plan).Errors);
            Assert.Equal("PadBelowUnit,Stm32Flash.Commands.GetStm32FlashPlanCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(8, error.TargetObject);
            Assert.Contains("(32 bytes)", error.Exception.Message);
            var forced = ps.Run(plan + " -Force -AsPlan").AssertNoErrors().Single<FlashPlan>();
            Assert.Equal(8, forced.Unit);
            Assert.Equal(32, ps.Run(plan.Replace(" -Pad 8", "") + " -AsPlan").AssertNoErrors().Single<FlashPlan>().Unit);
        }

        [Fact]
        public void Forced_below_the_word_the_simulator_refuses_as_the_bootloader_does_and_the_default_works()
        {
            var (ps, target) = Connect("STM32F103x8");
            using (ps)
            {
                var error = Assert.Single(ps.Run("Write-Stm32Memory -Address 0x08000002 -Data 1,2 -Pad 2 -Force").Errors);
                Assert.Equal($"FlashRuleViolation,{Write}", error.FullyQualifiedErrorId);
                var failure = Assert.IsType<FlashOperationException>(error.Exception);
                Assert.StartsWith("NACK (0x1F) at 0x08000002 (Write Memory, segment 1 of 1, chunk 1 of 1): a write of 2 bytes at 0x08000002", failure.Message);
                Assert.Contains("The Usart bootloader takes Write Memory only as whole 32-bit words", failure.Message);
                Assert.False(target.Simulation.IsProgrammed(0x08000002));

                ps.Run("Write-Stm32Memory -Address 0x08000002 -Data 1,2").AssertNoErrors();
                Assert.Equal(new byte[] { 0xFF, 0xFF, 1, 2, 0xFF, 0xFF }, Read(ps, "0x08000000", 6));
            }
        }

        [Fact]
        public void Ram_on_a_serial_bootloader_is_widened_to_whole_words_with_the_bytes_it_held()
        {
            var (ps, _) = Connect("STM32F103x8");
            using (ps)
            {
                ps.Run("Write-Stm32Memory -Address 0x20001000 -Data 9,9,9,9,9,9,9,9").AssertNoErrors();
                var plan = Assert.Single(ps.Run("Write-Stm32Memory -Address 0x20001001 -Data 1,2,3 -WhatIf").AssertNoErrors().Information);
                Assert.Contains("so 1 byte(s) of RAM next to the image are read first and written back unchanged", plan.MessageData.ToString());
                var written = ps.Run("Write-Stm32Memory -Address 0x20001001 -Data 1,2,3 -PassThru").AssertNoErrors().Single<Segment>();
                Assert.Equal(0x20001000u, written.Address);
                Assert.Equal(new byte[] { 9, 1, 2, 3 }, written.Data);
                Assert.Equal("written: segment 1 (RAM, widened to words with 1 B it held)", written.Source.Origin);
                Assert.Equal(new byte[] { 9, 1, 2, 3, 9, 9, 9, 9 }, Read(ps, "0x20001000", 8));
            }
        }

        [Fact]
        public void PassThru_says_how_each_block_was_written()
        {
            var (ps, _) = Connect("STM32L552");
            using (ps)
            {
                var padded = ps.Run("Write-Stm32Memory -Address 0x08000000 -Data 1,2,3 -PassThru").AssertNoErrors().Single<Segment>();
                Assert.Equal("written: segment 1 (padded with 5 B of 0xFF)", padded.Source.Origin);
                var whole = ps.Run("Write-Stm32Memory -Address 0x08000800 -Data (1..16) -PassThru").AssertNoErrors().Single<Segment>();
                Assert.Equal("written: segment 1 (whole 8-byte units)", whole.Source.Origin);
                var kept = ps.Run("Write-Stm32Memory -Address 0x08001000 -Data 1,2,3 -PreserveUnwritten -PassThru").AssertNoErrors().Single<Segment>();
                Assert.Equal("written: segment 1 (whole pages, 2,045 B kept)", kept.Source.Origin);
            }
            var (swd, _) = Connect("STM32L552", "-Interface Swd");
            using (swd)
            {
                var ram = swd.Run("Write-Stm32Memory -Address 0x20010001 -Data 1,2,3 -PassThru").AssertNoErrors().Single<Segment>();
                Assert.Equal("written: segment 1 (RAM, as given)", ram.Source.Origin);
                Assert.Equal(0x20010001u, ram.Address);
            }
        }

        [Fact]
        public void Verbose_shows_the_plan_once()
        {
            var (ps, _) = Connect("STM32L552");
            using (ps)
            {
                var verbose = ps.Run("Write-Stm32Memory -Address 0x08000000 -Data (1..16) -Verbose").AssertNoErrors().Verbose.Select(v => v.Message).ToList();
                var plans = verbose.Where(m => m.Contains("Plan for STM32L552")).ToList();
                var plan = Assert.Single(plans);
                Assert.Contains("Erase 1 page(s)", plan);
                Assert.Single(verbose, m => m.Contains("Erase 1 page(s)"));
            }
        }

        [Fact]
        public void No_input_warns_and_touches_nothing()
        {
            var (ps, target) = Connect("STM32L552");
            using (ps)
            {
                foreach (var script in new[] { "@() | Write-Stm32Memory", "Write-Stm32Memory -InputObject @()", "Write-Stm32Memory @() -PassThru" })
                {
                    var result = ps.Run(script).AssertNoErrors();
                    Assert.Contains("No segments to write", Assert.Single(result.Warnings).Message);
                    Assert.Empty(result.Output);
                }
                Assert.Equal(0, target.OperationCount);
            }
        }

        [Theory]
        [InlineData("0xE0042000")]
        [InlineData("0x90000000")]
        [InlineData("0x9000_0000")]
        [InlineData("'0x90000000'")]
        [InlineData("0xFFFFFF00")]
        public void Addresses_from_0x80000000_up_bind_on_every_cmdlet_that_takes_one(string literal)
        {
            var address = Convert.ToUInt32(literal.Trim('\'').Replace("_", ""), 16);
            var (ps, _) = Connect("STM32L552");
            using (ps)
            {
                var read = Assert.Single(ps.Run($"Read-Stm32Memory {literal} 4").Errors);
                Assert.Equal(TargetErrorKind.AddressRefused, Assert.IsType<TargetException>(read.Exception).Kind);
                Assert.Equal(address, ((TargetException)read.Exception).Address);
                // The literal as a command argument, as a user types it, then bound from the pipeline by property name.
                var piped = Assert.Single(ps.Run($"function Arg {{ $args[0] }}; [pscustomobject]@{{ Address = (Arg {literal}); Length = 4 }} | Read-Stm32Memory").Errors);
                Assert.Equal(address, ((TargetException)piped.Exception).Address);

                var write = Assert.Single(ps.Run($"Write-Stm32Memory {literal} 1,2,3,4").Errors);
                Assert.StartsWith("AddressRefused,", write.FullyQualifiedErrorId);
                Assert.Equal(address, ((Segment)write.TargetObject).Address);

                var clear = Assert.Single(ps.Run($"Clear-Stm32Memory {literal} 4 -Confirm:$false").Errors);
                Assert.StartsWith("AddressRefused,", clear.FullyQualifiedErrorId);
                Assert.Contains($"0x{address:X8}", clear.ToString());

                var start = Assert.Single(ps.Run($"Start-Stm32 {literal}").Errors);
                Assert.Equal(address, Assert.IsType<TargetException>(start.Exception).Address);
                Assert.Equal(address, start.TargetObject);
            }
        }

        /// <summary>Parameters that are a size in bytes, whatever their type.</summary>
        private static readonly string[] Sizes = { "Length", "MaxGap", "Pad", "FlashSize", "RecordLength" };

        [Fact]
        public void Every_address_and_size_parameter_of_every_cmdlet_takes_hex_literals_above_0x7FFFFFFF()
        {
            var module = Assembly.LoadFrom(System.IO.Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll"));
            var parameters = module.GetExportedTypes()
                .Where(t => t.GetCustomAttribute<CmdletAttribute>() != null)
                .SelectMany(t => t.GetProperties().Where(p => p.GetCustomAttributes<ParameterAttribute>().Any()))
                .Where(p => p.PropertyType == typeof(uint) || p.PropertyType == typeof(uint[]) || Sizes.Contains(p.Name))
                .ToList();
            Assert.Contains(parameters, p => p.DeclaringType!.Name == "ReadStm32MemoryCommand" && p.Name == "Length");
            Assert.Contains(parameters, p => p.DeclaringType!.Name == "GetHexSegmentCommand" && p.Name == "MaxGap");
            Assert.All(parameters,
                p => Assert.True(p.GetCustomAttributes().Any(a => a.GetType().Name is "AddressTransformationAttribute" or "OptionValueTransformationAttribute"), $"{p.DeclaringType!.Name}.{p.Name}"));
        }

        [Theory]
        [InlineData("Read-Stm32Memory 0x08000000 0xFFFFFFFF", "Length", "0xFFFFFFFF (4294967295)")]
        [InlineData("Clear-Stm32Memory 0x08000000 0x80000000 -Confirm:$false", "Length", "0x80000000 (2147483648)")]
        [InlineData("New-HexSegment 0x08000000 (1..8) | Write-Stm32Memory -Pad 0xFFFFFFF0", "Pad", "0xFFFFFFF0 (4294967280)")]
        [InlineData("New-HexSegment 0x08000000 (1..8) | Get-Stm32FlashPlan -Pad 0x80000000", "Pad", "0x80000000 (2147483648)")]
        [InlineData("Connect-Stm32 -Simulator STM32L552 -FlashSize 0x1_0000_0001", "FlashSize", "0x100000001 (4294967297)")]
        public void A_size_above_what_the_parameter_takes_is_named_as_it_was_written(string script, string parameter, string named)
        {
            var (ps, target) = Connect("STM32L552");
            using (ps)
            {
                var error = Assert.Single(ps.Run(script).Errors);
                Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
                Assert.Contains($"'{parameter}'", error.ToString());
                Assert.Contains(named, error.ToString());
                Assert.Equal(0, target.OperationCount);
            }
        }

        [Fact]
        public void A_flash_size_of_2_GiB_reaches_the_device_check_as_2_GiB()
        {
            using var ps = new PsSession();
            var error = Assert.Single(ps.Run("Connect-Stm32 -Simulator STM32L552 -FlashSize 0x80000000").Errors);
            Assert.Contains("2048 MiB", error.ToString());
        }

        [Theory]
        [InlineData("Read-Stm32Memory -Address 4294967040 -Length 512", "Stm32Flash.Commands.ReadStm32MemoryCommand")]
        [InlineData("Clear-Stm32Memory -Address 4294967040 -Length 512 -Confirm:$false", "Stm32Flash.Commands.ClearStm32MemoryCommand")]
        [InlineData("Write-Stm32Memory -Address 0xFFFFFFF0 -Data (1..32)", Write)]
        public void A_range_past_4_GiB_is_refused_as_an_argument(string script, string cmdlet)
        {
            var (ps, target) = Connect("STM32L552");
            using (ps)
            {
                var error = Assert.Single(ps.Run(script).Errors);
                Assert.Equal($"AddressRefused,{cmdlet}", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Contains("past the end of the 32-bit address space", error.ToString());
                Assert.IsNotType<ArgumentOutOfRangeException>(error.Exception);
                Assert.Equal(0, target.OperationCount);
            }
        }

        [Fact]
        public void Read_goes_on_with_the_next_range_after_one_past_4_GiB()
        {
            var (ps, _) = Connect("STM32L552");
            using (ps)
            {
                var result = ps.Run("[pscustomobject]@{ Address = 4294967040; Length = 512 }, [pscustomobject]@{ Address = 0x08000000; Length = 4 } | Read-Stm32Memory");
                Assert.Equal(0xFFFFFF00u, Assert.Single(result.Errors).TargetObject);
                Assert.Equal(0x08000000u, Assert.Single(result.Objects<Segment>()).Address);
            }
        }

        [Fact]
        public void A_failed_write_stays_on_the_session_as_LastFailure_until_a_write_completes()
        {
            using var ps = new PsSession();
            var options = new SimulatorOptions().WithFault(4, FaultKind.Drop, 4);
            ps.Run("$s = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions $args[0]", options).AssertNoErrors();
            var error = Assert.Single(ps.Run("$args[0] | Write-Stm32Memory", new object[] { ForumImage.Build() }).Errors);
            var last = Assert.Single(ps.Run("$s.LastFailure").AssertNoErrors().Output);
            Assert.Equal(error.FullyQualifiedErrorId, last.Properties["ErrorId"].Value + ",Stm32Flash.Commands.WriteStm32MemoryCommand");
            Assert.Equal(error.Exception.Message, last.Properties["Message"].Value);
            var programmed = ((FlashOperationException)error.Exception).Programmed;
            Assert.NotEmpty(programmed);
            Assert.Equal(programmed, last.Properties["Programmed"].Value);
            ps.Run("$args[0] | Write-Stm32Memory", new object[] { ForumImage.Build() }).AssertNoErrors();
            Assert.DoesNotContain(ps.Run("$s.LastFailure").AssertNoErrors().Output, o => o != null);
        }

        [Fact]
        public void Ctrl_C_during_a_write_keeps_what_was_written_on_the_session()
        {
            var host = new TextHost();
            using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(host, System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2());
            runspace.Open();
            var options = new SimulatorOptions { BytesPerSecond = 20_000, Latency = TimeSpan.FromMilliseconds(1) };
            SimulatedTarget target;
            using (var connect = PowerShell.Create())
            {
                connect.Runspace = runspace;
                connect.AddScript("Import-Module $args[0]; $s = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions $args[1]; $s").AddArgument(Repo.ManifestPath).AddArgument(options);
                target = (SimulatedTarget)connect.Invoke().Single().Methods["GetTarget"].Invoke();
            }
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = runspace;
                ps.AddScript("$args[0] | Write-Stm32Memory").AddArgument(ForumImage.Build());
                var running = ps.BeginInvoke();
                var waited = Stopwatch.StartNew();
                while (target.BytesTransferred < 2048 && waited.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(2);
                ps.Stop();
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
                // The pipeline refuses records once stopping; the report reaches the console through the host.
                Assert.Contains(host.HostWarnings, w => w.StartsWith("Write-Stm32Memory was stopped. Cancelled at 0x", StringComparison.Ordinal) && w.Contains("Already written: 0x08000000.."));
            }
            using (var check = PowerShell.Create())
            {
                check.Runspace = runspace;
                check.AddScript("$s.LastFailure");
                var last = check.Invoke().Single();
                var message = (string)last.Properties["Message"].Value;
                var programmed = (IReadOnlyList<AddressRange>)last.Properties["Programmed"].Value;
                Assert.Equal("Cancelled", last.Properties["ErrorId"].Value);
                Assert.NotEmpty(programmed);
                Assert.True(programmed.Sum(r => r.Length) >= 2048 - 256, message);
                foreach (var range in programmed)
                    Assert.True(target.Simulation.IsProgrammed(range.Start) && target.Simulation.IsProgrammed((uint)(range.End - 8)), range.ToString());
                Assert.Contains("Already written: ", message);
            }
        }
    }
}
