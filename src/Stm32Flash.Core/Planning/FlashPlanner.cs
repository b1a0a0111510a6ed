using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets;

namespace Stm32Flash.Planning
{
    /// <summary>
    /// Turns segments into a plan for one device: checks every byte has a writable home, merges segments that share a
    /// programming unit (before padding, so no unit is written twice), aligns and pads to the unit, picks the pages to
    /// erase and cuts the writes into chunks no larger than the interface takes, never splitting a unit or a page.
    /// </summary>
    public static class FlashPlanner
    {
        /// <summary>Pages per erase command: well under every bootloader's limit, small enough for fine progress.</summary>
        public const int MaxPagesPerErase = 128;

        public static FlashPlan Plan(IReadOnlyList<Segment> segments, ITarget target, FlashPlanOptions? options = null) =>
            target is null ? throw new ArgumentNullException(nameof(target))
                : Plan(segments, target.Device, target.Interface, target.Capabilities.MaxWrite, options);

        public static FlashPlan Plan(IReadOnlyList<Segment> segments, DeviceInfo device, TargetInterface targetInterface, FlashPlanOptions? options = null) =>
            device is null ? throw new ArgumentNullException(nameof(device))
                : Plan(segments, device, targetInterface, device.LimitsFor(targetInterface).MaxWrite, options);

        public static FlashPlan Plan(IReadOnlyList<Segment> segments, DeviceInfo device, TargetInterface targetInterface, int maxWrite, FlashPlanOptions? options = null)
        {
            if (segments is null) throw new ArgumentNullException(nameof(segments));
            if (device is null) throw new ArgumentNullException(nameof(device));
            options ??= new FlashPlanOptions();
            var unit = options.Pad ?? DefaultUnit(device, targetInterface);
            CheckOptions(device, targetInterface, options, unit, maxWrite);
            var ramUnit = RamUnit(targetInterface);

            var flash = new List<Numbered>();
            var ram = new List<Numbered>();
            for (var i = 0; i < segments.Count; i++)
            {
                var s = segments[i] ?? throw new ArgumentException($"Segment {i + 1} is null.", nameof(segments));
                if (s.Length == 0) continue;
                var n = new Numbered(s, i + 1);
                if (Classify(device, n)) flash.Add(n); else ram.Add(n);
            }
            CheckOverlaps(flash.Concat(ram).ToList(), segments.Count);

            var blocks = new List<ProgramBlock>();
            var members = new List<List<Numbered>>();
            foreach (var g in Group(flash, unit, options.PreserveUnwritten ? device : null))
            {
                blocks.Add(MakeBlock(blocks.Count + 1, g, device.ErasedValue, false, options.PreserveUnwritten));
                members.Add(g.members);
            }
            foreach (var g in Group(ram, ramUnit, null))
            {
                blocks.Add(MakeBlock(blocks.Count + 1, g, 0, true, ramUnit > 1));
                members.Add(g.members);
            }

            var flashBlocks = blocks.Where(b => !b.IsRam).ToList();
            var touched = TouchedPages(device, flashBlocks);
            var steps = new List<FlashStep>();
            if (options.Incremental && touched.Count > 0)
                steps.Add(new CompareStep(touched, new AddressRange(touched[0].Address, touched[touched.Count - 1].EndAddress), device.Flash.UnitName));
            if (options.PreserveUnwritten)
            {
                foreach (var b in flashBlocks)
                {
                    foreach (var fill in Uncovered(b))
                    {
                        foreach (var page in device.Flash.PagesIn(fill))
                            steps.Add(new PreserveStep(fill.Intersect(page.Range), page, device.Flash.UnitName));
                    }
                }
            }
            foreach (var b in blocks.Where(b => b.IsRam))
            {
                foreach (var fill in Uncovered(b))
                    steps.Add(new PreserveStep(fill, null, "RAM"));
            }
            if (!options.SkipErase)
            {
                for (var i = 0; i < touched.Count; i += MaxPagesPerErase)
                    steps.Add(new EraseStep(touched.GetRange(i, Math.Min(MaxPagesPerErase, touched.Count - i)), device.Flash.UnitName));
            }
            var chunks = new List<ProgramStep>();
            var open = new List<Numbered>();
            for (var i = 0; i < blocks.Count; i++) Chunk(blocks[i], device, blocks[i].IsRam ? ramUnit : unit, maxWrite, members[i], open, chunks);
            for (var i = 0; i < chunks.Count; i++)
            {
                chunks[i].ChunkNumber = i + 1;
                chunks[i].ChunkCount = chunks.Count;
            }
            steps.AddRange(chunks);
            if (options.Verify) steps.AddRange(blocks.Select(b => new VerifyStep(b)));
            for (var i = 0; i < steps.Count; i++) steps[i].Number = i + 1;

            var lost = 0L;
            if (!options.SkipErase && !options.PreserveUnwritten)
            {
                var image = AddressRange.Coalesce(flash.Select(n => n.Segment.Range));
                lost = PlanText.Subtract(touched.Select(p => p.Range), image).Sum(r => r.Length);
            }
            return new FlashPlan(device, unit, ramUnit, maxWrite, options, segments.ToList(), blocks, steps, touched, lost);
        }

        /// <summary>The unit a plan pads to by default: the device's, and at least a word on the serial bootloaders (AN3155: lengths are multiples of 4).</summary>
        public static int DefaultUnit(DeviceInfo device, TargetInterface targetInterface)
        {
            return targetInterface.IsSerialBootloader() ? Math.Max(device.ProgramUnit, 4) : device.ProgramUnit;
        }

        /// <summary>RAM has no programming unit, but the serial bootloaders write it in whole words too.</summary>
        public static int RamUnit(TargetInterface targetInterface) => targetInterface.IsSerialBootloader() ? 4 : 1;

        private static void CheckOptions(DeviceInfo device, TargetInterface targetInterface, FlashPlanOptions options, int unit, int maxWrite)
        {
            if (unit < 1 || (unit & (unit - 1)) != 0)
                throw new FlashPlanException(FlashPlanError.InvalidOptions, $"The padding unit must be a power of two (1, 2, 4, 8, 16, 32...); {unit} is not.");
            if (unit > maxWrite)
                throw new FlashPlanException(FlashPlanError.InvalidOptions, $"{PlanText.Capital(PlanText.Article(unit))} {unit}-byte unit does not fit in the interface's largest write of {maxWrite} bytes.");
            var smallestPage = device.Flash.GetPages().Min(p => p.Size);
            if (unit > smallestPage)
                throw new FlashPlanException(FlashPlanError.InvalidOptions, $"{PlanText.Capital(PlanText.Article(unit))} {unit}-byte unit is larger than {device.Name}'s smallest {device.Flash.UnitName} ({smallestPage} bytes).");
            var needed = DefaultUnit(device, targetInterface);
            if (unit < needed && !options.AllowPartialUnits)
            {
                var why = unit < device.ProgramUnit
                    ? $"{device.Name} flash is programmed in whole, aligned {device.ProgramUnit}-byte units, each once per erase, so smaller blocks " +
                      "leave units written in part: the device refuses them or programs nothing there, and the next write to the unit fails"
                    : $"the {targetInterface} bootloader takes Write Memory only as whole 32-bit words at word-aligned addresses (AN3155: N+1 " +
                      "a multiple of 4), so it refuses smaller blocks";
                throw new FlashPlanException(FlashPlanError.PadBelowUnit,
                    $"-Pad {unit} is below what {device.Name} over {targetInterface} needs ({needed} bytes): {why}. Nothing was erased or written. " +
                    $"Leave -Pad out (the default here is {needed}) or give -Pad {needed} or more; -Force plans the smaller unit anyway, " +
                    "to see what the device does with it.");
            }
            if (options.PreserveUnwritten && options.SkipErase)
                throw new FlashPlanException(FlashPlanError.InvalidOptions, "-PreserveUnwritten keeps the bytes an erase would destroy; with -SkipErase nothing is erased, so leave one of them out.");
        }

        // True for flash, false for RAM; anything else is refused with the reason.
        private static bool Classify(DeviceInfo device, Numbered n)
        {
            var r = n.Segment.Range;
            if (device.IsFlash(r)) return true;
            if (device.Ram.Any(ram => ram.Contains(r)))
            {
                if (device.BootloaderRam.Overlaps(r))
                {
                    throw Refuse(FlashPlanError.ReservedRam, n,
                        $"{r.Intersect(device.BootloaderRam)} is RAM the {device.Name} bootloader uses itself ({device.BootloaderRam}); it refuses writes there. Link RAM code and data above 0x{device.BootloaderRam.End:X8}.");
                }
                return false;
            }
            if (device.OptionByteAreas.FirstOrDefault(a => a.Overlaps(r)) is AddressRange options && !options.IsEmpty)
            {
                throw Refuse(FlashPlanError.OptionBytes, n,
                    $"{r.Intersect(options)} is {device.Name}'s option-byte area ({options}). Write-Stm32Memory does not program option bytes " +
                    "(a wrong value can lock the device); remove that segment from the image and set the fields by name with Set-Stm32OptionByte " +
                    "(OptionBytePlanner from C#), which checks them first.");
            }
            if (device.SystemMemory.Overlaps(r))
                throw Refuse(FlashPlanError.SystemMemory, n, $"{r.Intersect(device.SystemMemory)} is {device.Name}'s system memory (the bootloader ROM, {device.SystemMemory}), which cannot be written.");
            var fitted = device.Flash.Ranges.Sum(f => r.Intersect(f).Length);
            var largest = device.Definition?.Default;
            if (largest != null && largest.FlashSize > device.FlashSize && largest.Flash.Ranges.Any(f => f.Overlaps(r)))
            {
                throw Refuse(FlashPlanError.AddressRefused, n,
                    $"{r} runs past the {PlanText.Size(device.FlashSize)} of flash this {device.Name} has ({AddressRange.Describe(device.Flash.Ranges)}; {device.LayoutOrigin}): " +
                    $"{PlanText.Count(r.Length - fitted)} byte(s) have nowhere to go. The largest {device.Name} has {PlanText.Size(largest.FlashSize)}; is the image for a larger part?");
            }
            if (device.Flash.Range.Overlaps(r))
            {
                throw Refuse(FlashPlanError.AddressRefused, n,
                    $"{r} runs past {device.Name}'s flash ({AddressRange.Describe(device.Flash.Ranges)}, {PlanText.Size(device.FlashSize)}): {PlanText.Count(r.Length - fitted)} byte(s) have nowhere to go. Is the image for a larger part?");
            }
            throw Refuse(FlashPlanError.AddressRefused, n,
                $"{r} is outside {device.Name}'s writable memory (flash {AddressRange.Describe(device.Flash.Ranges)}, RAM {AddressRange.Describe(device.Ram)}). Is the image for another device, or linked for another address?");
        }

        private static FlashPlanException Refuse(FlashPlanError error, Numbered n, string why) =>
            new FlashPlanException(error, $"Segment {n.Number} ({n.Segment.Range}, {PlanText.Count(n.Segment.Length)} bytes from {n.Segment.Source}): {why}", n.Segment, n.Number, n.Segment.Address);

        private static void CheckOverlaps(List<Numbered> all, int count)
        {
            var sorted = all.OrderBy(n => n.Segment.Address).ThenBy(n => n.Number).ToList();
            var open = new List<Numbered>();
            foreach (var n in sorted)
            {
                Close(open, n.Segment.Address);
                foreach (var o in open)
                {
                    var both = o.Segment.Range.Intersect(n.Segment.Range);
                    for (var a = (ulong)both.Start; a < both.End; a++)
                    {
                        var x = o.Segment.Data[(long)(a - o.Segment.Address)];
                        var y = n.Segment.Data[(long)(a - n.Segment.Address)];
                        if (x == y) continue;
                        var first = o.Number < n.Number ? o : n;
                        var second = o.Number < n.Number ? n : o;
                        throw new FlashPlanException(FlashPlanError.Overlap,
                            $"Segments {first.Number} ({first.Segment.Range} from {first.Segment.Source}) and {second.Number} ({second.Segment.Range} from {second.Segment.Source}) " +
                            $"overlap at {both} and disagree: 0x{a:X8} is 0x{first.Segment.Data[(long)(a - first.Segment.Address)]:X2} in one and 0x{second.Segment.Data[(long)(a - second.Segment.Address)]:X2} in the other.",
                            second.Segment, second.Number, (uint)a);
                    }
                }
                open.Add(n);
            }
        }

        // Segments whose unit-aligned extents overlap or touch form one group; preserving, whole pages do.
        private static List<(AddressRange extent, List<Numbered> members)> Group(List<Numbered> items, int unit, DeviceInfo? pagesOf)
        {
            var groups = new List<(AddressRange extent, List<Numbered> members)>();
            foreach (var n in items.OrderBy(n => n.Segment.Address))
            {
                var start = n.Segment.Address / (uint)unit * (uint)unit;
                var end = (n.Segment.EndAddress + (ulong)unit - 1) / (ulong)unit * (ulong)unit;
                if (pagesOf != null)
                {
                    // Flash segments lie wholly in flash, so both ends have a page.
                    start = pagesOf.Flash.PageAt(n.Segment.Address)!.Address;
                    end = pagesOf.Flash.PageAt((uint)(n.Segment.EndAddress - 1))!.EndAddress;
                }
                var extent = new AddressRange(start, end);
                if (groups.Count > 0 && groups[groups.Count - 1].extent.End >= extent.Start)
                {
                    var last = groups[groups.Count - 1];
                    last.members.Add(n);
                    groups[groups.Count - 1] = (new AddressRange(last.extent.Start, Math.Max(last.extent.End, extent.End)), last.members);
                }
                else
                {
                    groups.Add((extent, new List<Numbered> { n }));
                }
            }
            return groups;
        }

        // The parts of a block between its image ranges (which are in order and do not touch).
        private static IEnumerable<AddressRange> Uncovered(ProgramBlock block)
        {
            var start = (ulong)block.Address;
            foreach (var r in block.ImageRanges)
            {
                if (r.Start > start) yield return new AddressRange((uint)start, r.Start);
                start = r.End;
            }
            if (start < block.Range.End) yield return new AddressRange((uint)start, block.Range.End);
        }

        // Blocks do not overlap and come in address order, so only a block's first page can be the one before it ended in.
        private static List<FlashPage> TouchedPages(DeviceInfo device, List<ProgramBlock> flashBlocks)
        {
            var touched = new List<FlashPage>();
            foreach (var b in flashBlocks)
            {
                foreach (var page in device.Flash.PagesIn(b.Range))
                {
                    if (touched.Count == 0 || touched[touched.Count - 1].Address < page.Address) touched.Add(page);
                }
            }
            return touched;
        }

        private static ProgramBlock MakeBlock(int number, (AddressRange extent, List<Numbered> members) group, byte fill, bool isRam, bool preserve)
        {
            var data = new byte[group.extent.Length];
            if (fill != 0) data.AsSpan().Fill(fill);
            var image = new List<AddressRange>();
            var numbers = new List<int>(group.members.Count);
            foreach (var n in group.members)
            {
                n.Segment.Data.CopyTo(data, n.Segment.Address - group.extent.Start);
                numbers.Add(n.Number);
                // Members come in address order: each one starts a range or reaches into (or touches) the last.
                var r = n.Segment.Range;
                if (image.Count > 0 && image[image.Count - 1].End >= r.Start)
                {
                    var last = image[image.Count - 1];
                    if (r.End > last.End) image[image.Count - 1] = new AddressRange(last.Start, r.End);
                }
                else image.Add(r);
            }
            numbers.Sort();
            var covered = 0L;
            foreach (var r in image) covered += r.Length;
            var uncovered = (int)(group.extent.Length - covered);
            return new ProgramBlock(number, group.extent.Start, data, numbers, isRam, image, preserve ? 0 : uncovered, preserve ? uncovered : 0);
        }

        // One pass over the block: chunks, the block's image ranges and its members (in address order) all advance together,
        // so each chunk looks only at the ranges and segments that reach into it. Adds the chunks to the list; open is scratch.
        private static void Chunk(ProgramBlock block, DeviceInfo device, int unit, int maxWrite, List<Numbered> members, List<Numbered> open, List<ProgramStep> chunks)
        {
            open.Clear();
            var largest = maxWrite / unit * unit;
            var image = block.ImageRanges;
            var firstRange = 0;
            var nextMember = 0;
            var offset = 0;
            while (offset < block.Data.Length)
            {
                var address = block.Address + (uint)offset;
                var page = block.IsRam ? null : device.Flash.PageAt(address);
                var limit = page is null ? (ulong)block.Range.End : Math.Min(page.EndAddress, block.Range.End);
                var length = (int)Math.Min((ulong)largest, limit - address);
                var range = AddressRange.FromLength(address, length);

                while (firstRange < image.Count && image[firstRange].End <= range.Start) firstRange++;
                var covered = 0L;
                for (var i = firstRange; i < image.Count && image[i].Start < range.End; i++) covered += image[i].Intersect(range).Length;

                // Open: the members that start before the chunk ends and end after it starts, that is, those in it.
                Close(open, range.Start);
                while (nextMember < members.Count && members[nextMember].Segment.Address < range.End) open.Add(members[nextMember++]);
                var segments = new List<int>(open.Count);
                foreach (var n in open) segments.Add(n.Number);
                segments.Sort();

                chunks.Add(new ProgramStep(block, offset, length, page, segments, (int)(length - covered)));
                offset += length;
            }
        }

        // Drops the segments that end at or before the address, keeping the others in order.
        private static void Close(List<Numbered> open, uint address)
        {
            var kept = 0;
            for (var i = 0; i < open.Count; i++)
            {
                if (open[i].Segment.EndAddress > address) open[kept++] = open[i];
            }
            open.RemoveRange(kept, open.Count - kept);
        }

        private sealed class Numbered
        {
            public Numbered(Segment segment, int number)
            {
                Segment = segment;
                Number = number;
            }

            public Segment Segment { get; }

            public int Number { get; }
        }
    }
}
