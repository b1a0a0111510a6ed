namespace Stm32Flash.Images
{
    /// <summary>What a writer wrote.</summary>
    public sealed class ImageWriteSummary
    {
        public ImageWriteSummary(ImageFormat format, int segmentCount, long dataBytes, AddressRange? span, StartAddress? startAddress, long fileBytes)
        {
            Format = format;
            SegmentCount = segmentCount;
            DataBytes = dataBytes;
            Span = span;
            StartAddress = startAddress;
            FileBytes = fileBytes;
        }

        public ImageFormat Format { get; }

        /// <summary>Address-contiguous runs of data written.</summary>
        public int SegmentCount { get; }

        public long DataBytes { get; }

        /// <summary>Lowest to highest address written (for a binary file: where its first byte goes).</summary>
        public AddressRange? Span { get; }

        /// <summary>The start address record written, or null.</summary>
        public StartAddress? StartAddress { get; }

        public long FileBytes { get; }
    }
}
