using System.Collections.Generic;

namespace Stm32Flash.Planning
{
    /// <summary>
    /// A run of bytes the plan writes in one piece: input segments that share or touch a programming unit, merged, then
    /// aligned to the unit and padded with the erased value (or, preserving, filled with the device's old bytes). RAM blocks
    /// are not padded: on the serial bootloaders they are widened to whole words with the bytes the RAM already holds.
    /// </summary>
    public sealed class ProgramBlock
    {
        internal ProgramBlock(int number, uint address, byte[] data, IReadOnlyList<int> segmentNumbers, bool isRam,
            IReadOnlyList<AddressRange> imageRanges, int paddedBytes, int preservedBytes)
        {
            Number = number;
            Address = address;
            Data = data;
            SegmentNumbers = segmentNumbers;
            IsRam = isRam;
            ImageRanges = imageRanges;
            PaddedBytes = paddedBytes;
            PreservedBytes = preservedBytes;
        }

        public int Number { get; }

        public uint Address { get; }

        /// <summary>The bytes written. Preserved bytes are filled in by the executor after it reads them.</summary>
        internal byte[] Data { get; }

        public int Length => Data.Length;

        public AddressRange Range => AddressRange.FromLength(Address, Data.Length);

        /// <summary>1-based numbers of the input segments merged into this block.</summary>
        public IReadOnlyList<int> SegmentNumbers { get; }

        public bool IsRam { get; }

        /// <summary>The parts of the block the image covers.</summary>
        public IReadOnlyList<AddressRange> ImageRanges { get; }

        /// <summary>Bytes of erased-value padding added to reach whole units.</summary>
        public int PaddedBytes { get; }

        /// <summary>Bytes the plan reads from the device and writes back (flash with -PreserveUnwritten; RAM widened to whole words).</summary>
        public int PreservedBytes { get; }

        /// <summary>The block as a segment, as the device holds it once written: its bytes, with <paramref name="origin"/> as the source.</summary>
        public Segment ToSegment(string origin) => new Segment(Address, (byte[])Data.Clone(), SegmentSource.FromOrigin(origin));

        public override string ToString() => $"block {Number}: {Range} ({Data.Length} bytes, segments {NumberRuns.Describe(SegmentNumbers)})";
    }
}
