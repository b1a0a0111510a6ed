using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Stm32Flash.Images;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// A random image for property tests: disjoint segments with real gaps between them, in one of several address
    /// regions (below 64 KiB, below 1 MiB, STM32 flash, the top of the 4 GiB space), sometimes across 64 KiB lines.
    /// </summary>
    public sealed class ImageSpec
    {
        public ImageSpec(IReadOnlyList<Segment> segments, StartAddress? start, int recordLength)
        {
            Segments = segments;
            Start = start;
            RecordLength = recordLength;
        }

        public IReadOnlyList<Segment> Segments { get; }

        public StartAddress? Start { get; }

        /// <summary>1-250: valid for Intel HEX and for every S-record width.</summary>
        public int RecordLength { get; }

        public override string ToString() =>
            $"{Segments.Count} segments [{string.Join(", ", Segments.Select(s => $"0x{s.Address:X8}+{s.Length}"))}], start {Start?.ToString() ?? "none"}, records of {RecordLength}";

        public static Gen<ImageSpec> Generator =>
            from count in Gen.Choose(0, 6)
            from region in Gen.Choose(0, 3)
            from seed in Gen.Choose(0, int.MaxValue)
            from recordLength in Gen.Elements(1, 2, 7, 16, 32, 33, 64, 250)
            from startKind in Gen.Choose(0, 2)
            select Build(count, region, seed, recordLength, startKind);

        private static ImageSpec Build(int count, int region, int seed, int recordLength, int startKind)
        {
            var random = new Random(seed);
            var (low, high) = region switch
            {
                0 => (0x0UL, 0x10000UL),
                1 => (0x0UL, 0x100000UL),
                2 => (0x08000000UL, 0x08200000UL),
                _ => (0xFFF00000UL, 0x1_0000_0000UL),
            };
            var lengths = Enumerable.Range(0, count).Select(_ => random.Next(1, random.Next(2) == 0 ? 40 : 700)).ToList();
            var gaps = Enumerable.Range(0, count).Select(_ => (ulong)random.Next(1, random.Next(2) == 0 ? 64 : 0x18000)).ToList();
            var span = (ulong)lengths.Sum() + gaps.Aggregate(0UL, (a, g) => a + g);
            if (span >= high - low)
            {
                gaps = gaps.Select(_ => 1UL).ToList();
                span = (ulong)lengths.Sum() + (ulong)count;
            }
            var address = low + (ulong)(random.NextDouble() * (high - low - span));
            var segments = new List<Segment>();
            for (var i = 0; i < count; i++)
            {
                if (i > 0) address += gaps[i];
                var data = new byte[lengths[i]];
                random.NextBytes(data);
                segments.Add(new Segment((uint)address, data));
                address += (ulong)lengths[i];
            }
            var start = startKind switch
            {
                1 => StartAddress.Linear((uint)random.Next() ^ ((uint)random.Next(2) << 31)),
                2 => StartAddress.SegmentCsIp((ushort)random.Next(0x10000), (ushort)random.Next(0x10000)),
                _ => null,
            };
            return new ImageSpec(segments, start, recordLength);
        }
    }

    public static class ImageSpecArbitrary
    {
        public static Arbitrary<ImageSpec> ImageSpecs() => Arb.From(ImageSpec.Generator);
    }
}
