namespace Stm32Flash
{
    public enum VerifyMethod
    {
        /// <summary>The device computed a CRC over the range (the bootloader's Get Checksum); stray bytes at unaligned ends were read back.</summary>
        DeviceCrc,
        /// <summary>The range was read back and compared byte by byte.</summary>
        ReadBack,
    }

    /// <summary>Whether one segment's bytes are on the device.</summary>
    public sealed class VerifyResult
    {
        public VerifyResult(Segment segment, int segmentNumber, bool match, VerifyMethod method, uint? firstMismatch = null, byte? expected = null, byte? actual = null)
        {
            Segment = segment;
            SegmentNumber = segmentNumber;
            Match = match;
            Method = method;
            FirstMismatch = firstMismatch;
            Expected = expected;
            Actual = actual;
        }

        public Segment Segment { get; }

        /// <summary>1-based position of the segment in the input.</summary>
        public int SegmentNumber { get; }

        public uint Address => Segment.Address;

        public int Length => Segment.Length;

        public ulong EndAddress => Segment.EndAddress;

        public AddressRange Range => Segment.Range;

        public bool Match { get; }

        /// <summary>The first address whose byte differs; null when the segment matches.</summary>
        public uint? FirstMismatch { get; }

        /// <summary>The image's byte at <see cref="FirstMismatch"/>.</summary>
        public byte? Expected { get; }

        /// <summary>The device's byte at <see cref="FirstMismatch"/>.</summary>
        public byte? Actual { get; }

        public VerifyMethod Method { get; }

        public SegmentSource Source => Segment.Source;

        public override string ToString() => Match
            ? $"{Segment.Range}: match ({Method})"
            : $"{Segment.Range}: differs at 0x{FirstMismatch:X8} (expected 0x{Expected:X2}, device 0x{Actual:X2}) ({Method})";
    }
}
