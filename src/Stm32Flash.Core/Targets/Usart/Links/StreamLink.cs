using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A link over any duplex stream: a serial port's stream, a socket, a pipe, an in-memory pair. It keeps one read
    /// pending on the stream at all times (issued again as soon as one completes), so that bytes are taken as they
    /// arrive and the reader waits on that read directly, with no thread of its own. (A serial port on Unix also needs
    /// the pending read: its I/O thread then polls the port instead of sleeping between requests.)
    /// </summary>
    public class StreamLink : IByteLink
    {
        private readonly Stream _stream;
        private readonly ReceiveBuffer _received = new ReceiveBuffer();
        private readonly byte[] _chunk = new byte[4096];
        private Task<int>? _pending;
        private volatile bool _closed;
        private Exception? _failure;

        public StreamLink(Stream stream, string description, int bytesPerSecond = 0)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (!stream.CanRead || !stream.CanWrite) throw new ArgumentException("A link needs a stream that reads and writes.", nameof(stream));
            Description = description;
            BytesPerSecond = bytesPerSecond;
            _pending = StartRead();
        }

        public string Description { get; }

        public int BytesPerSecond { get; }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_closed || _failure != null) throw new LinkClosedException(Description, _failure);
            try
            {
                var bytes = data.ToArray();
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush();
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException || ex is TimeoutException)
            {
                throw new LinkClosedException(Description, ex);
            }
        }

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            if (destination.Length == 0) return 0;
            if (_received.Count > 0) return _received.Take(destination);
            if (_closed || _failure != null || _pending is null) throw new LinkClosedException(Description, _failure);
            bool done;
            try
            {
                done = _pending.Wait(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
            }
            catch (AggregateException ex)
            {
                _failure = ex.InnerException ?? ex;
                throw new LinkClosedException(Description, _closed ? null : _failure);
            }
            if (!done) return 0;
            var n = _pending.Result;
            if (n <= 0)
            {
                _pending = null;
                throw new LinkClosedException(Description);
            }
            _received.Append(_chunk.AsSpan(0, n));
            _pending = StartRead();
            return _received.Take(destination);
        }

        public void DiscardInput()
        {
            _received.Clear();
            // A read that has completed holds bytes received already: they go too.
            while (_pending is { IsCompleted: true, Status: TaskStatus.RanToCompletion } done && done.Result > 0)
                _pending = StartRead();
        }

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            Close();
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases the stream; a pending read then ends.</summary>
        protected virtual void Close() => _stream.Dispose();

        private Task<int> StartRead()
        {
            try
            {
                return _stream.ReadAsync(_chunk, 0, _chunk.Length, CancellationToken.None);
            }
            catch (Exception ex) when (ex is IOException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                return Task.FromException<int>(ex);
            }
        }

        public override string ToString() => Description;
    }
}
