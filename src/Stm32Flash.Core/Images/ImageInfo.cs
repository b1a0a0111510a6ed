using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Images
{
    /// <summary>
    /// What an image file says besides its bytes: format, start address, header, DfuSe targets. Every segment read
    /// from the file reaches it through <see cref="SegmentSource.Image"/>, so a writer can give the same records back.
    /// </summary>
    public sealed class ImageInfo
    {
        private readonly List<string> _warnings = new List<string>();
        private readonly List<string> _notes = new List<string>();
        private IReadOnlyList<Segment> _segments = Array.Empty<Segment>();

        public ImageInfo(string? path, ImageFormat format)
        {
            Path = path;
            Format = format;
        }

        /// <summary>Full path of the file, when read from one.</summary>
        public string? Path { get; }

        public ImageFormat Format { get; }

        /// <summary>The start (entry) address record, or null when the file has none.</summary>
        public StartAddress? StartAddress { get; internal set; }

        /// <summary>Text of an S-record S0 header, when the file has one.</summary>
        public string? Header { get; internal set; }

        /// <summary>DFU suffix and DfuSe targets, for .dfu files (no targets for a plain DFU file).</summary>
        public DfuSeInfo? Dfu { get; internal set; }

        /// <summary>
        /// The address the file was read at, for files with no addresses of their own (raw binary, plain DFU), taken
        /// from <see cref="ImageReadOptions.Address"/>; null when the file's own addresses were used.
        /// </summary>
        public uint? LoadAddress { get; internal set; }

        /// <summary>What the file holds that is probably not meant for an STM32, e.g. an ELF file for another machine.</summary>
        public IReadOnlyList<string> Warnings => _warnings;

        /// <summary>How the reader chose what to load where the file leaves room for doubt (for -Verbose).</summary>
        public IReadOnlyList<string> Notes => _notes;

        /// <summary>The segments in address order; filled in when the whole file has been read.</summary>
        public IReadOnlyList<Segment> Segments => _segments;

        public long ByteCount => _segments.Sum(s => (long)s.Length);

        internal void Warn(string text) => _warnings.Add(text);

        internal void Note(string text) => _notes.Add(text);

        internal void SetSegments(IEnumerable<Segment> segments) => _segments = segments.OrderBy(s => s.Address).ToArray();

        public override string ToString()
        {
            var name = Path is null ? "<stream>" : System.IO.Path.GetFileName(Path);
            var start = StartAddress is null ? "" : $", start {StartAddress}";
            return $"{name}: {Format}, {_segments.Count} segment(s), {ByteCount} bytes{start}";
        }
    }
}
