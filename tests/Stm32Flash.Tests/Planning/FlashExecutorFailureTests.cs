using System;
using System.Linq;
using System.Threading;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>What FlashExecutor refuses, and what its errors say: the step, segment and address, and what is on the device.</summary>
    public class FlashExecutorFailureTests
    {
        private static SimulatedTarget L552(SimulatorOptions? options = null) => new SimulatedTarget(DeviceCatalog.Get("STM32L552"), options);

        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        private static bool AllErased(SimulatedTarget t) => t.Simulation.FlashSnapshot().All(b => b == 0xFF);

        [Fact]
        public void A_plan_whose_chunks_exceed_the_targets_largest_write_is_refused_before_anything_is_sent()
        {
            using var t = L552();
            var plan = FlashPlanner.Plan(ForumImage.Build(), t.Device, t.Interface, 1024);
            Assert.Equal(1024, plan.ProgramSteps.Max(s => s.Length));
            var ex = Assert.Throws<ArgumentException>(() => new FlashExecutor(t).Execute(plan));
            Assert.StartsWith("The plan writes up to 1024 bytes at once; simulated STM32L552 over Usart takes at most 256.", ex.Message);
            Assert.Equal(0, t.OperationCount);
            Assert.True(AllErased(t));

            var fits = new FlashExecutor(t).Execute(FlashPlanner.Plan(ForumImage.Build(), t.Device, t.Interface, 256));
            Assert.Equal(fits.Plan.ChunkCount, fits.ChunksWritten);
        }

        [Fact]
        public void A_plan_for_another_device_names_both()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G431"));
            var plan = FlashPlanner.Plan(ForumImage.Build().Take(1).ToList(), DeviceCatalog.Get("STM32L552"), TargetInterface.Usart);
            var ex = Assert.Throws<ArgumentException>(() => new FlashExecutor(t).Execute(plan));
            Assert.StartsWith("The plan is for STM32L552; the target is STM32G431.", ex.Message);
            Assert.Equal(0, t.OperationCount);
        }

        [Fact]
        public void Bytes_written_counts_the_chunks_sent_and_not_those_of_only_the_erased_value()
        {
            using var t = L552();
            var data = Pattern(1024, 7);
            data.AsSpan(256, 256).Fill(0xFF);
            var result = new FlashExecutor(t).Execute(FlashPlanner.Plan(new[] { new Segment(0x08000000, data) }, t));
            Assert.Equal(3, result.ChunksWritten);
            Assert.Equal(768, result.BytesWritten);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000400) }, result.Programmed);
            Assert.Equal(data, t.Simulation.FlashSnapshot().Take(1024).ToArray());
        }

        [Theory]
        [InlineData(true, "device CRC, then read-back")]
        [InlineData(false, "read-back")]
        public void A_verify_mismatch_names_the_segment_holding_the_address_and_both_bytes(bool crc, string method)
        {
            // Operation 1 is the erase, 2 the first chunk (0x08000000..0x08000100, all segment 1, in the block of segments 1 and 2).
            using var t = L552(new SimulatorOptions { Checksum = crc }.WithFault(2, FaultKind.Corrupt));
            var image = ForumImage.Build();
            var plan = FlashPlanner.Plan(image, t, new FlashPlanOptions { Verify = true });
            Assert.Equal(new[] { 1, 2 }, plan.Blocks[0].SegmentNumbers);
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(plan));

            var flash = t.Simulation.FlashSnapshot();
            var at = Enumerable.Range(0, image[0].Length).First(i => flash[i] != image[0].Data[i]);
            var address = 0x08000000u + (uint)at;
            Assert.Equal(FlashFailure.VerifyMismatch, ex.Failure);
            Assert.Equal(FlashStepKind.Verify, ex.Phase);
            Assert.Equal(address, ex.Address);
            Assert.Equal(1, ex.SegmentNumber);
            Assert.StartsWith($"Verify failed at 0x{address:X8} (segment 1 of 6, verifying): the device holds 0x{flash[at]:X2} where the image has 0x{image[0].Data[at]:X2} (checked by {method}). " +
                "The write was acknowledged but the flash does not hold the data: a write that programmed nothing (partial unit, write protection) or damaged data on the link.", ex.Message);
            Assert.Empty(ex.Verified);
            Assert.Equal(AddressRange.Coalesce(plan.ProgramSteps.Select(s => s.Range)), ex.Programmed);
        }

        [Fact]
        public void A_verify_mismatch_in_the_second_segment_of_a_block_names_it()
        {
            // Chunk 5 (0x08000400..0x08000500) holds only segment 2.
            using var t = L552(new SimulatorOptions().WithFault(6, FaultKind.Corrupt));
            var image = ForumImage.Build();
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Verify = true })));
            Assert.InRange(ex.Address, 0x08000400u, 0x080004FFu);
            Assert.Equal(2, ex.SegmentNumber);
        }

        [Fact]
        public void Cancelling_while_pages_are_compared_by_crc_stops_inside_the_compare_with_nothing_erased()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G474"));
            var image = new[] { new Segment(0x08000000, Pattern(2 * 2048, 1)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            var before = t.Simulation.FlashSnapshot();
            image[0].Data[2048 + 9] ^= 0x40;
            using var cts = new CancellationTokenSource();
            // The whole run differs, so each page is compared by itself: cancel once the first has been.
            var executor = new FlashExecutor(t) { Progress = p => { if (p.Phase == FlashStepKind.Compare) cts.Cancel(); } };
            var ex = Assert.Throws<FlashOperationException>(() => executor.Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true }), cts.Token));
            AssertCancelledInside(ex, FlashStepKind.Compare, 0x08000000, "comparing pages");
            Assert.Equal(before, t.Simulation.FlashSnapshot());
        }

        [Fact]
        public void Cancelling_while_pages_are_read_back_stops_inside_the_compare()
        {
            using var t = L552(new SimulatorOptions { Checksum = false });
            var image = new[] { new Segment(0x08000000, Pattern(2 * 2048, 2)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            using var cts = new CancellationTokenSource();
            var executor = new FlashExecutor(t) { Progress = p => { if (p.Phase == FlashStepKind.Compare) cts.Cancel(); } };
            var ex = Assert.Throws<FlashOperationException>(() => executor.Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true }), cts.Token));
            AssertCancelledInside(ex, FlashStepKind.Compare, 0x08000000, "comparing pages");
        }

        [Fact]
        public void Cancelling_while_bytes_are_read_to_be_preserved_stops_before_the_erase()
        {
            using var t = L552();
            t.Write(0x08000000, Pattern(8, 3));
            using var cts = new CancellationTokenSource();
            var executor = new FlashExecutor(t) { Progress = p => { if (p.Phase == FlashStepKind.Preserve) cts.Cancel(); } };
            var plan = FlashPlanner.Plan(new[] { new Segment(0x08000400, Pattern(16, 4)) }, t, new FlashPlanOptions { PreserveUnwritten = true });
            var ex = Assert.Throws<FlashOperationException>(() => executor.Execute(plan, cts.Token));
            AssertCancelledInside(ex, FlashStepKind.Preserve, 0x08000000, "reading page 0 to preserve it");
            Assert.Equal(Pattern(8, 3), t.Simulation.FlashSnapshot().Take(8).ToArray());
        }

        private static void AssertCancelledInside(FlashOperationException ex, FlashStepKind phase, uint address, string where)
        {
            Assert.Equal(FlashFailure.Cancelled, ex.Failure);
            Assert.Equal(phase, ex.Phase);
            Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
            Assert.Equal($"Cancelled at 0x{address:X8} ({where}): cancelled during this step. Already written: none (verified: none). Erased but not yet written: none.", ex.Message);
            Assert.Empty(ex.Erased);
            Assert.Empty(ex.Programmed);
        }
            [Fact]
        public void A_failure_in_the_padding_before_a_segment_names_the_segment_of_the_chunk()
        {
            // The segment starts at 0x08000003; its first chunk starts at 0x08000000, in the padding.
            using var t = L552(new SimulatorOptions().WithFault(2, FaultKind.Disconnect));
            var plan = FlashPlanner.Plan(new[] { new Segment(0x08000003, Pattern(20, 6)) }, t);
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(plan));
            Assert.Equal(FlashFailure.Device, ex.Failure);
            Assert.Equal(0x08000000u, ex.Address);
            Assert.Equal(1, ex.SegmentNumber);
            Assert.Contains("segment 1 of 1, chunk 1 of 1)", ex.Message);
        }

        [Fact]
        public void A_failed_erase_names_no_segment()
        {
            using var t = L552(new SimulatorOptions().WithFault(1, FaultKind.Disconnect));
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(FlashPlanner.Plan(ForumImage.Build(), t)));
            Assert.Equal(FlashStepKind.Erase, ex.Phase);
            Assert.Null(ex.SegmentNumber);
            Assert.DoesNotContain("segment", ex.Message.Substring(0, ex.Message.IndexOf(':')));
        }
    }
}
