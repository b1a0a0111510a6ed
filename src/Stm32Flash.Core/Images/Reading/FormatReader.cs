using System;
using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// One image format, read in two passes over a seekable stream: <see cref="Scan"/> reports where data goes (so
    /// every segment can be allocated at its exact size), <see cref="FillSome"/> decodes the data into the segments.
    /// </summary>
    internal abstract class FormatReader : IPlaceResolver, IDisposable
    {
        protected FormatReader(Stream stream, ImageInfo image, ImageReadOptions options)
        {
            Stream = stream;
            Image = image;
            Options = options;
        }

        protected Stream Stream { get; }

        protected ImageInfo Image { get; }

        protected ImageReadOptions Options { get; }

        protected string? Path => Image.Path;

        /// <summary>First pass. Text formats stop quietly at the first bad record (the second pass reports it).</summary>
        public abstract void Scan(IChunkSink sink);

        /// <summary>Second pass, a batch at a time. False when the file is done.</summary>
        public abstract bool FillSome(SegmentFiller filler);

        /// <summary>Position of the last chunk the second pass has written.</summary>
        public abstract long LastPosition { get; }

        public abstract ImagePlace PlaceOf(long position, int column, long index);

        public abstract SegmentSource SourceOf(long position, ImageInfo image);

        public ImagePlace FindEarlierWriter(ulong address, long position)
        {
            var locator = new EarlierWriterLocator(address, position);
            Scan(locator);
            return locator.Found ? PlaceOf(locator.Position, locator.Column, (long)(address - locator.Address)) : PlaceOf(position, 0, 0);
        }

        public virtual void Dispose()
        {
        }

        private sealed class EarlierWriterLocator : IChunkSink
        {
            private readonly ulong _target;
            private readonly long _before;

            public EarlierWriterLocator(ulong target, long before)
            {
                _target = target;
                _before = before;
            }

            public bool Found { get; private set; }

            public ulong Address { get; private set; }

            public long Position { get; private set; }

            public int Column { get; private set; }

            public void Chunk(ulong address, long length, long position, int column)
            {
                if (position >= _before || _target < address || _target >= address + (ulong)length) return;
                Found = true;
                Address = address;
                Position = position;
                Column = column;
            }
        }
    }
}
