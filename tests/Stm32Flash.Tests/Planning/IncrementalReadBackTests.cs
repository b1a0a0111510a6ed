using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>
    /// -Incremental on a target without a device CRC (or with -PreserveUnwritten): each touched page is read back and
    /// compared. Without preserving, a page matches only if it holds the image and the erased value elsewhere; preserving,
    /// only the image's bytes count.
    /// </summary>
    public class IncrementalReadBackTests
    {
        // A page of the forum image's fourth segment (0x08010000..0x0801007D) has room beside the image.
        private const uint Beside = 0x08010400;
        private static readonly byte[] Foreign = { 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04 };

        private static SimulatedTarget NoCrc() => new SimulatedTarget(DeviceCatalog.Get("STM32L552"), new SimulatorOptions { Checksum = false });

        private static byte[] Flash(SimulatedTarget t, uint address, int length) =>
            t.Simulation.FlashSnapshot().Skip((int)(address - 0x08000000)).Take(length).ToArray();

        private static void AssertHolds(SimulatedTarget t, Segment[] image)
        {
            foreach (var s in image) Assert.Equal(s.Data, Flash(t, s.Address, s.Length));
        }

        private static FlashResult Incremental(SimulatedTarget t, Segment[] image, bool preserve) =>
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t, new FlashPlanOptions { Incremental = true, PreserveUnwritten = preserve }));

        [Fact]
        public void Without_preserving_an_unchanged_image_matches_because_the_rest_of_each_page_is_erased()
        {
            using var t = NoCrc();
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            var again = Incremental(t, image, preserve: false);
            Assert.Equal(0, again.ChunksWritten);
            Assert.Equal(0, again.BytesWritten);
            Assert.Empty(again.Erased);
            Assert.Equal(again.Plan.TouchedPages, again.SkippedPages);
        }

        [Fact]
        public void Without_preserving_a_page_with_bytes_beside_the_image_is_rewritten_to_the_erased_value()
        {
            using var t = NoCrc();
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            t.Write(Beside, Foreign);
            var result = Incremental(t, image, preserve: false);
            Assert.Equal(new[] { new AddressRange(0x08010000, 0x08010800) }, result.Erased);
            Assert.Equal(result.Plan.TouchedPages.Count - 1, result.SkippedPages.Count);
            Assert.All(Flash(t, Beside, Foreign.Length), b => Assert.Equal(0xFF, b));
            AssertHolds(t, image);
        }

        [Fact]
        public void Preserving_bytes_beside_the_image_do_not_count_so_an_unchanged_image_writes_nothing()
        {
            using var t = NoCrc();
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            t.Write(Beside, Foreign);
            var again = Incremental(t, image, preserve: true);
            Assert.Equal(0, again.ChunksWritten);
            Assert.Empty(again.Erased);
            Assert.Equal(again.Plan.TouchedPages, again.SkippedPages);
            Assert.Equal(Foreign, Flash(t, Beside, Foreign.Length));
        }

        [Fact]
        public void Preserving_a_changed_byte_is_found_and_its_page_rewritten_keeping_the_bytes_beside_it()
        {
            using var t = NoCrc();
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            t.Write(Beside, Foreign);
            image[3].Data[5] ^= 0xFF;
            var result = Incremental(t, image, preserve: true);
            Assert.Equal(new[] { new AddressRange(0x08010000, 0x08010800) }, result.Erased);
            Assert.Equal(result.Plan.TouchedPages.Count - 1, result.SkippedPages.Count);
            Assert.DoesNotContain(result.SkippedPages, p => p.Address == 0x08010000);
            AssertHolds(t, image);
            Assert.Equal(Foreign, Flash(t, Beside, Foreign.Length));
        }

        [Fact]
        public void Preserving_on_a_target_with_a_crc_still_compares_only_the_image_bytes()
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var image = ForumImage.Build();
            new FlashExecutor(t).Execute(FlashPlanner.Plan(image, t));
            t.Write(Beside, Foreign);
            var again = Incremental(t, image, preserve: true);
            Assert.Equal(0, again.ChunksWritten);
            Assert.Equal(again.Plan.TouchedPages, again.SkippedPages);
            Assert.Equal(Foreign, Flash(t, Beside, Foreign.Length));
        }
    }
}
