using System;
using System.IO;

namespace Stm32Flash.Images
{
    /// <summary>Tells the format of an image from its first bytes, as OpenOCD and bincopy do.</summary>
    public static class FormatDetector
    {
        /// <summary>How many leading bytes <see cref="Detect(ReadOnlySpan{byte})"/> looks at, at most.</summary>
        public const int SampleLength = 512;

        /// <summary>
        /// ELF by its magic number, DfuSe by its "DfuSe" prefix, Intel HEX by ':' and hex digits, S-record by 'S',
        /// a digit and hex digits (after a byte order mark and blank lines); anything else is raw binary (which
        /// <see cref="ImageReader"/> refuses when it is text: UTF-16, HTML, lines that are not records). Null for an empty sample.
        /// </summary>
        public static ImageFormat? Detect(ReadOnlySpan<byte> start)
        {
            if (start.Length == 0) return null;
            if (start.Length >= 4 && start[0] == 0x7F && start[1] == 'E' && start[2] == 'L' && start[3] == 'F') return ImageFormat.Elf;
            if (start.Length >= 5 && start[0] == 'D' && start[1] == 'f' && start[2] == 'u' && start[3] == 'S' && start[4] == 'e') return ImageFormat.Dfu;

            var i = 0;
            if (start.Length >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF) i = 3;
            while (i < start.Length && (start[i] == '\r' || start[i] == '\n' || start[i] == ' ' || start[i] == '\t')) i++;
            var rest = start.Slice(i);
            if (rest.Length >= 3 && rest[0] == ':' && IsHex(rest[1]) && IsHex(rest[2])) return ImageFormat.IntelHex;
            if (rest.Length >= 4 && (rest[0] == 'S' || rest[0] == 's') && rest[1] >= '0' && rest[1] <= '9' && IsHex(rest[2]) && IsHex(rest[3])) return ImageFormat.SRecord;
            return ImageFormat.Binary;
        }

        /// <summary>
        /// The format of a seekable stream's content; the position is restored. Null for an empty stream. Besides what
        /// <see cref="Detect(ReadOnlySpan{byte})"/> tells from the start, content that would be raw binary but ends with
        /// a DFU suffix ('UFD', bLength 16) is a plain DFU file: <see cref="ImageFormat.Dfu"/>.
        /// </summary>
        public static ImageFormat? Detect(Stream stream)
        {
            var position = stream.Position;
            var sample = new byte[SampleLength];
            var count = 0;
            while (count < sample.Length)
            {
                var read = stream.Read(sample, count, sample.Length - count);
                if (read <= 0) break;
                count += read;
            }
            stream.Position = position;
            var format = Detect(new ReadOnlySpan<byte>(sample, 0, count));
            return format == ImageFormat.Binary && Reading.DfuSuffix.EndsWithSignature(stream) ? ImageFormat.Dfu : format;
        }

        private static bool IsHex(byte c) => c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
