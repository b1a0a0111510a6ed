using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Images.Reading;

namespace Stm32Flash.Images
{
    /// <summary>
    /// Reads firmware images (Intel HEX, S-record, ELF, raw binary, DfuSe) into segments: address-contiguous data
    /// joined, gaps splitting segments (or filled up to <see cref="ImageReadOptions.MaxGap"/>), overlaps checked.
    /// A first pass sizes every segment exactly; a second decodes straight into them.
    /// </summary>
    public static class ImageReader
    {
        /// <summary>
        /// Reads the whole file; throws <see cref="ImageFormatException"/> (and returns nothing) when any of it is bad, when
        /// it holds no data (<see cref="ImageErrorKind.Empty"/>), or when it is text that no format reads.
        /// </summary>
        public static ImageInfo Read(string path, ImageReadOptions? options = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            var fullPath = System.IO.Path.GetFullPath(path);
            using var stream = OpenFile(fullPath);
            return Read(stream, options, fullPath);
        }

        /// <summary>Reads a whole seekable stream; <paramref name="name"/> is used in messages and segment sources.</summary>
        public static ImageInfo Read(Stream stream, ImageReadOptions? options = null, string? name = null)
        {
            var image = Open(stream, options, name, out var reader, out var opts);
            using (reader)
            {
                foreach (var _ in Run(reader, image, opts))
                {
                }
            }
            return image;
        }

        /// <summary>
        /// Streams the segments of a file as each one is complete (in the order their last record appears). A segment
        /// yielded is final, but a later record can still make the file fail; the image's
        /// <see cref="ImageInfo.Segments"/> list is filled in when the enumeration ends.
        /// </summary>
        public static IEnumerable<Segment> ReadSegments(string path, ImageReadOptions? options = null)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            return Stream(System.IO.Path.GetFullPath(path), options?.Clone());
        }

        private static IEnumerable<Segment> Stream(string fullPath, ImageReadOptions? options)
        {
            using var stream = OpenFile(fullPath);
            var image = Open(stream, options, fullPath, out var reader, out var opts);
            using (reader)
            {
                foreach (var segment in Run(reader, image, opts)) yield return segment;
            }
        }

        /// <summary>The format of a file's content, or null when the file is empty.</summary>
        public static ImageFormat? DetectFormat(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            return FormatDetector.Detect(stream);
        }

        private static FileStream OpenFile(string fullPath) =>
            new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

        private static ImageInfo Open(Stream stream, ImageReadOptions? options, string? name, out FormatReader reader, out ImageReadOptions opts)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek || !stream.CanRead) throw new ArgumentException("Images are read in two passes: the stream must be readable and seekable.", nameof(stream));
            opts = options?.Clone() ?? new ImageReadOptions();
            var format = opts.Format ?? FormatDetector.Detect(stream) ?? throw EmptyImage.EmptyFile(name);
            if (opts.Format is null && format == ImageFormat.Binary && MisreadText.Check(stream, name) is { } text) throw text;
            var image = new ImageInfo(name, format);
            reader = format switch
            {
                ImageFormat.IntelHex => new IntelHexReader(stream, image, opts),
                ImageFormat.SRecord => new SRecordReader(stream, image, opts),
                ImageFormat.Elf => new ElfReader(stream, image, opts),
                ImageFormat.Dfu => new DfuSeReader(stream, image, opts),
                ImageFormat.Binary => new RawBinaryReader(stream, image, opts),
                _ => throw new ArgumentOutOfRangeException(nameof(options), format, "Unknown image format."),
            };
            return image;
        }

        private static IEnumerable<Segment> Run(FormatReader reader, ImageInfo image, ImageReadOptions options)
        {
            var layout = new LayoutBuilder();
            reader.Scan(layout);
            var plan = layout.Build(options.MaxGap);
            var segments = new List<Segment>(plan.Segments.Count);
            using (var filler = new SegmentFiller(plan, options, reader, image))
            {
                while (reader.FillSome(filler))
                {
                    foreach (var segment in filler.TakeCompleted(reader.LastPosition))
                    {
                        segments.Add(segment);
                        yield return segment;
                    }
                }
                foreach (var segment in filler.TakeAll())
                {
                    segments.Add(segment);
                    yield return segment;
                }
            }
            if (segments.Count == 0) throw EmptyImage.NoData(image);
            image.SetSegments(segments);
        }
    }
}
