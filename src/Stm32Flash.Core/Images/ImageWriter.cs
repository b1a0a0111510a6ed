using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Images.Writing;

namespace Stm32Flash.Images
{
    /// <summary>
    /// Writes segments as Intel HEX, S-record, raw binary or DfuSe. Segments are sorted; bytes that two segments
    /// both hold must agree (<see cref="SegmentConflictException"/>) and are written once. ELF is read-only.
    /// </summary>
    public static class ImageWriter
    {
        /// <summary>The format a file name's extension implies, or null when it implies none.</summary>
        public static ImageFormat? FormatFromExtension(string path)
        {
            switch (Path.GetExtension(path ?? "").ToLowerInvariant())
            {
                case ".hex":
                case ".ihex":
                    return ImageFormat.IntelHex;
                case ".srec":
                case ".s19":
                case ".s28":
                case ".s37":
                case ".mot":
                    return ImageFormat.SRecord;
                case ".bin":
                    return ImageFormat.Binary;
                case ".dfu":
                    return ImageFormat.Dfu;
                default:
                    return null;
            }
        }

        /// <summary>S-record address width an extension asks for: .s19 2, .s28 3, .s37 4; 0 (smallest that fits) otherwise.</summary>
        public static int SRecordAddressBytesFromExtension(string path) => Path.GetExtension(path ?? "").ToLowerInvariant() switch
        {
            ".s19" => 2,
            ".s28" => 3,
            ".s37" => 4,
            _ => 0,
        };

        /// <summary>
        /// Writes to a file through a temporary file in the same folder that then replaces it, so a failure leaves
        /// any existing file as it was.
        /// </summary>
        public static ImageWriteSummary Write(string path, IEnumerable<Segment> segments, ImageWriteOptions options)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var fullPath = Path.GetFullPath(path);
            var pieces = Prepare(segments, options);
            var folder = Path.GetDirectoryName(fullPath) ?? ".";
            var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
            try
            {
                ImageWriteSummary summary;
                using (var stream = CreateTemporary(temporary, fullPath, folder))
                {
                    summary = WritePieces(stream, pieces, options);
                }
                if (File.Exists(fullPath)) File.Replace(temporary, fullPath, null);
                else File.Move(temporary, fullPath);
                return summary;
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }

        /// <summary>Creates the temporary file; failures name the file asked for, not the temporary one.</summary>
        private static FileStream CreateTemporary(string temporary, string fullPath, string folder)
        {
            try
            {
                return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new DirectoryNotFoundException($"Cannot write '{fullPath}': the folder '{folder}' does not exist.", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new UnauthorizedAccessException($"Cannot write '{fullPath}': no permission to create files in '{folder}'.", ex);
            }
        }

        public static ImageWriteSummary Write(Stream stream, IEnumerable<Segment> segments, ImageWriteOptions options)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            return WritePieces(stream, Prepare(segments, options), options);
        }

        /// <summary>What <see cref="Write(Stream, IEnumerable{Segment}, ImageWriteOptions)"/> would write, the file's size included, without writing it.</summary>
        public static ImageWriteSummary Measure(IEnumerable<Segment> segments, ImageWriteOptions options)
        {
            using var counter = new CountingStream();
            return WritePieces(counter, Prepare(segments, options), options);
        }

        private static List<Piece> Prepare(IEnumerable<Segment> segments, ImageWriteOptions options)
        {
            if (segments is null) throw new ArgumentNullException(nameof(segments));
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.Format == ImageFormat.Elf) throw new NotSupportedException("ELF files are read, not written; write Intel HEX, S-record, binary or DfuSe.");
            return PieceList.From(segments);
        }

        private static ImageWriteSummary WritePieces(Stream stream, List<Piece> pieces, ImageWriteOptions options)
        {
            long fileBytes;
            var start = options.StartAddress;
            switch (options.Format)
            {
                case ImageFormat.IntelHex:
                    fileBytes = IntelHexWriter.Write(stream, pieces, options);
                    break;
                case ImageFormat.SRecord:
                    fileBytes = SRecordWriter.Write(stream, pieces, options);
                    break;
                case ImageFormat.Binary:
                    fileBytes = RawBinaryWriter.Write(stream, pieces, options);
                    start = null;
                    break;
                case ImageFormat.Dfu:
                    fileBytes = DfuSeWriter.Write(stream, pieces, options);
                    start = null;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown image format.");
            }
            var runs = 0;
            for (var i = 0; i < pieces.Count; i++)
                if (i == 0 || pieces[i - 1].End != pieces[i].Address) runs++;
            AddressRange? span = pieces.Count == 0 ? null : new AddressRange(pieces[0].Address, pieces[pieces.Count - 1].End);
            return new ImageWriteSummary(options.Format, runs, pieces.Sum(p => (long)p.Count), span, start, fileBytes);
        }
    }
}
