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

        protected InputWindow Window { get; }

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
