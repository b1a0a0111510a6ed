using System.Collections.Generic;
using Stm32Flash.Devices;

namespace Stm32Flash.Planning
{
    /// <summary>One step of a flash plan.</summary>
    public abstract class FlashStep
    {
        protected FlashStep(FlashStepKind kind, AddressRange range)
        {
            Kind = kind;
            Range = range;
        }

        /// <summary>1-based position in the plan.</summary>
        public int Number { get; internal set; }

        public FlashStepKind Kind { get; }

        /// <summary>The addresses the step covers, from its first byte to its last (an erase's pages need not be contiguous).</summary>
        public AddressRange Range { get; }

        public uint Address => Range.Start;

        /// <summary>Bytes the step works on: for an erase, the sizes of its pages.</summary>
        public virtual long Length => Range.Length;

        /// <summary>The step in plain words.</summary>
        public abstract string Detail { get; }

        /// <summary>The step in a few words, as the plan's table shows it: a chunk's number, segments and padding; the pages compared or preserved.</summary>
        public virtual string Summary => Detail;

        public override string ToString() => $"{Number}. {Kind} {Range}: {Detail}";
    }

    /// <summary>Compare pages with the device and drop the matching ones from the erase and program steps.</summary>
    public sealed class CompareStep : FlashStep
    {
        internal CompareStep(IReadOnlyList<FlashPage> pages, AddressRange range, string unitName) : base(FlashStepKind.Compare, range)
        {
            Pages = pages;
            UnitName = unitName;
        }

        public IReadOnlyList<FlashPage> Pages { get; }

        public string UnitName { get; }

        /// <summary>The sizes of the pages compared.</summary>
        public override long Length => PlanText.Bytes(Pages);

        public override string Detail => $"compare {UnitName}s {PlanText.Numbers(Pages)} with the device; leave those that already match";

        public override string Summary => $"{Pages.Count} {UnitName}(s); those that match are left alone";
    }

    /// <summary>
    /// Read bytes the image does not cover, to write them back: in a page that will be erased (-PreserveUnwritten), or in RAM
    /// around a block that a serial bootloader must receive as whole words.
    /// </summary>
    public sealed class PreserveStep : FlashStep
    {
        internal PreserveStep(AddressRange range, FlashPage? page, string unitName) : base(FlashStepKind.Preserve, range)
        {
            Page = page;
            UnitName = unitName;
        }

        /// <summary>The page the bytes lie in; null for RAM.</summary>
        public FlashPage? Page { get; }

        /// <summary>"page" or "sector", or "RAM".</summary>
        public string UnitName { get; }

        public bool IsRam => Page is null;

        public override string Detail => Page is null
            ? $"read {Length} bytes of RAM next to the image, to write them back unchanged with it (the bootloader writes whole words)"
            : $"read {Length} bytes of {UnitName} {Page.Number} that the image does not cover, to write them back";

        public override string Summary => Page is null
            ? "keep the RAM bytes around the image (whole words)"
            : $"keep what {UnitName} {Page.Number} holds outside the image";
    }

    /// <summary>Erase a batch of pages (or sectors) in one command.</summary>
    public sealed class EraseStep : FlashStep
    {
        internal EraseStep(IReadOnlyList<FlashPage> pages, string unitName)
            : base(FlashStepKind.Erase, new AddressRange(pages[0].Address, pages[pages.Count - 1].EndAddress))
        {
            Pages = pages;
            UnitName = unitName;
        }

        public IReadOnlyList<FlashPage> Pages { get; }

        public string UnitName { get; }

        public override long Length => PlanText.Bytes(Pages);

        public override string Detail => $"erase {UnitName}s {PlanText.Numbers(Pages)} ({PlanText.Size(PlanText.Bytes(Pages))})";
    }

    /// <summary>Write one chunk: at most the interface's largest write, whole units, within one page.</summary>
    public sealed class ProgramStep : FlashStep
    {
        internal ProgramStep(ProgramBlock block, int offset, int length, FlashPage? page, IReadOnlyList<int> segmentNumbers, int uncoveredBytes)
            : base(FlashStepKind.Program, AddressRange.FromLength(block.Address + (uint)offset, length))
        {
            Block = block;
            Offset = offset;
            Page = page;
            SegmentNumbers = segmentNumbers;
            // A block either pads the bytes the image leaves out or keeps what the device holds there.
            var keeps = block.PreservedBytes > 0;
            PaddedBytes = keeps ? 0 : uncoveredBytes;
            PreservedBytes = keeps ? uncoveredBytes : 0;
        }

        internal ProgramBlock Block { get; }

        /// <summary>The block the chunk is part of (<see cref="FlashPlan.Blocks"/>, counted from 1).</summary>
        public int BlockNumber => Block.Number;

        /// <summary>Where the chunk starts in its block.</summary>
        public int Offset { get; }

        /// <summary>The page the chunk lies in; null for RAM.</summary>
        public FlashPage? Page { get; }

        /// <summary>1-based numbers of the input segments that have bytes in this chunk.</summary>
        public IReadOnlyList<int> SegmentNumbers { get; }

        /// <summary>Bytes of this chunk that are erased-value padding, not image data.</summary>
        public int PaddedBytes { get; }

        /// <summary>Bytes of this chunk kept from the device (read first, written back): -PreserveUnwritten, or RAM widened to whole words.</summary>
        public int PreservedBytes { get; }

        public int ChunkNumber { get; internal set; }

        public int ChunkCount { get; internal set; }

        public bool IsRam => Page is null;

        /// <summary>A copy of the bytes this chunk writes (preserved bytes are filled in when the plan runs).</summary>
        public byte[] GetData() => Block.Data.AsSpanCopy(Offset, (int)Length);

        public override string Detail => SegmentNumbers.Count == 0
            ? $"chunk {ChunkNumber} of {ChunkCount}: {Length} bytes kept from the device{(IsRam ? " to RAM" : "")}"
            : $"chunk {ChunkNumber} of {ChunkCount}: {Length} bytes{Besides(" ({0} padding)", " ({0} kept from the device)")} from segment{(SegmentNumbers.Count > 1 ? "s" : "")} {NumberRuns.Describe(SegmentNumbers)}{(IsRam ? " to RAM" : "")}";

        public override string Summary
        {
            get
            {
                var from = SegmentNumbers.Count switch
                {
                    0 => "bytes kept from the device",
                    1 => $"segment {SegmentNumbers[0]}",
                    _ => $"segments {NumberRuns.Describe(SegmentNumbers)}",
                };
                var besides = SegmentNumbers.Count == 0 ? "" : Besides(", {0} B padding", ", {0} B kept");
                return $"chunk {ChunkNumber}/{ChunkCount}, {from}{besides}{(IsRam ? ", RAM" : "")}";
            }
        }

        // The bytes that are not image data, put into the step's words: padding, or bytes kept from the device; "" when there are none.
        private string Besides(string padding, string kept) =>
            PaddedBytes > 0 ? string.Format(padding, PaddedBytes) : PreservedBytes > 0 ? string.Format(kept, PreservedBytes) : "";
    }

    /// <summary>Check a written block against the device.</summary>
    public sealed class VerifyStep : FlashStep
    {
        internal VerifyStep(ProgramBlock block) : base(FlashStepKind.Verify, block.Range) => Block = block;

        internal ProgramBlock Block { get; }

        /// <summary>The block verified (<see cref="FlashPlan.Blocks"/>, counted from 1).</summary>
        public int BlockNumber => Block.Number;

        public override string Detail => $"verify {Length} bytes of segment{(Block.SegmentNumbers.Count > 1 ? "s" : "")} {NumberRuns.Describe(Block.SegmentNumbers)}";
    }
}
