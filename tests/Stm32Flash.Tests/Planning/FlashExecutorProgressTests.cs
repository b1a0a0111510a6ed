using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>What FlashExecutor reports while it runs: a status per step or chunk, and bytes done out of a total that adds up.</summary>
    public class FlashExecutorProgressTests
    {
        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        private static (FlashResult Result, List<FlashProgress> Progress) Run(SimulatedTarget t, Segment[] image, FlashPlanOptions options)
        {
            var progress = new List<FlashProgress>();
            var result = new FlashExecutor(t) { Progress = progress.Add }.Execute(FlashPlanner.Plan(image, t, options));
            return (result, progress);
        }

        private static void AssertAddsUp(FlashPlan plan, List<FlashProgress> progress)
        {
            long Bytes(FlashStep s) => s is EraseStep ? 0 : s is CompareStep c ? c.Pages.Sum(p => (long)p.Size) : s.Length;
            var total = plan.Steps.Sum(Bytes);
            Assert.All(progress, p => Assert.Equal(total, p.BytesTotal));
            Assert.Equal(total, progress.Last().BytesDone);
            Assert.True(progress.Zip(progress.Skip(1), (a, b) => a.BytesDone <= b.BytesDone).All(x => x), "progress only grows");
            Assert.All(progress, p => Assert.Equal(p.Step.Kind, p.Phase));
        }

        [Fact]
        public void An_incremental_preserving_run_reports_each_step_in_words()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var image = new[] { new Segment(0x08000100, Pattern(100, 1)), new Segment(0x08001000, Pattern(16, 2)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            image[0].Data[7] ^= 0x10;
            var (result, progress) = Run(t, image, new FlashPlanOptions { Incremental = true, PreserveUnwritten = true, Verify = true });
            var statuses = progress.Select(p => p.Status).ToList();
            Assert.Equal(new[] { "Compared page 0", "Compared page 2" }, statuses.Take(2));
            Assert.Contains("Reading page 0 to keep it", statuses);
            Assert.Contains("page 2 matches; nothing to preserve", statuses);
            Assert.DoesNotContain("Reading page 2 to keep it", statuses);
            Assert.Contains("Erased pages 0", statuses);
            Assert.Contains("Writing 0x08000000 (chunk 1 of 16)", statuses);
            Assert.Contains("Writing 0x08001000 (chunk 9 of 16): already on the device", statuses);
            Assert.Contains("Verifying 0x08000000..0x08000800", statuses);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000800) }, result.Erased);
            Assert.Equal(1, result.ChunksWritten); // the other chunks of page 0 hold only the erased value
            AssertAddsUp(result.Plan, progress);
        }

        [Fact]
        public void An_unchanged_image_reports_its_pages_already_match()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var image = new[] { new Segment(0x08000100, Pattern(100, 1)), new Segment(0x08001000, Pattern(16, 2)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            var (result, progress) = Run(t, image, new FlashPlanOptions { Incremental = true });
            Assert.Equal(new[] { "Compared page 0", "Compared page 2", "pages 0, 2 already match" }, progress.Select(p => p.Status).Take(3));
            Assert.Equal(0, result.ChunksWritten);
            AssertAddsUp(result.Plan, progress);
        }

        [Fact]
        public void Ram_next_to_the_image_is_read_before_it_is_written_back()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var before = Pattern(0x130, 3);
            t.Write(0x20010000, before.AsSpan(0, 0x100));
            t.Write(0x20010100, before.AsSpan(0x100));
            var image = new[] { new Segment(0x20010001, Pattern(300, 4)) };
            var (result, progress) = Run(t, image, new FlashPlanOptions());
            Assert.Contains("Reading RAM at 0x20010000 to write it back", progress.Select(p => p.Status));
            Assert.Contains("Reading RAM at 0x2001012D to write it back", progress.Select(p => p.Status));
            var back = TargetMemory.Read(t, 0x20010000, 0x130);
            Assert.Equal(before.Take(1).Concat(image[0].Data).Concat(before.Skip(0x12D)), back);
            AssertAddsUp(result.Plan, progress);
        }

        [Fact]
        public void Without_an_erase_a_chunk_of_the_erased_value_is_still_written()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var data = Pattern(512, 5);
            data.AsSpan(0, 256).Fill(0xFF);
            var (result, _) = Run(t, new[] { new Segment(0x08000000, data) }, new FlashPlanOptions { SkipErase = true });
            Assert.Equal(2, result.ChunksWritten);
            Assert.Equal(512, result.BytesWritten);
            Assert.Empty(result.Erased);
            var (erased, _) = Run(new SimulatedTarget(DeviceCatalog.Get("STM32L552")), new[] { new Segment(0x08000000, data) }, new FlashPlanOptions());
            Assert.Equal(1, erased.ChunksWritten);
        }
    }
}
