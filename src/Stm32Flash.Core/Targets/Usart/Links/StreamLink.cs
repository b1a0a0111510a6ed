using System;
using System.IO;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A link over any duplex stream whose Read returns (or throws) when the stream is disposed: a serial port's stream,
    /// a socket, a pipe, an in-memory pair. (A FileStream on a terminal device does not: use <see cref="PosixTtyLink"/>.)
    /// </summary>
    public class StreamLink : PumpedLink
    {
        private readonly Stream _stream;

        public StreamLink(Stream stream, string description, int bytesPerSecond = 0)
            : base(description, bytesPerSecond)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (!stream.CanRead || !stream.CanWrite) throw new ArgumentException("A link needs a stream that reads and writes.", nameof(stream));
            StartPump();
        }

        protected override int Receive(byte[] buffer)
        {
            try
            {
                return _stream.Read(buffer, 0, buffer.Length);
            }
            catch (ObjectDisposedException) when (IsClosing)
            {
                return 0;
            }
            catch (IOException) when (IsClosing)
            {
                return 0;
            }
            catch (OperationCanceledException) when (IsClosing)
            {
                return 0;
            }
        }

        protected override void Send(ReadOnlySpan<byte> data)
        {
            var bytes = data.ToArray();
            _stream.Write(bytes, 0, bytes.Length);
            _stream.Flush();
        }

        protected override void Close()
        {
            _stream.Dispose();
        }
    }
}
