namespace Stm32Flash.Images
{
    /// <summary>How to read an image file.</summary>
    public sealed class ImageReadOptions
    {
        /// <summary>The format; null detects it from the content.</summary>
        public ImageFormat? Format { get; set; }

        /// <summary>Load address of a raw binary file (required for <see cref="ImageFormat.Binary"/>, unused otherwise).</summary>
        public uint? Address { get; set; }

        /// <summary>Segments whose gap is at most this many bytes are joined, the gap filled with <see cref="Fill"/>.</summary>
        public uint MaxGap { get; set; }

        /// <summary>Value of the bytes that fill joined gaps.</summary>
        public byte Fill { get; set; } = 0xFF;

        public OverlapPolicy Overlap { get; set; } = OverlapPolicy.Error;

        internal ImageReadOptions Clone() => (ImageReadOptions)MemberwiseClone();
    }
}
