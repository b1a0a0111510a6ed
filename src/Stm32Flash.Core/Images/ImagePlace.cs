using System.Text;

namespace Stm32Flash.Images
{
    /// <summary>A place in an image file: line and column for text formats, byte offset for binary ones.</summary>
    public sealed class ImagePlace
    {
        public ImagePlace(string? file, long? line, int? column, long? offset)
        {
            File = file;
            Line = line;
            Column = column;
            Offset = offset;
        }

        public static ImagePlace AtLine(string? file, long line, int column) => new ImagePlace(file, line, column, null);

        public static ImagePlace AtOffset(string? file, long offset) => new ImagePlace(file, null, null, offset);

        public string? File { get; }

        /// <summary>1-based line, for text formats.</summary>
        public long? Line { get; }

        /// <summary>1-based column, for text formats.</summary>
        public int? Column { get; }

        /// <summary>Byte offset in the file, for binary formats.</summary>
        public long? Offset { get; }

        /// <summary>"file:line:column" or "file+0xOFFSET".</summary>
        public override string ToString()
        {
            var text = new StringBuilder(File ?? "<stream>");
            if (Line.HasValue)
            {
                text.Append(':').Append(Line.Value);
                if (Column.HasValue) text.Append(':').Append(Column.Value);
            }
            else if (Offset.HasValue)
            {
                text.Append("+0x").Append(Offset.Value.ToString("X"));
            }
            return text.ToString();
        }
    }
}
