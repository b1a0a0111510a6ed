using System.IO;
using System.Text;

namespace Stm32Flash.Images.Reading
{
    /// <summary>Shared by the line-based formats: the input window, places as line:column, error text.</summary>
    internal abstract unsafe class TextFormatReader : FormatReader
    {
        /// <summary>More than the longest record line with its line break: a record is whole in the window when this much is left.</summary>
        protected const int Threshold = 1024;

        protected TextFormatReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
            Window = new InputWindow(stream, InputWindow.SizeForNewReaders);
        }

        // The filling pass runs in batches; between them its place is kept as file offsets, since a refill moves the window.
        private bool _fillStarted;
        private long _fillOffset;
        private long _fillLineStart;

        /// <summary>The line of the last record read, for <see cref="LastPosition"/>.</summary>
        protected long LastLine;

        protected InputWindow Window { get; }

        public override long LastPosition => LastLine;

        public override ImagePlace PlaceOf(long position, int column, long index) =>
            ImagePlace.AtLine(Path, position, column + (int)(2 * index));

        public override SegmentSource SourceOf(long position, ImageInfo image) =>
            new SegmentSource(Path, position, null, null, image);

        /// <summary>Starts over at the beginning of the file, past a UTF-8 byte order mark.</summary>
        protected byte* Rewind()
        {
            Window.Rewind();
            var p = Window.Start;
            if (Window.Count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) p += 3;
            return p;
        }

        /// <summary>
        /// Where the filling pass goes on: at the start of the file, past a byte order mark (returns true: the first batch),
        /// or where <see cref="SaveFillPlace"/> left it.
        /// </summary>
        protected bool ResumeFill(out byte* p, out byte* lineStart)
        {
            if (!_fillStarted)
            {
                _fillStarted = true;
                p = Rewind();
                lineStart = p;
                return true;
            }
            p = Window.Start + (_fillOffset - Window.StartOffset);
            lineStart = Window.Start + (_fillLineStart - Window.StartOffset);
            return false;
        }

        protected void SaveFillPlace(byte* p, byte* lineStart)
        {
            _fillOffset = Window.OffsetOf(p);
            _fillLineStart = Window.OffsetOf(lineStart);
        }

        protected ImageFormatException Error(ImageErrorKind kind, long line, int column, string problem, string? found, string? expected) =>
            new ImageFormatException(kind, ImagePlace.AtLine(Path, line, column), problem, found, expected);

        /// <summary>The text of [from, to) for a message, shortened when long.</summary>
        protected static string Text(byte* from, byte* to, int max = 48)
        {
            var text = new StringBuilder();
            for (var p = from; p < to && text.Length < max; p++) text.Append(Printable(*p));
            if (to - from > max) text.Append("...");
            return text.ToString();
        }

        protected static string Printable(byte c) =>
            c >= 0x20 && c < 0x7F ? ((char)c).ToString() : c == '\r' ? "\\r" : c == '\n' ? "\\n" : c == '\t' ? "\\t" : $"\\x{c:X2}";

        /// <summary>End of the line that starts at or before <paramref name="p"/>: the first CR or LF, or <paramref name="end"/>.</summary>
        protected static byte* LineEnd(byte* p, byte* end)
        {
            while (p < end && *p != '\r' && *p != '\n') p++;
            return p;
        }

        /// <summary>Back over trailing spaces and tabs.</summary>
        protected static byte* TrimEnd(byte* from, byte* to)
        {
            while (to > from && (to[-1] == ' ' || to[-1] == '\t')) to--;
            return to;
        }

        public override void Dispose()
        {
            Window.Dispose();
            base.Dispose();
        }
    }
}
