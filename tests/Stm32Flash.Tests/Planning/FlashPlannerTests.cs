using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    public class FlashPlannerTests
    {
        private static readonly DeviceInfo L552 = DeviceCatalog.Get("STM32L552");

        private static Segment Seg(uint address, int length, byte value = 0x11) =>
            new Segment(address, Enumerable.Repeat(value, length).ToArray());

        [Fact]
        public void A_block_merged_from_many_segments_names_them_as_a_run()
        {
            var segments = Enumerable.Range(0, 1000).Select(i => Seg(0x08000000u + (uint)i * 8, 8)).ToArray();
            var plan = FlashPlanner.Plan(segments, L552, TargetInterface.Swd);
            var block = Assert.Single(plan.Blocks);
            Assert.Equal(1000, block.SegmentNumbers.Count);
            Assert.EndsWith("segments 1..1000)", block.ToString());
            Assert.All(plan.Steps.OfType<ProgramStep>(), s => Assert.True(s.Detail.Length < 100, s.Detail));
        }

        [Fact]
        public void Forum_image_merges_the_shared_double_word_before_padding()
        {
            var plan = FlashPlanner.Plan(ForumImage.Build(), L552, TargetInterface.I2c);
            Assert.Equal(8, plan.Unit);
            var first = plan.Blocks[0];
            Assert.Equal(new[] { 1, 2 }, first.SegmentNumbers);
            Assert.Equal(new AddressRange(0x08000000, 0x08000500), first.Range);
            Assert.Equal(2, first.PaddedBytes); // the gap 0x080001F3..0x080001F5
            Assert.Equal(5, plan.Blocks.Count);
            var units = plan.ProgramSteps.SelectMany(c => Enumerable.Range(0, (int)c.Length / 8).Select(i => c.Address + (uint)(i * 8))).ToList();
            Assert.Equal(units.Count, units.Distinct().Count());
            Assert.All(plan.ProgramSteps, c =>
            {
                Assert.Equal(0u, c.Address % 8);
                Assert.Equal(0, c.Length % 8);
                Assert.InRange(c.Length, 8, 256);
                Assert.Equal(L552.Flash.PageAt(c.Address), L552.Flash.PageAt((uint)(c.Range.End - 1)));
            });
            var last = plan.ProgramSteps.Last();
            Assert.Equal(new[] { 6 }, last.SegmentNumbers);
            Assert.Equal(plan.ChunkCount, last.ChunkNumber);
        }

        [Fact]
        public void Erase_steps_cover_exactly_the_touched_pages()
        {
            var plan = FlashPlanner.Plan(ForumImage.Build(), L552, TargetInterface.Usart);
            var expected = ForumImage.Build().SelectMany(s => L552.Flash.PagesIn(s.Range)).Select(p => p.Number).Distinct().OrderBy(n => n);
            Assert.Equal(expected, plan.ErasedPages.Select(p => p.Number));
            Assert.True(plan.Steps.TakeWhile(s => s.Kind == FlashStepKind.Erase).Count() == plan.EraseSteps.Count(), "erases come first");
            Assert.Equal(Enumerable.Range(1, plan.Steps.Count), plan.Steps.Select(s => s.Number));
        }

        [Fact]
        public void An_erase_of_pages_apart_counts_only_their_bytes()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000000, 16), Seg(0x08005000, 16) }, L552, TargetInterface.Usart);
            var erase = Assert.Single(plan.EraseSteps);
            Assert.Equal(new[] { 0, 10 }, erase.Pages.Select(p => p.Number));
            Assert.Equal(new AddressRange(0x08000000, 0x08005800), erase.Range);
            Assert.Equal(2 * 2048, erase.Length);
        }

        [Fact]
        public void Bytes_lost_are_the_erased_page_bytes_outside_the_image()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000100, 100) }, L552, TargetInterface.Usart);
            Assert.Equal(2048 - 100, plan.BytesLost);
            Assert.Equal(4, plan.PaddedBytes);
            var text = plan.Describe();
            Assert.Contains("Erase 1 page(s): 0 (2 KiB", text);
            Assert.Contains("Bytes that would be lost: 1,948", text);
            Assert.Contains("4 byte(s) of padding", text);
            var preserving = FlashPlanner.Plan(new[] { Seg(0x08000100, 100) }, L552, TargetInterface.Usart, new FlashPlanOptions { PreserveUnwritten = true });
            Assert.Equal(0, preserving.BytesLost);
            Assert.Equal(1948, preserving.PreservedBytes);
            Assert.Equal(new AddressRange(0x08000000, 0x08000800), preserving.Blocks.Single().Range);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000100), new AddressRange(0x08000164, 0x08000800) },
                preserving.Steps.OfType<PreserveStep>().Select(s => s.Range));
        }

        [Fact]
        public void Preserving_the_chunks_count_bytes_kept_from_the_device_apart_from_padding()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000100, 100) }, L552, TargetInterface.Usart, new FlashPlanOptions { PreserveUnwritten = true });
            var chunks = plan.ProgramSteps.ToList();
            Assert.Equal(0, plan.PaddedBytes);
            Assert.All(chunks, c => Assert.Equal(0, c.PaddedBytes));
            Assert.Equal(plan.PreservedBytes, chunks.Sum(c => (long)c.PreservedBytes));
            Assert.Equal(256, chunks[0].PreservedBytes);
            Assert.Equal("chunk 1/8, bytes kept from the device", chunks[0].Summary);
            Assert.Equal("chunk 2/8, segment 1, 156 B kept", chunks[1].Summary);
            Assert.Equal("chunk 2 of 8: 256 bytes (156 kept from the device) from segment 1", chunks[1].Detail);
            Assert.DoesNotContain(chunks, c => c.Summary.Contains("padding") || c.Detail.Contains("padding"));

            var padded = FlashPlanner.Plan(new[] { Seg(0x08000100, 100) }, L552, TargetInterface.Usart).ProgramSteps.Single();
            Assert.Equal((4, 0), (padded.PaddedBytes, padded.PreservedBytes));
            Assert.Equal("chunk 1/1, segment 1, 4 B padding", padded.Summary);
        }

        [Fact]
        public void Pad_one_with_partial_units_allowed_writes_the_bytes_as_they_are()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x08000003, 5) }, L552, TargetInterface.I2c, new FlashPlanOptions { Pad = 1, AllowPartialUnits = true });
            Assert.Equal(new AddressRange(0x08000003, 0x08000008), plan.ProgramSteps.Single().Range);
            Assert.Equal(4, FlashPlanner.DefaultUnit(DeviceCatalog.Get("STM32F405"), TargetInterface.Usart));
            Assert.Equal(1, FlashPlanner.DefaultUnit(DeviceCatalog.Get("STM32F405"), TargetInterface.Swd));
            Assert.Equal(32, FlashPlanner.DefaultUnit(DeviceCatalog.Get("STM32H743"), TargetInterface.Usart));
        }

        [Theory]
        [InlineData(0x08080000u, 16, FlashPlanError.AddressRefused, "outside")]
        [InlineData(0x0807FFF8u, 16, FlashPlanError.AddressRefused, "runs past")]
        [InlineData(0x90000000u, 16, FlashPlanError.AddressRefused, "outside")]
        [InlineData(0x20003F00u, 512, FlashPlanError.ReservedRam, "bootloader uses itself")]
        [InlineData(0x40022040u, 8, FlashPlanError.OptionBytes, "option-byte")]
        [InlineData(0x0BF90000u, 8, FlashPlanError.SystemMemory, "system memory")]
        public void Refuses_what_has_no_writable_home_naming_the_segment(uint address, int length, FlashPlanError error, string words)
        {
            var segments = new[] { Seg(0x08000000, 8), Seg(address, length) };
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(segments, L552, TargetInterface.Usart));
            Assert.Equal(error, ex.Error);
            Assert.Equal(2, ex.SegmentNumber);
            Assert.Same(segments[1], ex.Segment);
            Assert.Contains("Segment 2", ex.Message);
            Assert.Contains(words, ex.Message);
        }

        [Fact]
        public void Overlaps_must_agree()
        {
            var same = FlashPlanner.Plan(new[] { Seg(0x08000000, 16), Seg(0x08000008, 16) }, L552, TargetInterface.Usart);
            Assert.Equal(new AddressRange(0x08000000, 0x08000018), same.Blocks.Single().Range);
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 16), Seg(0x0800000F, 4, 0x22) }, L552, TargetInterface.Usart));
            Assert.Equal(FlashPlanError.Overlap, ex.Error);
            Assert.Equal(0x0800000Fu, ex.Address);
            Assert.Contains("Segments 1", ex.Message);
        }

        [Fact]
        public void Ram_over_the_debug_port_is_written_without_erase_or_padding_after_flash()
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x20010001, 300), Seg(0x08000000, 8) }, L552, TargetInterface.Swd);
            var ram = plan.ProgramSteps.Where(s => s.IsRam).ToList();
            Assert.Equal(new AddressRange(0x20010001, 0x2001012D), Assert.Single(ram).Range);
            Assert.Equal(0, ram[0].PaddedBytes);
            Assert.True(plan.ProgramSteps.Last().IsRam);
            Assert.Single(plan.ErasedPages);
            Assert.Empty(plan.Steps.OfType<PreserveStep>());
            Assert.Contains("bytes of RAM in 1 chunk(s), not padded.", plan.Describe());
        }

        [Theory]
        [InlineData(TargetInterface.Usart)]
        [InlineData(TargetInterface.I2c)]
        [InlineData(TargetInterface.Spi)]
        [InlineData(TargetInterface.Can)]
        public void Ram_over_a_serial_bootloader_is_widened_to_whole_words_with_the_bytes_already_there(TargetInterface iface)
        {
            var plan = FlashPlanner.Plan(new[] { Seg(0x20010001, 300), Seg(0x08000000, 8) }, L552, iface);
            var ram = plan.ProgramSteps.Where(s => s.IsRam).ToList();
            Assert.Equal(new[] { 256L, 48L }, ram.Select(s => s.Length));
            Assert.All(ram, s => Assert.True(s.Address % 4 == 0 && s.Length % 4 == 0));
            Assert.Equal(0x20010000u, ram[0].Address);
            var keep = plan.Steps.OfType<PreserveStep>().ToList();
            Assert.Equal(new[] { new AddressRange(0x20010000, 0x20010001), new AddressRange(0x2001012D, 0x20010130) }, keep.Select(k => k.Range));
            Assert.All(keep, k => Assert.True(k.IsRam));
            Assert.True(plan.Steps.ToList().IndexOf(keep[0]) < plan.Steps.ToList().IndexOf(ram[0]), "read before written");
            Assert.Equal(4, plan.Blocks.Single(b => b.IsRam).PreservedBytes);
            Assert.Equal(0, plan.Blocks.Single(b => b.IsRam).PaddedBytes);
            Assert.Contains("so 4 byte(s) of RAM next to the image are read first and written back unchanged", plan.Describe());
            Assert.DoesNotContain("Keep", plan.Describe());
        }

        [Theory]
        [InlineData("STM32F103x8", TargetInterface.Usart, 2, 4, "whole 32-bit words")]
        [InlineData("STM32F405", TargetInterface.Usart, 1, 4, "whole 32-bit words")]
        [InlineData("STM32F405", TargetInterface.Can, 2, 4, "whole 32-bit words")]
        [InlineData("STM32H743", TargetInterface.Usart, 8, 32, "32-byte units")]
        [InlineData("STM32H743", TargetInterface.Swd, 16, 32, "32-byte units")]
        [InlineData("STM32L552", TargetInterface.I2c, 4, 8, "8-byte units")]
        [InlineData("STM32U575", TargetInterface.Dfu, 8, 16, "16-byte units")]
        public void A_pad_below_what_the_device_and_interface_need_is_refused_before_anything_is_planned(string name, TargetInterface iface, int pad, int needed, string why)
        {
            var device = DeviceCatalog.Get(name);
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 64) }, device, iface, new FlashPlanOptions { Pad = pad }));
            Assert.Equal(FlashPlanError.PadBelowUnit, ex.Error);
            Assert.StartsWith($"-Pad {pad} is below what {name} over {iface} needs ({needed} bytes): ", ex.Message);
            Assert.Contains(why, ex.Message);
            Assert.Contains("Nothing was erased or written", ex.Message);
            Assert.Contains($"-Pad {needed} or more", ex.Message);
            Assert.Equal(needed, FlashPlanner.Plan(new[] { Seg(0x08000000, 64) }, device, iface, new FlashPlanOptions { Pad = needed }).Unit);
            Assert.Equal(pad, FlashPlanner.Plan(new[] { Seg(0x08000000, 64) }, device, iface, new FlashPlanOptions { Pad = pad, AllowPartialUnits = true }).Unit);
        }

        [Fact]
        public void Plan_text_uses_an_before_eight_and_says_preserved_segments_were_grouped_by_page()
        {
            var touching = new[] { Seg(0x08000000, 3), Seg(0x08000005, 3) };
            var text = FlashPlanner.Plan(touching, L552, TargetInterface.Usart).Describe();
            Assert.Contains("Segments 1, 2 share or touch an 8-byte unit", text);
            Assert.DoesNotContain("a 8-byte", text);
            var f405 = FlashPlanner.Plan(touching, DeviceCatalog.Get("STM32F405"), TargetInterface.Usart).Describe();
            Assert.Contains("share or touch a 4-byte unit", f405);
            var apart = new[] { Seg(0x08000000, 3), Seg(0x08000400, 3) };
            var preserving = FlashPlanner.Plan(apart, L552, TargetInterface.Usart, new FlashPlanOptions { PreserveUnwritten = true }).Describe();
            Assert.Contains("Segments 1, 2 lie in the same pages and are written together as 0x08000000..0x08000800, with the bytes between them kept.", preserving);
            Assert.DoesNotContain("share or touch", preserving);
        }

        [Theory]
        [InlineData(8, "an")]
        [InlineData(16, "a")]
        [InlineData(11, "an")]
        [InlineData(18, "an")]
        [InlineData(80, "an")]
        [InlineData(1, "a")]
        [InlineData(800, "an")]
        [InlineData(118, "a")]
        [InlineData(8192, "an")]
        [InlineData(11000, "an")]
        [InlineData(2048, "a")]
        public void Articles_follow_the_sound_of_the_number(long n, string article)
        {
            Assert.Equal(article, PlanText.Article(n));
        }

        [Theory]
        [InlineData(3)]
        [InlineData(512)]
        public void Impossible_units_are_refused(int pad)
        {
            var ex = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { Seg(0x08000000, 8) }, L552, TargetInterface.Usart, new FlashPlanOptions { Pad = pad }));
            Assert.Equal(FlashPlanError.InvalidOptions, ex.Error);
        }

        [Fact]
        public void Skip_erase_plans_no_erase_and_loses_nothing()
        {
            var plan = FlashPlanner.Plan(ForumImage.Build(), L552, TargetInterface.Usart, new FlashPlanOptions { SkipErase = true, Verify = true });
            Assert.Empty(plan.EraseSteps);
            Assert.Equal(0, plan.BytesLost);
            Assert.Equal(plan.Blocks.Count, plan.Steps.Count(s => s.Kind == FlashStepKind.Verify));
            Assert.Contains("Erase nothing", plan.Describe());
        }

        [Fact]
        public void Sector_devices_erase_whole_sectors()
        {
            var f4 = DeviceCatalog.Get("STM32F405");
            var plan = FlashPlanner.Plan(new[] { Seg(0x08003FF0, 0x20), Seg(0x08020000, 1) }, f4, TargetInterface.Usart);
            Assert.Equal(new[] { 0, 1, 5 }, plan.ErasedPages.Select(p => p.Number));
            Assert.Contains("sector", plan.Describe());
            Assert.All(plan.ProgramSteps, s => Assert.Equal(0, s.Length % 4));
        }
    }
}
