using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>
    /// Images of hundreds of short segments (touching, apart, nested copies, in shuffled input order, some in RAM), planned with
    /// random options: every block, chunk, preserve, erase and compare step is checked against what it must be by definition,
    /// worked out byte by byte from the input segments; then the plan runs on a simulator holding other bytes already.
    /// </summary>
    public class ManySegmentPlanProperties
    {
        private static readonly string[] Devices = { "STM32L552", "STM32H743", "STM32U575", "STM32F103x8", "STM32G071" };

        private sealed class Case
        {
            public Case(DeviceInfo device, TargetInterface iface, FlashPlanOptions options, List<Segment> segments)
            {
                Device = device;
                Interface = iface;
                Options = options;
                Segments = segments;
            }

            public DeviceInfo Device { get; }
            public TargetInterface Interface { get; }
            public FlashPlanOptions Options { get; }
            public List<Segment> Segments { get; }
        }

        private static Case Build(int seed)
        {
            var random = new Random(seed);
            var device = DeviceCatalog.Get(Devices[random.Next(Devices.Length)]);
            var iface = random.Next(3) == 0 ? TargetInterface.Swd : TargetInterface.Usart;
            var options = new FlashPlanOptions
            {
                Pad = random.Next(4) == 0 ? FlashPlanner.DefaultUnit(device, iface) * 2 : (int?)null,
                PreserveUnwritten = random.Next(3) == 0,
                Incremental = random.Next(3) == 0,
                Verify = random.Next(2) == 0,
            };
            options.SkipErase = !options.PreserveUnwritten && random.Next(6) == 0;

            var segments = new List<Segment>();
            Fill(random, segments, device.Flash.BaseAddress + (uint)random.Next(64), device.Flash.Range.End, random.Next(200, 900));
            var ram = device.Ram.First();
            if (random.Next(2) == 0)
                Fill(random, segments, device.BootloaderRam.End > ram.Start ? (uint)device.BootloaderRam.End : ram.Start, ram.End, random.Next(20, 300));
            return new Case(device, iface, options, segments.OrderBy(_ => random.Next()).ToList());
        }

        // Short segments with gaps of every kind: none (touching), within a unit, a few units, pages; now and then a copy of
        // part of the segment before, which lies inside it and agrees with it.
        private static void Fill(Random random, List<Segment> segments, uint address, ulong end, int count)
        {
            Segment? previous = null;
            for (var i = 0; i < count; i++)
            {
                if (previous != null && previous.Length > 4 && random.Next(8) == 0)
                {
                    var from = random.Next(previous.Length - 2);
                    var length = random.Next(1, previous.Length - from);
                    segments.Add(new Segment(previous.Address + (uint)from, previous.Data.Skip(from).Take(length).ToArray()));
                    continue;
                }
                var size = random.Next(4) == 0 ? random.Next(40, 700) : random.Next(1, 40);
                if (address + (ulong)size > end) break;
                var bytes = new byte[size];
                random.NextBytes(bytes);
                previous = new Segment(address, bytes);
                segments.Add(previous);
                var gapKind = random.Next(5);
                var gap = gapKind == 0 ? 0 : gapKind == 1 ? random.Next(1, 8) : gapKind == 2 ? random.Next(8, 80) : gapKind == 3 ? random.Next(80, 600) : random.Next(600, 5000);
                if (address + (ulong)size + (ulong)gap >= end) break;
                address += (uint)(size + gap);
            }
        }

        [Property(MaxTest = 30)]
        public void Every_step_matches_its_definition_for_hundreds_of_segments(int seed)
        {
            var c = Build(seed);
            var plan = FlashPlanner.Plan(c.Segments, c.Device, c.Interface, c.Options);
            var numbered = c.Segments.Select((s, i) => (Segment: s, Number: i + 1)).ToList();
            var flashUnit = plan.Unit;

            // Blocks: each input segment in exactly one, each block the segments it overlaps, image ranges the bytes they cover.
            Assert.Equal(numbered.Select(n => n.Number).OrderBy(x => x), plan.Blocks.SelectMany(b => b.SegmentNumbers).OrderBy(x => x));
            Assert.Equal(Enumerable.Range(1, plan.Blocks.Count), plan.Blocks.Select(b => b.Number));
            var covered = new Dictionary<ProgramBlock, bool[]>();
            foreach (var b in plan.Blocks)
            {
                var members = numbered.Where(n => n.Segment.Range.Overlaps(b.Range)).ToList();
                Assert.Equal(members.Select(n => n.Number).OrderBy(x => x), b.SegmentNumbers);
                var map = new bool[b.Data.Length];
                foreach (var (s, _) in members)
                {
                    Assert.True(b.Range.Contains(s.Range));
                    for (var i = 0; i < s.Length; i++)
                    {
                        map[s.Address - b.Address + i] = true;
                        Assert.Equal(s.Data[i], b.Data[s.Address - b.Address + i]);
                    }
                }
                covered[b] = map;
                Assert.Equal(Runs(b.Address, map), b.ImageRanges);
                var uncovered = map.Count(x => !x);
                var preserved = b.IsRam ? plan.RamUnit > 1 : c.Options.PreserveUnwritten;
                Assert.Equal(preserved ? 0 : uncovered, b.PaddedBytes);
                Assert.Equal(preserved ? uncovered : 0, b.PreservedBytes);
                if (!b.IsRam && !preserved)
                {
                    for (var i = 0; i < map.Length; i++)
                        Assert.True(map[i] || b.Data[i] == c.Device.ErasedValue);
                }
            }

            // Chunks: in block order, covering each block exactly; each names the segments in it and counts its padding.
            var chunks = plan.ProgramSteps.ToList();
            Assert.Equal(Enumerable.Range(1, chunks.Count), chunks.Select(s => s.ChunkNumber));
            Assert.All(chunks, s => Assert.Equal(chunks.Count, s.ChunkCount));
            var chunk = 0;
            foreach (var b in plan.Blocks)
            {
                var offset = 0;
                var unit = b.IsRam ? plan.RamUnit : flashUnit;
                while (offset < b.Data.Length)
                {
                    var s = chunks[chunk++];
                    Assert.Same(b, s.Block);
                    Assert.Equal(offset, s.Offset);
                    Assert.True(s.Length <= plan.MaxWrite && s.Length % unit == 0 && s.Length > 0);
                    if (!b.IsRam) Assert.True(s.Page!.Range.Contains(s.Range));
                    var inChunk = numbered.Where(n => n.Segment.Range.Overlaps(s.Range)).Select(n => n.Number).OrderBy(x => x);
                    Assert.Equal(inChunk, s.SegmentNumbers);
                    var uncovered = covered[b].Skip(offset).Take((int)s.Length).Count(x => !x);
                    var kept = b.IsRam ? plan.RamUnit > 1 : c.Options.PreserveUnwritten;
                    Assert.Equal((kept ? 0 : uncovered, kept ? uncovered : 0), (s.PaddedBytes, s.PreservedBytes));
                    offset += (int)s.Length;
                }
            }
            Assert.Equal(chunks.Count, chunk);

            // Pages: those the flash blocks reach; erased (in batches) unless -SkipErase, compared first with -Incremental.
            var flashBlocks = plan.Blocks.Where(b => !b.IsRam).ToList();
            var touched = c.Device.Flash.GetPages().Where(p => flashBlocks.Any(b => b.Range.Overlaps(p.Range))).ToList();
            Assert.Equal(touched, plan.TouchedPages);
            Assert.Equal(c.Options.SkipErase ? new List<FlashPage>() : touched, plan.EraseSteps.SelectMany(e => e.Pages).ToList());
            Assert.All(plan.EraseSteps, e => Assert.InRange(e.Pages.Count, 1, FlashPlanner.MaxPagesPerErase));
            var compare = plan.Steps.OfType<CompareStep>().ToList();
            Assert.Equal(c.Options.Incremental && touched.Count > 0 ? 1 : 0, compare.Count);
            if (compare.Count == 1) Assert.Equal(touched, compare[0].Pages);

            // Preserve steps: exactly the bytes of the blocks that the image does not cover, where they are kept, one page each.
            var preserves = plan.Steps.OfType<PreserveStep>().ToList();
            var expectedKept = plan.Blocks
                .Where(b => b.IsRam ? plan.RamUnit > 1 : c.Options.PreserveUnwritten)
                .SelectMany(b => Runs(b.Address, covered[b].Select(x => !x).ToArray()))
                .ToList();
            Assert.Equal(expectedKept, Join(preserves.Select(p => p.Range)));
            Assert.All(preserves, p => Assert.True(p.Page is null ? c.Device.IsRam(p.Range) : p.Page.Range.Contains(p.Range)));

            // Bytes lost: the erased pages' bytes outside the image.
            var image = new HashSet<ulong>(numbered.Where(n => c.Device.IsFlash(n.Segment.Range))
                .SelectMany(n => Enumerable.Range(0, n.Segment.Length).Select(i => (ulong)n.Segment.Address + (ulong)i)));
            var lost = c.Options.SkipErase || c.Options.PreserveUnwritten ? 0 : touched.Sum(p => (long)p.Size) - image.Count;
            Assert.Equal(lost, plan.BytesLost);

            Assert.Equal(c.Options.Verify ? plan.Blocks.ToList() : new List<ProgramBlock>(), plan.Steps.OfType<VerifyStep>().Select(v => v.Block).ToList());
            Assert.Equal(Enumerable.Range(1, plan.Steps.Count), plan.Steps.Select(s => s.Number));
        }

        [Property(MaxTest = 12)]
        public void Running_the_plan_over_other_bytes_leaves_the_image_and_keeps_or_erases_the_rest(int seed)
        {
            var c = Build(seed);
            if (c.Options.SkipErase) c.Options.SkipErase = false;
            using var target = new SimulatedTarget(c.Device, new SimulatorOptions { Interface = c.Interface });
            var random = new Random(seed);
            var oldFlash = new byte[c.Device.FlashSize];
            random.NextBytes(oldFlash);
            target.Simulation.Write(c.Device.Flash.BaseAddress, oldFlash);
            var ram = c.Device.Ram.First();
            var ramStart = Math.Max((ulong)ram.Start, c.Device.BootloaderRam.End);
            var oldRam = new byte[ram.End - ramStart];
            random.NextBytes(oldRam);
            target.Simulation.Write((uint)ramStart, oldRam);

            var plan = FlashPlanner.Plan(c.Segments, target, c.Options);
            new FlashExecutor(target).Execute(plan);

            var expectedFlash = (byte[])oldFlash.Clone();
            if (!c.Options.PreserveUnwritten)
            {
                foreach (var p in plan.TouchedPages)
                    expectedFlash.AsSpan((int)(p.Address - c.Device.Flash.BaseAddress), p.Size).Fill(c.Device.ErasedValue);
            }
            var expectedRam = (byte[])oldRam.Clone();
            foreach (var s in c.Segments)
            {
                if (c.Device.IsFlash(s.Range)) s.Data.CopyTo(expectedFlash, s.Address - c.Device.Flash.BaseAddress);
                else s.Data.CopyTo(expectedRam, (long)(s.Address - ramStart));
            }
            Assert.True(expectedFlash.AsSpan().SequenceEqual(target.Simulation.FlashSnapshot()), "flash holds the image, erased or old bytes elsewhere");
            var ramNow = new byte[oldRam.Length];
            target.Simulation.Read((uint)ramStart, ramNow);
            Assert.True(expectedRam.AsSpan().SequenceEqual(ramNow), "RAM holds the image and its old bytes elsewhere");
        }

        // The runs of true in a map of bytes from an address.
        private static List<AddressRange> Runs(uint address, bool[] map)
        {
            var runs = new List<AddressRange>();
            for (var i = 0; i < map.Length;)
            {
                if (!map[i]) { i++; continue; }
                var start = i;
                while (i < map.Length && map[i]) i++;
                runs.Add(new AddressRange(address + (uint)start, (ulong)address + (ulong)i));
            }
            return runs;
        }

        // Ranges in order, touching ones joined (preserve steps split a run at page boundaries).
        private static List<AddressRange> Join(IEnumerable<AddressRange> ranges)
        {
            var joined = new List<AddressRange>();
            foreach (var r in ranges.OrderBy(r => r.Start))
            {
                if (joined.Count > 0 && joined[joined.Count - 1].End == r.Start)
                    joined[joined.Count - 1] = new AddressRange(joined[joined.Count - 1].Start, r.End);
                else joined.Add(r);
            }
            return joined;
        }
    }
}
