using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>
    /// Two connected in-memory streams: what one end writes, the other reads. Read blocks until data comes or either end is
    /// disposed; ReadAsync is truly asynchronous (it holds no thread while it waits), as a serial port's is.
    /// </summary>
    public static class DuplexPipe
    {
        public static (Stream A, Stream B) Create()
        {
            var ab = new Channel();
            var ba = new Channel();
            return (new End(ba, ab), new End(ab, ba));
        }

        private sealed class Channel
        {
            public readonly Queue<byte> Bytes = new Queue<byte>();
            public bool Closed;
            public (TaskCompletionSource<int> Done, byte[] Buffer, int Offset, int Count)? Waiting;

            // Completes a waiting ReadAsync with what has come (called under the lock).
            public void Serve()
            {
                if (Waiting is not { } w || (Bytes.Count == 0 && !Closed)) return;
                Waiting = null;
                var n = 0;
                while (n < w.Count && Bytes.Count > 0) w.Buffer[w.Offset + n++] = Bytes.Dequeue();
                w.Done.TrySetResult(n);
            }
        }

        private sealed class End : Stream
        {
            private readonly Channel _in;
            private readonly Channel _out;

            public End(Channel input, Channel output)
            {
                _in = input;
                _out = output;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                lock (_in)
                {
                    while (_in.Bytes.Count == 0 && !_in.Closed) Monitor.Wait(_in);
                    var n = 0;
                    while (n < count && _in.Bytes.Count > 0) buffer[offset + n++] = _in.Bytes.Dequeue();
                    return n;
                }
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                lock (_in)
                {
                    if (_in.Waiting != null) throw new InvalidOperationException("One read at a time.");
                    _in.Waiting = (new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously), buffer, offset, count);
                    var task = _in.Waiting.Value.Done.Task;
                    _in.Serve();
                    return task;
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                lock (_out)
                {
                    if (_out.Closed) throw new IOException("The other end of the pipe is closed.");
                    for (var i = 0; i < count; i++) _out.Bytes.Enqueue(buffer[offset + i]);
                    Monitor.PulseAll(_out);
                    _out.Serve();
                }
            }

            protected override void Dispose(bool disposing)
            {
                foreach (var c in new[] { _in, _out })
                {
                    lock (c)
                    {
                        c.Closed = true;
                        Monitor.PulseAll(c);
                        c.Serve();
                    }
                }
                base.Dispose(disposing);
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
        }
    }
}
