using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stm32Flash.Devices;

namespace Stm32Flash.Planning
{
    /// <summary>An ordered, inspectable plan: which pages are erased, which chunks are written, what is verified.</summary>
    public sealed class FlashPlan
    {
        internal FlashPlan(DeviceInfo device, int unit, int ramUnit, int maxWrite, FlashPlanOptions options, IReadOnlyList<Segment> segments,
            IReadOnlyList<ProgramBlock> blocks, IReadOnlyList<FlashStep> steps, IReadOnlyList<FlashPage> touchedPages, long bytesLost)
        {
            Device = device;
            Unit = unit;
            RamUnit = ramUnit;
            MaxWrite = maxWrite;
            Options = options;
            Segments = segments;
            Blocks = blocks;
            Steps = steps;
            TouchedPages = touchedPages;
            BytesLost = bytesLost;
        }

        public DeviceInfo Device { get; }

        /// <summary>The programming unit the plan aligns and pads to.</summary>
        public int Unit { get; }

        /// <summary>The unit RAM blocks are widened to: 4 on the serial bootloaders (whole words), else 1 (written as they are).</summary>
        public int RamUnit { get; }

        /// <summary>The largest write the plan's chunks respect.</summary>
        public int MaxWrite { get; }

        public FlashPlanOptions Options { get; }

        /// <summary>The input segments, in input order (segment numbers count from 1 in this order).</summary>
        internal IReadOnlyList<Segment> Segments { get; }

        public int SegmentCount => Segments.Count;

        public IReadOnlyList<ProgramBlock> Blocks { get; }

        public IReadOnlyList<FlashStep> Steps { get; }

        /// <summary>Flash pages that hold bytes of the image.</summary>
        public IReadOnlyList<FlashPage> TouchedPages { get; }

        internal IEnumerable<EraseStep> EraseSteps => Steps.OfType<EraseStep>();

        internal IEnumerable<ProgramStep> ProgramSteps => Steps.OfType<ProgramStep>();

        public IReadOnlyList<FlashPage> ErasedPages => EraseSteps.SelectMany(s => s.Pages).ToList();

        public long ImageBytes => Segments.Sum(s => (long)s.Length);

        public long BytesToWrite => Blocks.Sum(b => (long)b.Data.Length);

        public long PaddedBytes => Blocks.Sum(b => (long)b.PaddedBytes);

        public long PreservedBytes => Blocks.Sum(b => (long)b.PreservedBytes);

        public int ChunkCount => ProgramSteps.Count();

        /// <summary>Bytes of erased pages that are neither in the image nor preserved: what the write destroys.</summary>
        public long BytesLost { get; }

        /// <summary>The plan in plain words, one line per fact, for -WhatIf and -Verbose.</summary>
        public string Describe()
        {
            var text = new StringBuilder();
            var flashBlocks = Blocks.Where(b => !b.IsRam).ToList();
            var ramBlocks = Blocks.Where(b => b.IsRam).ToList();
            text.AppendLine($"Plan for {Device.Name}: programming unit {Unit} bytes, largest write {MaxWrite} bytes.");
            text.AppendLine($"Image: {Segments.Count} segment(s), {PlanText.Count(ImageBytes)} bytes, written as {Blocks.Count} block(s).");
            var unitName = Device.Flash.UnitName;
            foreach (var b in Blocks.Where(b => b.SegmentNumbers.Count > 1))
            {
                var segments = NumberRuns.Describe(b.SegmentNumbers);
                if (b.IsRam)
                    text.AppendLine($"  Segments {segments} {(RamUnit > 1 ? "share or touch a 32-bit word of RAM" : "touch in RAM")} and are written together as {b.Range}.");
                else if (Options.PreserveUnwritten)
                    text.AppendLine($"  Segments {segments} lie in the same {unitName}s and are written together as {b.Range}, with the bytes between them kept.");
                else
                    text.AppendLine($"  Segments {segments} share or touch {PlanText.Article(Unit)} {Unit}-byte unit and are written together as {b.Range}.");
            }
            var steps = Steps.OfType<CompareStep>().ToList();
            if (steps.Count > 0)
                text.AppendLine($"Compare {steps.Sum(s => s.Pages.Count)} {Device.Flash.UnitName}(s) with the device first; those that already match are neither erased nor written.");
            var erased = ErasedPages;
            if (erased.Count > 0)
                text.AppendLine($"Erase {erased.Count} {Device.Flash.UnitName}(s): {PlanText.Numbers(erased)} ({PlanText.Size(PlanText.Bytes(erased))}, {AddressRange.Describe(AddressRange.Coalesce(erased.Select(p => p.Range)))}) in {EraseSteps.Count()} command(s).");
            else if (flashBlocks.Count > 0)
                text.AppendLine($"Erase nothing (-SkipErase): the {Device.Flash.UnitName}s must already be erased.");
            var preservedFlash = flashBlocks.Sum(b => (long)b.PreservedBytes);
            if (preservedFlash > 0)
                text.AppendLine($"Keep {PlanText.Count(preservedFlash)} bytes of the touched {unitName}s that the image does not cover: read before the erase, written back.");
            var flashChunks = ProgramSteps.Count(s => !s.IsRam);
            if (flashBlocks.Count > 0)
                text.AppendLine($"Write {PlanText.Count(flashBlocks.Sum(b => (long)b.Data.Length))} bytes of flash in {flashChunks} chunk(s) of at most {MaxWrite} bytes; {PlanText.Count(PaddedBytes)} byte(s) of padding (0x{Device.ErasedValue:X2}).");
            if (ramBlocks.Count > 0)
            {
                var kept = ramBlocks.Sum(b => (long)b.PreservedBytes);
                text.AppendLine($"Write {PlanText.Count(ramBlocks.Sum(b => (long)b.Data.Length))} bytes of RAM in {ProgramSteps.Count(s => s.IsRam)} chunk(s)" +
                    (kept > 0
                        ? $"; the bootloader writes whole 32-bit words, so {PlanText.Count(kept)} byte(s) of RAM next to the image are read first and written back unchanged."
                        : ", not padded."));
            }
            if (BytesLost > 0)
                text.AppendLine($"Bytes that would be lost: {PlanText.Count(BytesLost)} (in erased {Device.Flash.UnitName}s, outside the image; -PreserveUnwritten keeps them).");
            else if (erased.Count > 0)
                text.AppendLine("Bytes that would be lost: none.");
            if (Options.Verify)
                text.AppendLine($"Verify {Blocks.Count} block(s) afterwards.");
            return text.ToString().TrimEnd();
        }

        public override string ToString() => $"{Device.Name}: {ErasedPages.Count} {Device.Flash.UnitName}(s) erased, {BytesToWrite} bytes in {ChunkCount} chunk(s)";
    }
}
