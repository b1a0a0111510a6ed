using System.IO;
using System.Text;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Text that format detection would take for raw binary: UTF-16 text (what Windows PowerShell 5.1's &gt; writes), an
    /// HTML page saved in place of a file, lines that are not records. Read at an address, its characters would go to
    /// flash, so it is refused with what it looks like.
    /// </summary>
    internal static class MisreadText
    {
        private const string Formats = "an Intel HEX, S-record, ELF or DfuSe file";

        /// <summary>The error for a stream whose start is such text; null when it looks like binary data. The position is restored.</summary>
        public static ImageFormatException? Check(Stream stream, string? name)
        {
            var sample = Sample(stream);
            if (IsUtf16(sample, out var bigEndian))
            {
                var text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(sample, 0, sample.Length & ~1).TrimStart('\uFEFF');
                var records = text.StartsWith(":", System.StringComparison.Ordinal) || text.StartsWith("S", System.StringComparison.Ordinal) ? "image records saved as " : "";
                return new ImageFormatException(ImageErrorKind.NotAnImage, ImagePlace.AtLine(name, 1, 1),
                    $"the file is {records}UTF-16 text, which no image format is: Intel HEX and S-record files are ASCII (Windows PowerShell 5.1's > and Out-File write UTF-16)",
                    $"{(bigEndian ? "UTF-16 big-endian" : "UTF-16 little-endian")} '{Shorten(FirstLine(text))}'",
                    "ASCII text; convert the file with Get-Content <file> | Set-Content -Encoding Ascii <new file>");
            }
            if (!IsText(sample)) return null;
            var all = Encoding.UTF8.GetString(sample).TrimStart('\uFEFF');
            var (line, content) = FirstNonBlankLine(all);
            if (all.IndexOf("<html", System.StringComparison.OrdinalIgnoreCase) >= 0 || all.TrimStart().StartsWith("<!DOCTYPE html", System.StringComparison.OrdinalIgnoreCase))
            {
                return new ImageFormatException(ImageErrorKind.NotAnImage, ImagePlace.AtLine(name, line, 1),
                    "the file is an HTML page, not an image (a web page saved in place of the file it links to?)", Shorten(content),
                    $"{Formats}; on GitHub, save the file's Raw link");
            }
            if (content.Length >= 10 && IsHexDigits(content))
            {
                return new ImageFormatException(ImageErrorKind.NotAnImage, ImagePlace.AtLine(name, line, 1),
                    $"the file is text, and line {line} is not an Intel HEX record: it does not start with ':'", Shorten(content), "':' at the start of each record");
            }
            return new ImageFormatException(ImageErrorKind.NotAnImage, ImagePlace.AtLine(name, line, 1),
                $"the file is text, but neither Intel HEX nor S-record: line {line} does not start a record", Shorten(content),
                $"':' (Intel HEX) or 'S' and a digit (S-record) at the start of each record, or {Formats}; for raw binary data, -Format Binary");
        }

        private static byte[] Sample(Stream stream)
        {
            var position = stream.Position;
            var buffer = new byte[FormatDetector.SampleLength];
            var count = 0;
            while (count < buffer.Length)
            {
                var read = stream.Read(buffer, count, buffer.Length - count);
                if (read <= 0) break;
                count += read;
            }
            stream.Position = position;
            var sample = new byte[count];
            System.Array.Copy(buffer, sample, count);
            return sample;
        }

        /// <summary>A UTF-16 byte order mark, or ASCII characters each followed (little-endian) or preceded by a zero byte.</summary>
        private static bool IsUtf16(byte[] s, out bool bigEndian)
        {
            bigEndian = s.Length >= 2 && s[0] == 0xFE && s[1] == 0xFF;
            if (s.Length >= 2 && (bigEndian || s[0] == 0xFF && s[1] == 0xFE)) return true;
            if (s.Length < 8) return false;
            var little = true;
            var big = true;
            for (var i = 0; i + 1 < s.Length; i += 2)
            {
                little &= s[i + 1] == 0 && IsTextByte(s[i]) && s[i] != 0;
                big &= s[i] == 0 && IsTextByte(s[i + 1]) && s[i + 1] != 0;
            }
            bigEndian = big;
            return little || big;
        }

        private static bool IsText(byte[] s)
        {
            if (s.Length == 0) return false;
            foreach (var b in s)
            {
                if (!IsTextByte(b)) return false;
            }
            return true;
        }

        // Printable ASCII, UTF-8 and Latin-1 bytes, line breaks, tab, form feed and the DOS end-of-file Ctrl-Z.
        private static bool IsTextByte(byte b) => b >= 0x20 && b != 0x7F || b == '\t' || b == '\n' || b == '\r' || b == 0x0C || b == 0x1A;

        private static bool IsHexDigits(string text)
        {
            foreach (var c in text)
            {
                if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) return false;
            }
            return true;
        }

        private static string FirstLine(string text) => FirstNonBlankLine(text).Content;

        private static (long Line, string Content) FirstNonBlankLine(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n', '\r');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length > 0) return (i + 1, lines[i].Trim());
            }
            return (1, "");
        }

        private static string Shorten(string text) => text.Length > 48 ? text.Substring(0, 48) + "..." : text;
    }
}
