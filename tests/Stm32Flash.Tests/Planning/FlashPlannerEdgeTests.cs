using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>FlashPlanner at its edges: page boundaries when preserving, RAM-only images, the exact refusal texts.</summary>
    public class FlashPlannerEdgeTests
    {
        private static readonly DeviceInfo L552 = DeviceCatalog.Get("STM32L552");

        private static Segment Seg(uint address, int length, byte value = 0x11, string origin = "test") =>
            new Segment(address, Enumerable.Repeat(value, length).ToArray(), SegmentSource.FromOrigin(origin));

        private static FlashPlan Preserving(params Segment[] segments) =>
            FlashPlanner.Plan(segments, L552, TargetInterface.Usart, new FlashPlanOptions { PreserveUnwritten = true });

        [Fact]
        public void Preserving_a_segment_that_ends_at_a_page_boundary_takes_only_its_own_page()
        {
            var plan = Preserving(Seg(0x08000700, 0x100));
            Assert.Equal(new AddressRange(0x08000000, 0x08000800), plan.Blocks.Single().Range);
            Assert.Equal(new[] { 0 }, plan.ErasedPages.Select(p => p.Number));
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000700) }, plan.Steps.OfType<PreserveStep>().Select(s => s.Range));
        }

        [Fact]
        public void Preserving_a_segment_that_ends_at_the_end_of_flash_plans_its_last_page()
        {
            var plan = Preserving(Seg(0x0807FFF0, 0x10));
            Assert.Equal(new AddressRange(0x0807F800, 0x08080000), plan.Blocks.Single().Range);
            Assert.Equal(new[] { 255 }, plan.ErasedPages.Select(p => p.Number));
        }

        [Fact]
        public void Preserving_segments_in_neighbouring_pages_stay_separate_blocks()
        {
            var plan = Preserving(Seg(0x08000400, 0x400), Seg(0x08000800, 0x10));
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08001000) }, AddressRange.Coalesce(plan.Blocks.Select(b => b.Range)));
            Assert.Equal(new[] { 1, 2 }, plan.Blocks.SelectMany(b => b.SegmentNumbers).OrderBy(n => n));
            Assert.Equal(new[] { 0, 1 }, plan.ErasedPages.Select(p => p.Number));
        }

        [Fact]
        public void Ram_segments_that_overlap_and_disagree_are_refused()
        {
            var segments = new[] { Seg(0x08000000, 8), Seg(0x20010000, 16, 0x11, "a.hex"), Seg(0x20010008, 16, 0x22, "b.hex") };
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(segments, L552, TargetInterface.Swd));
            Assert.Equal(FlashPlanError.Overlap, ex.Error);
            Assert.Equal(0x20010008u, ex.Address);
            Assert.Equal(3, ex.SegmentNumber);
        }

        [Fact]
        public void An_overlap_names_the_lower_numbered_segment_first_whatever_the_address_order()
        {
            // Segment 1 lies above segment 2, so the address order and the number order differ.
            var segments = new[] { Seg(0x08000008, 16, 0x22, "high.hex"), Seg(0x08000000, 16, 0x11, "low.hex") };
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(segments, L552, TargetInterface.Usart));
            Assert.Equal(FlashPlanError.Overlap, ex.Error);
            Assert.Equal(
                "Segments 1 (0x08000008..0x08000018 from high.hex) and 2 (0x08000000..0x08000010 from low.hex) overlap at 0x08000008..0x08000010 " +
                "and disagree: 0x08000008 is 0x22 in one and 0x11 in the other.", ex.Message);
            Assert.Equal(2, ex.SegmentNumber);
            Assert.Same(segments[1], ex.Segment);
            Assert.Equal(0x08000008u, ex.Address);
        }

        [Fact]
        public void Overlapping_segments_that_agree_until_a_later_byte_name_that_byte()
        {
            var low = Seg(0x08000000, 16);
            var high = Seg(0x08000004, 16);
            high.Data[6] = 0x33;
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { low, high }, L552, TargetInterface.Usart));
            Assert.Equal(0x0800000Au, ex.Address);
            Assert.Contains("0x0800000A is 0x11 in one and 0x33 in the other", ex.Message);
        }

        [Fact]
        public void A_ram_only_image_with_incremental_plans_no_compare_and_is_written()
        {
            var image = new[] { new Segment(0x20010000, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()) };
            using var t = new SimulatedTarget(L552);
            var plan = FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true, Verify = true });
            Assert.Empty(plan.TouchedPages);
            Assert.DoesNotContain(plan.Steps, s => s.Kind == FlashStepKind.Compare || s.Kind == FlashStepKind.Erase);
            var result = new FlashExecutor(t).Execute(plan);
            Assert.Equal(1, result.ChunksWritten);
            Assert.Equal(new[] { new AddressRange(0x20010000, 0x20010040) }, result.Verified);
            var back = new byte[64];
            t.Read(0x20010000, back);
            Assert.Equal(image[0].Data, back);
        }

        [Fact]
        public void A_segment_running_past_the_flash_counts_the_bytes_with_nowhere_to_go()
        {
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x0807FFF8, 20) }, L552, TargetInterface.Usart));
            Assert.Equal(FlashPlanError.AddressRefused, ex.Error);
            Assert.StartsWith("Segment 1 (0x0807FFF8..0x0808000C, 20 bytes from test): 0x0807FFF8..0x0808000C runs past STM32L552's flash (", ex.Message);
            Assert.EndsWith("): 12 byte(s) have nowhere to go. Is the image for a larger part?", ex.Message);
        }

        [Fact]
        public void A_segment_past_a_smaller_chips_flash_names_the_largest_part()
        {
            var small = new SimulatorOptions { FlashSize = 256 * 1024 }.ChipFor(L552);
            Assert.Equal(256 * 1024, small.FlashSize);
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x0803FFF0, 0x30) }, small, TargetInterface.Usart));
            Assert.Equal(FlashPlanError.AddressRefused, ex.Error);
            Assert.Contains("runs past the 256 KiB of flash this STM32L552 has", ex.Message);
            Assert.Contains("32 byte(s) have nowhere to go. The largest STM32L552 has 512 KiB; is the image for a larger part?", ex.Message);
        }

        [Theory]
        [InlineData(256, 256, null)]
        [InlineData(512, 256, "A 512-byte unit does not fit in the interface's largest write of 256 bytes.")]
        [InlineData(2048, 4096, null)]
        [InlineData(4096, 8192, "A 4096-byte unit is larger than STM32L552's smallest page (2048 bytes).")]
        public void A_pad_may_be_as_large_as_the_largest_write_and_the_smallest_page(int pad, int maxWrite, string? refusal)
        {
            var segments = new[] { Seg(0x08000000, 8) };
            var options = new FlashPlanOptions { Pad = pad };
            if (refusal is null)
            {
                var plan = FlashPlanner.Plan(segments, L552, TargetInterface.Swd, maxWrite, options);
                Assert.Equal(AddressRange.FromLength(0x08000000, pad), plan.ProgramSteps.Single().Range);
                return;
            }
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(segments, L552, TargetInterface.Swd, maxWrite, options));
            Assert.Equal(FlashPlanError.InvalidOptions, ex.Error);
            Assert.Equal(refusal, ex.Message);
        }
            [Theory]
        [InlineData(3, "The padding unit must be a power of two (1, 2, 4, 8, 16, 32...); 3 is not.")]
        [InlineData(0, "The padding unit must be a power of two (1, 2, 4, 8, 16, 32...); 0 is not.")]
        [InlineData(12, "The padding unit must be a power of two (1, 2, 4, 8, 16, 32...); 12 is not.")]
        public void A_pad_that_is_not_a_power_of_two_is_refused_saying_so(int pad, string refusal)
        {
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, L552, TargetInterface.Swd, new FlashPlanOptions { Pad = pad }));
            Assert.Equal(FlashPlanError.InvalidOptions, ex.Error);
            Assert.Equal(refusal, ex.Message);
        }

        [Fact]
        public void Preserving_and_skipping_the_erase_together_are_refused()
        {
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, L552, TargetInterface.Usart,
                new FlashPlanOptions { PreserveUnwritten = true, SkipErase = true }));
            Assert.Equal(FlashPlanError.InvalidOptions, ex.Error);
            Assert.Equal("-PreserveUnwritten keeps the bytes an erase would destroy; with -SkipErase nothing is erased, so leave one of them out.", ex.Message);
        }

        [Fact]
        public void More_pages_than_one_erase_takes_are_erased_in_steps_of_128()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000000, 200 * 2048) }, L552, TargetInterface.Swd);
            Assert.Equal(new[] { 128, 72 }, plan.EraseSteps.Select(e => e.Pages.Count));
            Assert.Equal(Enumerable.Range(0, 200), plan.EraseSteps.SelectMany(e => e.Pages).Select(p => p.Number));
            Assert.Equal(128, FlashPlanner.MaxPagesPerErase);
        }

        [Fact]
        public void Two_blocks_in_one_page_erase_it_once()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000000, 8), Seg(0x08000400, 8), Seg(0x08000800, 8) }, L552, TargetInterface.Usart);
            Assert.Equal(3, plan.Blocks.Count);
            Assert.Equal(new[] { 0, 1 }, plan.ErasedPages.Select(p => p.Number));
            Assert.Equal(new[] { 0, 1 }, plan.EraseSteps.Single().Pages.Select(p => p.Number));
        }

        [Fact]
        public void A_largest_write_that_is_not_a_whole_number_of_units_is_cut_down_to_one()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000000, 600) }, L552, TargetInterface.Swd, 250);
            Assert.Equal(new[] { 248L, 248L, 104L }, plan.ProgramSteps.Select(s => s.Length));
            Assert.Equal(250, plan.MaxWrite);
        }

        [Fact]
        public void A_chunk_names_only_the_segments_with_bytes_in_it()
        {
            // The segments touch at 0x08000100, the chunk boundary: chunk 1 holds segment 1, chunk 2 segment 2.
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000000, 0x100), Seg(0x08000100, 0x80, 0x22) }, L552, TargetInterface.Usart);
            var block = Assert.Single(plan.Blocks);
            Assert.Equal(new[] { 1, 2 }, block.SegmentNumbers);
            Assert.Equal(new[] { new[] { 1 }, new[] { 2 } }, plan.ProgramSteps.Select(s => s.SegmentNumbers.ToArray()));
        }

        [Fact]
        public void Missing_segments_are_refused_and_empty_ones_skipped()
        {
            Assert.Throws<System.ArgumentNullException>(() => FlashPlanner.Plan(null!, L552, TargetInterface.Usart));
            Assert.Throws<System.ArgumentNullException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, (DeviceInfo)null!, TargetInterface.Usart, 256));
            Assert.Equal("device", Assert.Throws<System.ArgumentNullException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, (DeviceInfo)null!, TargetInterface.Usart)).ParamName);
            Assert.Equal("target", Assert.Throws<System.ArgumentNullException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, (ITarget)null!)).ParamName);
            var ex = Assert.Throws<System.ArgumentException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8), null! }, L552, TargetInterface.Usart));
            Assert.StartsWith("Segment 2 is null.", ex.Message);
            var plan = FlashPlanner.Plan(new[] { new Segment(0x90000000, new byte[0]), Seg(0x08000000, 8) }, L552, TargetInterface.Usart);
            Assert.Equal(new[] { 2 }, plan.Blocks.Single().SegmentNumbers);
        }

        [Fact]
        public void Ram_is_cut_by_the_ram_unit_not_the_flash_unit()
        {
            // Over USART the flash unit is 8 and the RAM unit 4: a largest write of 252 takes 252 bytes of RAM, 248 of flash.
            var plan = FlashPlanner.Plan(new[] { Seg(0x20010000, 300), Seg(0x08000000, 300) }, L552, TargetInterface.Usart, 252);
            Assert.Equal(new[] { 252L, 48L }, plan.ProgramSteps.Where(s => s.IsRam).Select(s => s.Length));
            Assert.Equal(new[] { 248L, 56L }, plan.ProgramSteps.Where(s => !s.IsRam).Select(s => s.Length));
        }

        [Fact]
        public void A_pad_is_checked_against_the_smallest_of_mixed_sectors()
        {
            var f405 = DeviceCatalog.Get("STM32F405");
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, f405, TargetInterface.Swd, 65536, new FlashPlanOptions { Pad = 32768 }));
            Assert.Equal("A 32768-byte unit is larger than STM32F405's smallest sector (16384 bytes).", ex.Message);
        }
    }
}
