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
        private readonly Segment _segment;

        public VerifyResult(Segment segment, int segmentNumber, bool match, VerifyMethod method, uint? firstMismatch = null, byte? expected = null, byte? actual = null)
        {
            _segment = segment ?? throw new System.ArgumentNullException(nameof(segment));
            SegmentNumber = segmentNumber;
            Match = match;
            Method = method;
            FirstMismatch = firstMismatch;
            Expected = expected;
            Actual = actual;
        }

        /// <summary>1-based position of the segment in the input.</summary>
        public int SegmentNumber { get; }

        public uint Address => _segment.Address;

        public int Length => _segment.Length;

        public ulong EndAddress => _segment.EndAddress;

        public AddressRange Range => _segment.Range;

        public bool Match { get; }

        /// <summary>The first address whose byte differs; null when the segment matches.</summary>
        public uint? FirstMismatch { get; }

        /// <summary>The image's byte at <see cref="FirstMismatch"/>.</summary>
        public byte? Expected { get; }

        /// <summary>The device's byte at <see cref="FirstMismatch"/>.</summary>
        public byte? Actual { get; }

        public VerifyMethod Method { get; }

        public SegmentSource Source => _segment.Source;

        /// <summary>The segment verified, bytes and all (a method: a result is small, its segment need not be).</summary>
        public Segment GetSegment() => _segment;

        public override string ToString() => Match
            ? $"{Range}: match ({Method})"
            : $"{Range}: differs at 0x{FirstMismatch:X8} (expected 0x{Expected:X2}, device 0x{Actual:X2}) ({Method})";
    }
}
