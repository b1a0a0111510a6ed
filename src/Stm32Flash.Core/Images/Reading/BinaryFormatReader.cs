using System;
using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Shared by the binary containers (raw, ELF, DfuSe): the structure is parsed up front into chunks in file order
    /// (errors thrown right away), then each chunk's bytes are read from the stream straight into its segment.
    /// </summary>
    internal abstract unsafe class BinaryFormatReader : FormatReader
    {
        private const int CopyBlock = 1 << 20;

        private List<FileChunk>? _chunks;
        private int _next;
        private long _lastPosition = -1;

        protected BinaryFormatReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        public override long LastPosition => _lastPosition;

        public override ImagePlace PlaceOf(long position, int column, long index) => ImagePlace.AtOffset(Path, position + index);

        public override SegmentSource SourceOf(long position, ImageInfo image) => new SegmentSource(Path, null, position, null, image);

        /// <summary>Parses the structure; returns the data chunks with their file offsets.</summary>
        protected abstract List<FileChunk> ParseStructure();

        public override void Scan(IChunkSink sink)
        {
            _chunks ??= Ordered(ParseStructure());
            foreach (var chunk in _chunks) sink.Chunk(chunk.Address, chunk.Length, chunk.Offset, 0);
        }

        public override bool FillSome(SegmentFiller filler)
        {
            if (_chunks == null) throw new InvalidOperationException("Scan comes before FillSome.");
            if (_next >= _chunks.Count) return false;
            var chunk = _chunks[_next++];
            Copy(filler, chunk);
            _lastPosition = chunk.Offset;
            return _next < _chunks.Count;
        }

        private void Copy(SegmentFiller filler, FileChunk chunk)
        {
            Stream.Position = chunk.Offset;
            byte[]? bounce = null;
            for (long done = 0; done < chunk.Length;)
            {
                var block = (int)Math.Min(CopyBlock, chunk.Length - done);
                var address = chunk.Address + (ulong)done;
                var array = filler.TryGetArray(address, block, out var index);
                if (array != null)
                {
                    ReadExactly(array, index, block, chunk.Offset + done);
                }
                else
                {
                    bounce ??= new byte[Math.Min(CopyBlock, chunk.Length)];
                    ReadExactly(bounce, 0, block, chunk.Offset + done);
                    fixed (byte* data = bounce) filler.WriteChecked(address, data, block, chunk.Offset + done, 0);
                }
                done += block;
            }
        }

        private void ReadExactly(byte[] buffer, int index, int count, long offset)
        {
            while (count > 0)
            {
                var read = Stream.Read(buffer, index, count);
                if (read <= 0)
                {
                    throw new ImageFormatException(ImageErrorKind.Truncated, ImagePlace.AtOffset(Path, offset), "the file ended while its data was read (did it change?)",
                        null, $"{count} more bytes");
                }
                index += read;
                count -= read;
                offset += read;
            }
        }

        private static List<FileChunk> Ordered(List<FileChunk> chunks)
        {
            var indexed = new List<(FileChunk Chunk, int Index)>();
            for (var i = 0; i < chunks.Count; i++) indexed.Add((chunks[i], i));
            indexed.Sort((a, b) => a.Chunk.Offset != b.Chunk.Offset ? a.Chunk.Offset.CompareTo(b.Chunk.Offset) : a.Index.CompareTo(b.Index));
            return indexed.ConvertAll(x => x.Chunk);
        }

        protected ImageFormatException Error(ImageErrorKind kind, long offset, string problem, string? found, string? expected) =>
            new ImageFormatException(kind, ImagePlace.AtOffset(Path, offset), problem, found, expected);

        /// <summary>Reads <paramref name="count"/> bytes at <paramref name="offset"/>, or fails naming what they were for.</summary>
        protected byte[] ReadAt(long offset, int count, string what)
        {
            var length = Stream.Length;
            if (offset < 0 || offset + count > length)
            {
                throw Error(ImageErrorKind.Truncated, Math.Min(offset, length), $"the file ends before {what} (0x{count:X} bytes at 0x{offset:X})",
                    $"a file of 0x{length:X} bytes", $"at least 0x{offset + count:X} bytes");
            }
            var buffer = new byte[count];
            Stream.Position = offset;
            ReadExactly(buffer, 0, count, offset);
            return buffer;
        }

        protected ulong CheckedEnd(ulong address, ulong length, long offset, string what)
        {
            var end = address + length;
            if (end > AddressRange.AddressSpaceEnd)
            {
                throw Error(ImageErrorKind.AddressOverflow, offset, $"{what}: 0x{length:X} bytes at 0x{address:X8} run past the 4 GiB address space",
                    $"0x{address:X8}+0x{length:X}", "data that ends at or below address 0xFFFFFFFF");
            }
            return end;
        }

        protected readonly struct FileChunk
        {
            public FileChunk(ulong address, long length, long offset)
            {
                Address = address;
                Length = length;
                Offset = offset;
            }

            public ulong Address { get; }

            public long Length { get; }

            public long Offset { get; }
        }
    }
}
