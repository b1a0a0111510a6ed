using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Targets;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>
    /// The forum case on the fake I2C bootloader: an STM32L552 image of six segments, the last the largest, boundaries
    /// not on 8-byte units and two segments sharing one double-word. Written the ways users tried, it fails with -10;
    /// merged before padding, padded to 8 and chunked to 256 it succeeds and reads back intact.
    /// </summary>
    public class ForumImageTests : FakeLibraryTest
    {
        private const int Unit = 8;
        private const int MaxWrite = 256;

        private static readonly (uint Address, int Length)[] Shape =
        {
            (0x08000000, 0x1C4),   // vectors and code; ends mid double-word
            (0x080001C6, 0x3A),    // starts in the same double-word
            (0x08004000, 100),
            (0x08008010, 37),
            (0x0800F000, 6),
            (0x08010003, 9000),    // the largest, last, unaligned at both ends
        };

        private static List<(uint Address, byte[] Data)> Image()
        {
            var random = new Random(552);
            return Shape.Select(s =>
            {
                var data = new byte[s.Length];
                random.NextBytes(data);
                return (s.Address, data);
            }).ToList();
        }

        /// <summary>Merge by unit, pad with 0xFF, chunk to the interface's limit without splitting a unit (the planner's job, done plainly here).</summary>
        private static List<(uint Address, byte[] Data)> Chunks(IEnumerable<(uint Address, byte[] Data)> segments)
        {
            var units = new SortedDictionary<uint, byte[]>();
            foreach (var (address, data) in segments)
            {
                for (var i = 0; i < data.Length; i++)
                {
                    var a = address + (uint)i;
                    var unit = a & ~(uint)(Unit - 1);
                    if (!units.TryGetValue(unit, out var bytes)) units[unit] = bytes = Enumerable.Repeat((byte)0xFF, Unit).ToArray();
                    bytes[a - unit] = data[i];
                }
            }
            var chunks = new List<(uint, byte[])>();
            var run = new List<byte>();
            uint runStart = 0, next = 0;
            foreach (var (unit, bytes) in units)
            {
                if (run.Count > 0 && (unit != next || run.Count == MaxWrite))
                {
                    chunks.Add((runStart, run.ToArray()));
                    run.Clear();
                }
                if (run.Count == 0) runStart = unit;
                run.AddRange(bytes);
                next = unit + Unit;
            }
            if (run.Count > 0) chunks.Add((runStart, run.ToArray()));
            return chunks;
        }

        private static void ErasePagesOf(ITarget target, IEnumerable<(uint Address, byte[] Data)> segments) =>
            target.ErasePages(segments.SelectMany(s => target.Device.Flash.PagesIn(new AddressRange(s.Address, s.Address + (ulong)s.Data.Length)))
                .Select(p => p.Number).Distinct().OrderBy(n => n).ToList());

        [Fact]
        public void Writing_each_segment_as_it_is_fails_with_write_mem()
        {
            Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var image = Image();
            ErasePagesOf(target, image);
            var e = Assert.Throws<TargetException>(() => target.Write(image[0].Address, image[0].Data));
            Assert.Equal("-10 WRITE_MEM", e.DeviceReply);
            Assert.Contains("at most 256 bytes", e.Message);
        }

        [Fact]
        public void Padding_each_segment_on_its_own_programs_the_shared_double_word_twice()
        {
            Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var image = Image();
            ErasePagesOf(target, image);
            foreach (var chunk in Chunks(new[] { image[0] })) target.Write(chunk.Address, chunk.Data);
            var second = Chunks(new[] { image[1] });
            Assert.Equal(0x080001C0u, second[0].Address);
            var e = Assert.Throws<TargetException>(() => target.Write(second[0].Address, second[0].Data));
            Assert.Equal("-10 WRITE_MEM", e.DeviceReply);
            Assert.Equal(0x080001C0u, e.Address);
            Assert.Contains("the unit at 0x080001C0 was already programmed since its erase", e.Message);
        }

        [Fact]
        public void Merged_padded_and_chunked_the_image_flashes_and_reads_back_intact()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var image = Image();
            ErasePagesOf(target, image);
            var chunks = Chunks(image);
            foreach (var (address, data) in chunks) target.Write(address, data);

            var writes = fake.CallsTo("writeMemory");
            Assert.Equal(chunks.Count, writes.Count);
            Assert.All(writes, w => Assert.EndsWith("-> 0", w));
            Assert.All(chunks, c => Assert.True(c.Data.Length <= MaxWrite && c.Address % Unit == 0 && c.Data.Length % Unit == 0));
            // Segments 1+2 merge to 0x08000000..0x08000200 (2 chunks); 3, 4 and 5 pad to 104, 40 and 8 bytes (1 each);
            // 6 pads to 0x08010000..0x08012338, 9016 bytes (36 chunks).
            Assert.Equal(2 + 1 + 1 + 1 + 36, chunks.Count);

            foreach (var (address, data) in image)
            {
                var back = new byte[data.Length];
                for (var offset = 0; offset < data.Length; offset += MaxWrite)
                    target.Read(address + (uint)offset, back.AsSpan(offset, Math.Min(MaxWrite, data.Length - offset)));
                Assert.Equal(data, back);
            }
            var shared = new byte[8];
            target.Read(0x080001C0, shared);
            Assert.Equal(image[0].Data.Skip(0x1C0).Concat(new byte[] { 0xFF, 0xFF }).Concat(image[1].Data.Take(2)), shared);
            Assert.Equal(fake.Counter("alloc"), fake.Counter("free"));
        }
    }
}
