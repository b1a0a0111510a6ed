using System;
using Stm32Flash.Images;

namespace Stm32Flash
{
    /// <summary>Where a segment's first byte came from: a file position, a device read, or memory.</summary>
    public sealed class SegmentSource
    {
        public static readonly SegmentSource Memory = new SegmentSource(null, null, null, "memory");

        public SegmentSource(string? file, long? line, long? offset, string? origin = null)
        {
            File = file;
            Line = line;
            Offset = offset;
            Origin = origin;
        }

        public SegmentSource(string? file, long? line, long? offset, string? origin, ImageInfo? image)
            : this(file, line, offset, origin)
        {
            Image = image;
        }

        /// <summary>Full path of the file, when the segment was read from one.</summary>
        public string? File { get; }

        /// <summary>1-based line of the first record, for text formats.</summary>
        public long? Line { get; }

        /// <summary>Byte offset of the first data byte in the file, for binary formats.</summary>
        public long? Offset { get; }

        /// <summary>What produced the segment when it is not a file (a device read, a plan, a test).</summary>
        public string? Origin { get; }

        /// <summary>The image file the segment was read from (format, start address...), when it was read from one.</summary>
        public ImageInfo? Image { get; }

        public static SegmentSource FromLine(string file, long line) => new SegmentSource(file, line, null);

        public static SegmentSource FromOffset(string file, long offset) => new SegmentSource(file, null, offset);

        public static SegmentSource FromOrigin(string origin) => new SegmentSource(null, null, null, origin);

        public override string ToString()
        {
            if (File is null) return Origin ?? "memory";
            var name = System.IO.Path.GetFileName(File);
            if (Line.HasValue) return $"{name}:{Line.Value}";
            if (Offset.HasValue) return $"{name}+0x{Offset.Value:X}";
            return name;
        }
    }
}
