using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Planning;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    public class DeviceCmdletTests
    {
        // The Session type lives in the module's Stm32Flash.dll, which the tests load only through Import-Module.
        private static dynamic Session(PsResult result) => result.Output.Single();

        private static SimulatedTarget TargetOf(dynamic session) => (SimulatedTarget)((PSObject)session).Methods["GetTarget"].Invoke();

        private static bool IsConnected(dynamic session) => (bool)((PSObject)session).Properties["IsConnected"].Value;

        private static PsSession Connected(string device = "STM32L552", string extra = "")
        {
            var ps = new PsSession();
            ps.Run($"$null = Connect-Stm32 -Simulator {device} {extra}").AssertNoErrors();
            return ps;
        }

        [Fact]
        public void An_erase_that_fails_names_the_erase_step_as_the_errors_object()
        {
            using var ps = new PsSession();
            ps.Run("$null = Connect-Stm32 -Simulator STM32L552; Start-Stm32").AssertNoErrors();
            var failed = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000800, [byte[]](1..16)) | Write-Stm32Memory");
            var error = Assert.Single(failed.Errors);
            Assert.Equal("DeviceTimeout,Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            var step = Assert.IsAssignableFrom<FlashStep>(error.TargetObject);
            Assert.Equal(FlashStepKind.Erase, step.Kind);
            Assert.True(step.Range.Start <= 0x08000800u && step.Range.End > 0x08000800u, step.Range.ToString());
        }

        [Fact]
        public void Main_job_writes_padded_blocks_and_verifies_them()
        {
            using var ps = new PsSession();
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552").AssertNoErrors());
            Assert.True(IsConnected(session));
            Assert.Equal("STM32L552", ((Stm32Flash.Devices.DeviceInfo)((PSObject)session).Properties["Device"].Value).Name);
            var result = ps.Run("$args[0] | Write-Stm32Memory -Pad 8 -PassThru | Test-Stm32Memory", new object[] { ForumImage.Build() }).AssertNoErrors();
            var verified = result.Objects<VerifyResult>().ToList();
            Assert.Equal(5, verified.Count);
            Assert.All(verified, v => Assert.True(v.Match));
            Assert.All(verified, v => Assert.Equal(0u, v.Address % 8));
            Assert.Contains(result.Progress, p => p.PercentComplete > 0 && p.PercentComplete < 100);
            Assert.Contains(result.Progress, p => p.RecordType == ProgressRecordType.Completed);

            var quiet = ps.Run("$args[0] | Test-Stm32Memory -Quiet", new object[] { ForumImage.Build() }).AssertNoErrors();
            Assert.True((bool)quiet.Output.Single().BaseObject);
            SimulatedTarget target = TargetOf(session);
            var word = target.Simulation.FlashSnapshot().Skip(0x1F0).Take(8).ToArray();
            var image = ForumImage.Build();
            Assert.Equal(image[0].Data.Skip(0x1F0).Take(3), word.Take(3));
            Assert.Equal(image[1].Data.Take(3), word.Skip(5));
        }

        [Fact]
        public void Default_unit_is_the_devices_and_unpadded_fails_with_a_FlashRuleViolation_naming_the_segment()
        {
            using var ps = new PsSession();
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552 -Interface I2c").AssertNoErrors());
            var image = ForumImage.Build();
            var refused = Assert.Single(ps.Run("$args[0] | Write-Stm32Memory -Pad 1", new object[] { image }).Errors);
            Assert.Equal("PadBelowUnit,Stm32Flash.Commands.WriteStm32MemoryCommand", refused.FullyQualifiedErrorId);
            Assert.Equal(0, TargetOf(session).OperationCount);

            // -Force writes it anyway: the device refuses the first chunk that is not whole units.
            var failed = ps.Run("$args[0] | Write-Stm32Memory -Pad 1 -Force", new object[] { image });
            var error = Assert.Single(failed.Errors);
            Assert.Equal("FlashRuleViolation,Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Same(image[0], error.TargetObject);
            var flash = Assert.IsType<FlashOperationException>(error.Exception);
            Assert.Contains("segment 1 of 6", flash.Message);
            Assert.Contains("Already written:", flash.Message);
            Assert.Contains("Likely cause:", flash.Message);
            Assert.Contains("-Pad 8", flash.Message);
            Assert.DoesNotContain(error.ErrorDetails.RecommendedAction, flash.Message);

            ps.Run("$null = Clear-Stm32Memory -All -Confirm:$false").AssertNoErrors();
            ps.Run("$args[0] | Write-Stm32Memory", new object[] { image }).AssertNoErrors();
            Assert.True((bool)ps.Run("$args[0] | Test-Stm32Memory -Quiet", new object[] { image }).AssertNoErrors().Output.Single().BaseObject);
        }

        [Fact]
        public void WhatIf_describes_the_plan_and_touches_nothing()
        {
            using var ps = new PsSession();
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552"));
            var result = ps.Run("$args[0] | Write-Stm32Memory -WhatIf -PassThru", new object[] { ForumImage.Build() }).AssertNoErrors();
            Assert.Empty(result.Output);
            var info = Assert.Single(result.Information);
            Assert.Contains("WhatIf", info.Tags);
            var text = info.MessageData.ToString()!;
            Assert.Contains("Erase 10 page(s): 0, 8, 32, 64, 96..101", text);
            Assert.Contains("padding", text);
            Assert.Contains("Bytes that would be lost", text);
            Assert.Equal(0, TargetOf(session).OperationCount);
        }

        [Fact]
        public void Write_takes_Address_and_Data_and_Read_returns_a_segment()
        {
            using var ps = Connected();
            ps.Run("Write-Stm32Memory -Address 0x08000800 -Data ([byte[]](1..10))").AssertNoErrors();
            var segment = ps.Run("Read-Stm32Memory -Address 0x08000800 -Length 16").AssertNoErrors().Single<Segment>();
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (byte)i).Concat(Enumerable.Repeat((byte)0xFF, 6)), segment.Data);
            var piped = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000802, [byte[]](0,0,0)) | Read-Stm32Memory").AssertNoErrors().Single<Segment>();
            Assert.Equal(new byte[] { 3, 4, 5 }, piped.Data);
            var mismatch = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000800, [byte[]](1,2,9)) | Test-Stm32Memory").AssertNoErrors().Single<VerifyResult>();
            Assert.False(mismatch.Match);
            Assert.Equal(0x08000802u, mismatch.FirstMismatch);
        }

        [Fact]
        public void A_read_that_runs_past_the_end_of_flash_is_refused_before_anything_is_read()
        {
            using var ps = new PsSession();
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552 -FlashSize 128KB -OptionBit @{ DBANK = 0 }"));
            var before = TargetOf(session).OperationCount;
            var result = ps.Run("Read-Stm32Memory 0x08000000 (128KB + 256); 'next'");
            var error = Assert.Single(result.Errors);
            Assert.Equal("AddressRefused,Stm32Flash.Commands.ReadStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.StartsWith("0x08000000..0x08020100 (131,328 bytes) starts in flash (0x08000000..0x08020000) and runs 256 bytes past its end at 0x08020000", error.ToString());
            Assert.Equal("Read at most 131072 (0x20000) bytes from 0x08000000, or read each memory area on its own.", error.ErrorDetails.RecommendedAction);
            Assert.Equal(new AddressRange(0x08000000, 0x08020100), error.TargetObject);
            Assert.Equal(before, TargetOf(session).OperationCount);
            Assert.Equal("next", Assert.Single(result.Output).BaseObject);
            Assert.Equal(0x20000, ps.Run("Read-Stm32Memory 0x08000000 128KB").AssertNoErrors().Single<Segment>().Length);
        }

        [Theory]
        [InlineData("0x40022040", "OptionBytesNotWritten")]
        [InlineData("0x20000100", "ReservedRam")]
        [InlineData("0x08080000", "AddressRefused")]
        public void Planning_refusals_are_InvalidArgument_before_the_device_is_touched(string address, string id)
        {
            using var ps = new PsSession();
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552"));
            var result = ps.Run($"$s = [Stm32Flash.Segment]::new([uint32]{address}, [byte[]](1..8)); [Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]](1..8)), $s | Write-Stm32Memory");
            var error = Assert.Single(result.Errors);
            Assert.Equal(id + ",Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(System.Convert.ToUInt32(address, 16), ((Segment)error.TargetObject).Address);
            Assert.Equal(0, TargetOf(session).OperationCount);
        }

        [Fact]
        public void Without_a_session_device_cmdlets_say_to_connect_first()
        {
            using var ps = new PsSession();
            foreach (var script in new[] { "Read-Stm32Memory 0x08000000 4", "Write-Stm32Memory -Address 0x08000000 -Data 1", "Reset-Stm32", "Disconnect-Stm32" })
            {
                var error = Assert.Single(ps.Run(script).Errors);
                Assert.StartsWith("NoSession,", error.FullyQualifiedErrorId);
            }
            Assert.Contains("Connect-Stm32", ps.Run("Read-Stm32Memory 0x08000000 4").Errors.Single().ToString());
        }

        [Fact]
        public void Connect_refuses_unknown_devices_and_interfaces_they_do_not_have()
        {
            using var ps = new PsSession();
            Assert.StartsWith("DeviceNotFound,", ps.Run("Connect-Stm32 -Simulator STM32X999").Errors.Single().FullyQualifiedErrorId);
            var error = ps.Run("Connect-Stm32 -Simulator STM32F103C8 -Interface I2c").Errors.Single();
            Assert.StartsWith("InterfaceNotOffered,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            var session = Session(ps.Run("Connect-Stm32 -Simulator STM32L552 -Interface I2c").AssertNoErrors());
            Assert.Equal(Stm32Flash.Devices.TargetInterface.I2c, ((PSObject)session).Properties["Interface"].Value);
        }

        [Fact]
        public void Sessions_are_per_runspace_even_in_parallel()
        {
            var devices = new[] { "STM32L552", "STM32G431", "STM32F405", "STM32H743" };
            var results = new Dictionary<string, byte[]>();
            Parallel.ForEach(devices, device =>
            {
                using var ps = new PsSession();
                ps.Run($"$null = Connect-Stm32 -Simulator {device}").AssertNoErrors();
                var value = (byte)device.Sum(c => c);
                ps.Run($"Write-Stm32Memory -Address 0x08000000 -Data ([byte[]]@({value}) * 32)").AssertNoErrors();
                var read = ps.Run("Read-Stm32Memory 0x08000000 32").AssertNoErrors().Single<Segment>();
                lock (results) results[device] = read.Data;
            });
            foreach (var device in devices) Assert.All(results[device], b => Assert.Equal((byte)device.Sum(c => c), b));
        }

        [Fact]
        public void Explicit_session_disconnect_and_module_removal_close_sessions()
        {
            using var ps = new PsSession();
            var first = Session(ps.Run("$a = Connect-Stm32 -Simulator STM32L552; $a"));
            var second = Session(ps.Run("$b = Connect-Stm32 -Simulator STM32G431; $b"));
            ps.Run("Write-Stm32Memory -Session $a -Address 0x08000000 -Data ([byte[]](1..8))").AssertNoErrors();
            Assert.Single(TargetOf(first).Simulation.ExportFlash());
            Assert.Empty(TargetOf(second).Simulation.ExportFlash());
            var closed = Session(ps.Run("$b | Disconnect-Stm32 -PassThru").AssertNoErrors());
            Assert.False(IsConnected(closed));
            Assert.StartsWith("NoSession,", ps.Run("Read-Stm32Memory 0x08000000 4").Errors.Single().FullyQualifiedErrorId);
            Assert.StartsWith("SessionClosed,", ps.Run("Read-Stm32Memory 0x08000000 4 -Session $b").Errors.Single().FullyQualifiedErrorId);
            ps.Run("Remove-Module Stm32Flash").AssertNoErrors();
            Assert.False(IsConnected(first));
        }

        [Fact]
        public void Clear_erases_the_pages_a_range_touches_and_only_with_consent()
        {
            using var ps = Connected();
            ps.Run("Write-Stm32Memory -Address 0x08000000 -Data ([byte[]](1..64) * 128)").AssertNoErrors();
            var whatIf = ps.Run("Clear-Stm32Memory -Address 0x08000900 -Length 0x800 -WhatIf -PassThru").AssertNoErrors();
            Assert.Empty(whatIf.Output);
            var erased = ps.Run("Clear-Stm32Memory -Address 0x08000900 -Length 0x800 -Confirm:$false -PassThru").AssertNoErrors().Objects<AddressRange>().ToList();
            Assert.Equal(new[] { new AddressRange(0x08000800, 0x08001800) }, erased);
            var read = ps.Run("Read-Stm32Memory 0x08000000 0x2000").Single<Segment>();
            Assert.Equal(1, read.Data[0]);
            Assert.All(read.Data.Skip(0x800).Take(0x1000), b => Assert.Equal(0xFF, b));
            Assert.Equal(1, read.Data[0x1800]);
            Assert.StartsWith("NoSuchPage,", ps.Run("Clear-Stm32Memory -Page 999 -Confirm:$false").Errors.Single().FullyQualifiedErrorId);
            ps.Run("Clear-Stm32Memory -Page 0 -Confirm:$false; Clear-Stm32Memory -Bank 2 -Confirm:$false").AssertNoErrors();
            Assert.All(ps.Run("Read-Stm32Memory 0x08000000 0x800").Single<Segment>().Data, b => Assert.Equal(0xFF, b));
        }

        [Fact]
        public void Start_runs_the_application_and_Reset_brings_the_bootloader_back()
        {
            using var ps = Connected();
            ps.Run("Start-Stm32").AssertNoErrors();
            var error = ps.Run("Read-Stm32Memory 0x08000000 4").Errors.Single();
            Assert.StartsWith("DeviceTimeout,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            ps.Run("Reset-Stm32").AssertNoErrors();
            ps.Run("Read-Stm32Memory 0x08000000 4").AssertNoErrors();
            Assert.StartsWith("AddressRefused,", ps.Run("Start-Stm32 -Address 0x20000000").Errors.Single().FullyQualifiedErrorId);
        }

        [Fact]
        public void Device_faults_become_specific_error_records_with_the_ranges_written()
        {
            using var ps = new PsSession();
            var options = new SimulatorOptions().WithFault(4, FaultKind.Drop, 4);
            ps.Run("$null = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions $args[0]", options).AssertNoErrors();
            var result = ps.Run("$args[0] | Write-Stm32Memory", new object[] { ForumImage.Build() });
            var error = result.Errors.Single();
            Assert.StartsWith("DeviceTimeout,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("Already written: 0x08000000..", error.Exception.Message);
        }

        [Fact]
        public void Get_Stm32FlashPlan_emits_steps_for_a_device_without_connecting()
        {
            using var ps = new PsSession();
            var steps = ps.Run("$args[0] | Get-Stm32FlashPlan -Device STM32L552 -Interface I2c -Verify", new object[] { ForumImage.Build() }).AssertNoErrors()
                .Output.Select(o => (FlashStep)o.BaseObject).ToList();
            Assert.Equal(FlashStepKind.Erase, steps[0].Kind);
            Assert.Equal(FlashStepKind.Verify, steps.Last().Kind);
            Assert.All(steps.OfType<ProgramStep>(), s => Assert.True(s.Length <= 256 && s.Length % 8 == 0));
            var plan = ps.Run("$args[0] | Get-Stm32FlashPlan -Device STM32L552 -AsPlan -PreserveUnwritten", new object[] { ForumImage.Build() }).AssertNoErrors().Single<FlashPlan>();
            Assert.Equal(0, plan.BytesLost);
            Assert.StartsWith("NoSession,", ps.Run("$args[0] | Get-Stm32FlashPlan", new object[] { ForumImage.Build() }).Errors.Single().FullyQualifiedErrorId);
        }
    }
}
