using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>-Incremental on a target with a device CRC: runs of pages are compared by one CRC, halved where they differ.</summary>
    public class IncrementalCompareTests
    {
        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        private static (FlashResult Result, long Checksums) Incremental(SimulatedTarget t, Segment[] image)
        {
            var before = t.OperationCount;
            var result = new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true }));
            // Every operation but the erases and the writes is a device CRC.
            return (result, t.OperationCount - before - result.ChunksWritten - (result.Erased.Count > 0 ? 1 : 0));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(77)]
        [InlineData(127)]
        public void One_changed_page_among_128_costs_a_few_crcs_and_only_it_is_rewritten(int changedPage)
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G474"));
            var image = new[] { new Segment(0x08000000, Pattern(128 * 2048, 1)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));

            var (same, sameCrcs) = Incremental(t, image);
            Assert.Equal(128, same.SkippedPages.Count);
            Assert.Equal(1, sameCrcs);

            image[0].Data[changedPage * 2048 + 100] ^= 0x01;
            var (changed, crcs) = Incremental(t, image);
            Assert.Equal(new[] { AddressRange.FromLength(0x08000000 + (uint)changedPage * 2048, 2048) }, changed.Erased);
            Assert.Equal(127, changed.SkippedPages.Count);
            Assert.True(crcs <= 15, $"{crcs} CRCs");
            Assert.Equal(image[0].Data, t.Simulation.FlashSnapshot().AsSpan(0, image[0].Length).ToArray());
        }

        [Fact]
        public void Separate_runs_and_several_changes_are_each_found()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G474"));
            var image = new[] { new Segment(0x08000000, Pattern(20 * 2048, 2)), new Segment(0x08040000, Pattern(9 * 2048 + 100, 3)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            image[0].Data[3 * 2048] ^= 0xFF;
            image[0].Data[19 * 2048 + 5] ^= 0xFF;
            image[1].Data[9 * 2048 + 99] ^= 0xFF;
            var (result, _) = Incremental(t, image);
            Assert.Equal(new[]
            {
                AddressRange.FromLength(0x08000000 + 3 * 2048, 2048),
                AddressRange.FromLength(0x08000000 + 19 * 2048, 2048),
                AddressRange.FromLength(0x08040000 + 9 * 2048, 2048),
            }, result.Erased);
            var flash = t.Simulation.FlashSnapshot();
            Assert.Equal(image[0].Data, flash.AsSpan(0, image[0].Length).ToArray());
            Assert.Equal(image[1].Data, flash.AsSpan(0x40000, image[1].Length).ToArray());
            // The last page of the second run holds the image's bytes and the erased value after them.
            Assert.All(flash.Skip(0x40000 + image[1].Length).Take(2048 - 100), b => Assert.Equal(0xFF, b));
        }

        [Fact]
        public void A_page_that_holds_bytes_beyond_the_image_does_not_match_and_is_rewritten()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32G474"));
            var image = new[] { new Segment(0x08000000, Pattern(1000, 5)) };
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            t.Write(0x08000400, Pattern(8, 6));
            var (result, _) = Incremental(t, image);
            Assert.Empty(result.SkippedPages);
            Assert.Equal(new[] { AddressRange.FromLength(0x08000000, 2048) }, result.Erased);
            Assert.All(t.Simulation.FlashSnapshot().Skip(1000).Take(1048), b => Assert.Equal(0xFF, b));
        }
    }
}
