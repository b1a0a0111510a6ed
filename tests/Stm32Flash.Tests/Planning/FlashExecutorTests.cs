using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    public class FlashExecutorTests
    {
        private static SimulatedTarget L552(SimulatorOptions? options = null) => new SimulatedTarget(DeviceCatalog.Get("STM32L552"), options);

        private static void AssertHolds(SimulatedTarget t, IEnumerable<Segment> segments)
        {
            var flash = t.Simulation.FlashSnapshot();
            foreach (var s in segments)
                Assert.Equal(s.Data, flash.Skip((int)(s.Address - 0x08000000)).Take(s.Length));
        }

        [Fact]
        public void Forum_image_written_with_the_default_unit_over_I2C_is_on_the_device()
        {
            using var t = L552(new SimulatorOptions { Interface = TargetInterface.I2c });
            var image = ForumImage.Build();
            var progress = new List<FlashProgress>();
            var result = new FlashExecutor(t) { Progress = progress.Add }.Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Verify = true }));
            AssertHolds(t, image);
            var word = t.Simulation.FlashSnapshot().Skip((int)(ForumImage.SharedDoubleWord - 0x08000000)).Take(8).ToArray();
            Assert.Equal(image[0].Data.Skip(0x1F0).Take(3).Concat(new byte[] { 0xFF, 0xFF }).Concat(image[1].Data.Take(3)), word);
            Assert.Equal(result.Programmed, result.Verified);
            Assert.Equal(progress.Last().BytesTotal, progress.Last().BytesDone);
            Assert.True(progress.Select(p => p.BytesDone).SequenceEqual(progress.Select(p => p.BytesDone).OrderBy(x => x)), "progress only grows");
            foreach (var s in image) Assert.True(MemoryVerifier.Verify(t, s).Match);
        }

        [Fact]
        public void Forum_image_written_unpadded_over_I2C_fails_naming_segment_address_chunk_and_the_word_rule()
        {
            using var t = L552(new SimulatorOptions { Interface = TargetInterface.I2c });
            var image = ForumImage.Build();
            var plan = FlashPlanner.Plan(image, t, new FlashPlanOptions { Pad = 1, AllowPartialUnits = true });
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(plan));
            Assert.Equal(FlashFailure.Device, ex.Failure);
            Assert.Equal(TargetErrorKind.FlashRule, ex.TargetError!.Kind);
            Assert.Equal(1, ex.SegmentNumber);
            Assert.Equal(6, ex.SegmentCount);
            Assert.Equal(0x08000100u, ex.Address);
            var failed = (ProgramStep)ex.Step;
            Assert.Equal(2, ex.ChunkNumber);
            Assert.Equal(failed.ChunkNumber, ex.ChunkNumber);
            Assert.StartsWith($"NACK (0x1F) at 0x08000100 (Write Memory, segment 1 of 6, chunk 2 of {plan.ChunkCount}): a write of 243 bytes at 0x08000100", ex.Message);
            Assert.Contains("The I2c bootloader takes Write Memory only as whole 32-bit words", ex.Message);
            Assert.Contains("Likely cause: The data was not padded to whole words: leave -Pad out or give -Pad 8", ex.Message);
            Assert.Contains("Already written: 0x08000000..0x08000100 (verified: none).", ex.Message);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000100) }, ex.Programmed);
            Assert.Contains("Erased but not yet written: 0x08000100..0x08000800", ex.Message);
        }

        [Fact]
        public void Forum_image_written_unpadded_over_SWD_fails_naming_segment_address_and_the_partial_unit()
        {
            using var t = L552(new SimulatorOptions { Interface = TargetInterface.Swd });
            var image = ForumImage.Build();
            var plan = FlashPlanner.Plan(image, t, new FlashPlanOptions { Pad = 1, AllowPartialUnits = true });
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(plan));
            Assert.Equal(TargetErrorKind.FlashRule, ex.TargetError!.Kind);
            Assert.Equal(1, ex.SegmentNumber);
            Assert.Equal(0x080001F0u, ex.Address);
            Assert.StartsWith($"NACK (0x1F) at 0x080001F0 (Write Memory, segment 1 of 6, chunk 1 of {plan.ChunkCount}): ", ex.Message);
            Assert.Contains("whole, aligned 8-byte units", ex.Message);
            Assert.Contains("Likely cause: The data was not padded", ex.Message);
            Assert.Contains("Already written: none", ex.Message);
        }

        [Fact]
        public void A_disconnect_mid_write_lists_exactly_the_chunks_already_written()
        {
            var image = ForumImage.Build();
            using var probe = L552();
            var plan = FlashPlanner.Plan(image, probe);
            var erases = plan.EraseSteps.Count();
            using var t = L552(new SimulatorOptions().WithFault(erases + 11, FaultKind.Disconnect));
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t)));
            Assert.Equal(TargetErrorKind.Disconnected, ex.TargetError!.Kind);
            Assert.Equal(11, ex.ChunkNumber);
            var written = plan.ProgramSteps.Take(10).Select(s => s.Range);
            Assert.Equal(AddressRange.Coalesce(written), ex.Programmed);
            Assert.Equal(AddressRange.Coalesce(plan.ErasedPages.Select(p => p.Range)), ex.Erased);
            Assert.NotEmpty(ex.ErasedNotWritten);
            Assert.Contains("Likely cause: The device was unplugged", ex.Message);
        }

        [Fact]
        public void A_corrupted_write_is_caught_by_verify()
        {
            using var t = L552(new SimulatorOptions().WithFault(5, FaultKind.Corrupt));
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(t).Execute(FlashPlanner.Plan(ForumImage.Build(), t, new FlashPlanOptions { Verify = true })));
            Assert.Equal(FlashFailure.VerifyMismatch, ex.Failure);
            Assert.StartsWith("Verify failed at 0x0800", ex.Message);
            Assert.Null(ex.TargetError);
        }

        [Fact]
        public void Preserve_unwritten_keeps_a_data_area_in_a_touched_page()
        {
            var data = new Segment(0x0807F800, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
            using (var t = L552())
            {
                new FlashExecutor(t).Execute(FlashPlanner.Plan(new[] { data }, t));
                new FlashExecutor(t).Execute(FlashPlanner.Plan(new[] { new Segment(0x0807F900, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }) }, t, new FlashPlanOptions { PreserveUnwritten = true }));
                AssertHolds(t, new[] { data });
                new FlashExecutor(t).Execute(FlashPlanner.Plan(new[] { new Segment(0x0807F900, new byte[8]) }, t));
                Assert.All(t.Simulation.FlashSnapshot().Skip(0x7F800).Take(64), b => Assert.Equal(0xFF, b));
            }
        }

        [Fact]
        public void Incremental_leaves_matching_pages_alone_and_rewrites_changed_ones()
        {
            using var t = L552();
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            var before = t.OperationCount;
            var again = new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true }));
            Assert.Empty(again.Erased);
            Assert.Equal(0, again.ChunksWritten);
            Assert.Equal(again.Plan.TouchedPages.Count, again.SkippedPages.Count);
            Assert.True(t.OperationCount - before <= again.Plan.TouchedPages.Count, "one device CRC per page");

            image[3].Data[5] ^= 0xFF;
            var changed = new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true }));
            Assert.Equal(new[] { new AddressRange(0x08010000, 0x08010800) }, changed.Erased);
            AssertHolds(t, image);
        }

        [Fact]
        public void Incremental_by_read_back_when_the_target_has_no_checksum()
        {
            using var t = L552(new SimulatorOptions { Checksum = false });
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            var again = new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true, PreserveUnwritten = true }));
            Assert.Equal(0, again.ChunksWritten);
        }

        [Fact]
        public void Cancellation_stops_between_chunks_and_reports_what_was_written()
        {
            using var t = L552();
            using var cts = new CancellationTokenSource();
            var executor = new FlashExecutor(t) { Progress = p => { if (p.Step is ProgramStep s && s.ChunkNumber == 3) cts.Cancel(); } };
            var plan = FlashPlanner.Plan(ForumImage.Build(), t);
            var ex = Assert.Throws<FlashOperationException>(() => executor.Execute(plan, cts.Token));
            Assert.Equal(FlashFailure.Cancelled, ex.Failure);
            Assert.Equal(4, ex.ChunkNumber);
            Assert.Equal(AddressRange.Coalesce(plan.ProgramSteps.Take(3).Select(s => s.Range)), ex.Programmed);
            Assert.Equal("cancelled before this step; nothing of it was sent to the device", ex.Reason);
        }

        [Fact]
        public void A_plan_for_another_device_is_refused()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G431"));
            var plan = FlashPlanner.Plan(ForumImage.Build().Take(1).ToList(), DeviceCatalog.Get("STM32L552"), TargetInterface.Usart);
            Assert.Throws<ArgumentException>(() => new FlashExecutor(t).Execute(plan));
        }
    }
}
