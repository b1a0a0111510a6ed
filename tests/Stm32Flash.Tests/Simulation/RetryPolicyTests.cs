using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Simulation
{
    /// <summary>One retry policy: a transient fault costs the in-process simulator what it costs a host talking to the served one.</summary>
    public class RetryPolicyTests
    {
        private static byte[] Pattern(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + 1)).ToArray();

        [Theory]
        [InlineData(FaultKind.Drop)]
        [InlineData(FaultKind.Nack)]
        [InlineData(FaultKind.Busy)]
        public void A_single_transient_fault_is_retried_in_process_as_on_the_served_simulator(FaultKind kind)
        {
            using var inProcess = new SimulatedTarget(DeviceCatalog.Get("STM32G474"), new SimulatorOptions().WithFault(1, kind));
            inProcess.Write(0x08000000, Pattern(256));
            Assert.Equal(Pattern(256), inProcess.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
            Assert.Equal(1, inProcess.Retries);

            using var served = new ServedDevice("STM32G474", new SimulatorOptions().WithFault(ServedDevice.AfterConnect("STM32G474", 1), kind));
            using var host = served.Connect();
            host.Write(0x08000000, Pattern(256));
            Assert.Equal(Pattern(256), served.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
            Assert.True(host.Retries >= 1, "the host did not retry"); // more under load, if a reply is late
            Assert.Equal(0, served.Target.Retries);
        }

        [Fact]
        public void Reads_erases_and_checksums_are_retried_too_but_Go_and_Reset_are_not()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G474"),
                new SimulatorOptions().WithFault(1, FaultKind.Busy).WithFault(3, FaultKind.Drop).WithFault(5, FaultKind.Nack).WithFault(7, FaultKind.Busy));
            t.ErasePages(new[] { 0 });
            t.Read(0x08000000, new byte[16]);
            t.Checksum(0x08000000, 16);
            Assert.Equal(3, t.Retries);
            var reset = Assert.Throws<TargetException>(() => t.Reset());
            Assert.Equal(TargetErrorKind.Busy, reset.Kind);
            Assert.Equal(1, reset.Attempts);
            Assert.Equal("the device answered BUSY to operation 7.", reset.Message);
        }

        [Fact]
        public void The_policy_tries_again_only_what_may_pass_and_counts_the_attempts()
        {
            var policy = new RetryPolicy(2);
            var calls = 0;
            var lasting = Assert.Throws<TargetException>(() => policy.Run(() =>
            {
                calls++;
                throw new TargetException(TargetErrorKind.Timeout, "Read Memory", "no answer.") { Transient = true };
            }, (_, _) => true));
            Assert.Equal((3, 3), (calls, lasting.Attempts));
            Assert.Equal("no answer. Tried 3 times.", lasting.Message);

            calls = 0;
            var rule = Assert.Throws<TargetException>(() => policy.Run(() =>
            {
                calls++;
                throw new TargetException(TargetErrorKind.FlashRule, "Write Memory", "the unit is not erased.");
            }, (_, _) => true));
            Assert.Equal((1, 1), (calls, rule.Attempts));
            Assert.Equal("the unit is not erased.", rule.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(-1));
        }

        [Theory]
        [InlineData("Busy")]
        [InlineData("Nack")]
        [InlineData("Drop")]
        public void Write_Stm32Memory_on_the_in_process_simulator_survives_one_fault(string kind)
        {
            using var ps = new PsSession();
            ps.Run($"$s = Connect-Stm32 -Simulator STM32L552 -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault(2, '{kind}'))").AssertNoErrors();
            var results = ps.Run("Get-HexSegment -LiteralPath $args[0] | Write-Stm32Memory -Pad 8 -PassThru | Test-Stm32Memory; $s.GetTarget().Retries",
                Repo.PathOf("samples", "stm32l552-demo", "demo.hex")).AssertNoErrors();
            Assert.All(results.Objects<VerifyResult>(), r => Assert.True(r.Match));
            Assert.Equal(1, results.Output.Last().BaseObject);
        }
    }
}
