using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// A pinned buffer over a stream for the text readers: the parsers walk it with pointers and ask for a refill
    /// when fewer than a record's worth of bytes remain, keeping the unread tail.
    /// </summary>
    internal sealed unsafe class InputWindow : IDisposable
    {
        public const int DefaultSize = 256 * 1024;

        /// <summary>Window size for readers created on this thread; tests make it small to cross many refills.</summary>
        [ThreadStatic]
        internal static int SizeOverride;

        public static int SizeForNewReaders => SizeOverride > 0 ? SizeOverride : DefaultSize;

        private readonly Stream _stream;
        private readonly byte[] _buffer;
        private GCHandle _pin;

        public InputWindow(Stream stream, int size = DefaultSize)
        {
            _stream = stream;
            _buffer = new byte[size];
            _pin = GCHandle.Alloc(_buffer, GCHandleType.Pinned);
            Start = (byte*)_pin.AddrOfPinnedObject();
        }

        public byte* Start { get; }

        public byte* End => Start + Count;

        /// <summary>Valid bytes from <see cref="Start"/>.</summary>
        public int Count { get; private set; }

        /// <summary>File offset of <see cref="Start"/>.</summary>
        public long StartOffset { get; private set; }

        /// <summary>True once the stream has nothing after <see cref="End"/>.</summary>
        public bool AtEof { get; private set; }

        /// <summary>Starts over from the beginning of the stream.</summary>
        public void Rewind(long offset = 0)
        {
            _stream.Position = offset;
            StartOffset = offset;
            Count = 0;
            AtEof = false;
            Refill(Start);
        }

        /// <summary>Keeps the bytes from <paramref name="keep"/> on, moved to the start, and reads more after them. Returns how far they moved.</summary>
        public long Refill(byte* keep)
        {
            var shift = (int)(keep - Start);
            var remaining = Count - shift;
            if (shift > 0 && remaining > 0) Buffer.BlockCopy(_buffer, shift, _buffer, 0, remaining);
            Count = remaining;
            StartOffset += shift;
            while (Count < _buffer.Length)
            {
                var read = _stream.Read(_buffer, Count, _buffer.Length - Count);
                if (read <= 0)
                {
                    AtEof = true;
                    break;
                }
                Count += read;
            }
            return shift;
        }

        public long OffsetOf(byte* p) => StartOffset + (p - Start);

        public void Dispose()
        {
            if (_pin.IsAllocated) _pin.Free();
        }
    }
}
