using System;
using System.Diagnostics;
using System.Threading;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A link whose receive side runs on its own thread: it always has a read pending, so that bytes are taken from the OS as
    /// soon as they arrive, and buffers them for <see cref="ReadSome"/>. Derived classes supply blocking receive and send.
    /// </summary>
    public abstract class PumpedLink : IByteLink
    {
        private readonly object _gate = new object();
        private byte[] _buffer = new byte[4096];
        private int _head;
        private int _count;
        private Thread? _pump;
        private volatile bool _closing;
        private bool _ended;
        private Exception? _failure;
        private int _disposed;

        protected PumpedLink(string description, int bytesPerSecond)
        {
            Description = description;
            BytesPerSecond = bytesPerSecond;
        }

        public string Description { get; }

        public int BytesPerSecond { get; }

        /// <summary>Bytes received so far.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Bytes sent so far.</summary>
        public long BytesSent { get; private set; }

        protected bool IsClosing => _closing;

        /// <summary>Starts the receive thread; call once the derived class is ready to receive.</summary>
        protected void StartPump()
        {
            _pump = new Thread(Pump) { IsBackground = true, Name = "Stm32Flash link " + Description };
            _pump.Start();
        }

        /// <summary>Blocks until bytes arrive and returns how many; 0 at the end of the stream; -1 to be called again (nothing yet, not closed).</summary>
        protected abstract int Receive(byte[] buffer);

        protected abstract void Send(ReadOnlySpan<byte> data);

        /// <summary>Called first when disposing; must make a blocked <see cref="Receive"/> return or throw soon.</summary>
        protected abstract void Close();

        /// <summary>Called last when disposing, once the receive thread has stopped.</summary>
        protected virtual void Release()
        {
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_closing) throw new LinkClosedException(Description);
            lock (_gate)
            {
                if (_failure != null || _ended) throw new LinkClosedException(Description, _failure);
            }
            try
            {
                Send(data);
            }
            catch (Exception ex) when (!(ex is LinkClosedException))
            {
                throw new LinkClosedException(Description, ex);
            }
            BytesSent += data.Length;
        }

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            if (destination.Length == 0) return 0;
            var watch = Stopwatch.StartNew();
            lock (_gate)
            {
                while (_count == 0)
                {
                    if (_failure != null || _ended || _closing) throw new LinkClosedException(Description, _failure);
                    var left = timeout - watch.Elapsed;
                    if (left <= TimeSpan.Zero) return 0;
                    Monitor.Wait(_gate, left);
                }
                var n = Math.Min(_count, destination.Length);
                _buffer.AsSpan(_head, n).CopyTo(destination);
                _head += n;
                _count -= n;
                if (_count == 0) _head = 0;
                return n;
            }
        }

        public void DiscardInput()
        {
            lock (_gate)
            {
                _head = 0;
                _count = 0;
            }
        }

        private void Pump()
        {
            var chunk = new byte[4096];
            while (!_closing)
            {
                int n;
                try
                {
                    n = Receive(chunk);
                }
                catch (Exception ex)
                {
                    lock (_gate)
                    {
                        if (!_closing) _failure = ex;
                        _ended = true;
                        Monitor.PulseAll(_gate);
                    }
                    return;
                }
                if (n < 0) continue;
                lock (_gate)
                {
                    if (n == 0)
                    {
                        _ended = true;
                        Monitor.PulseAll(_gate);
                        return;
                    }
                    Append(chunk, n);
                    BytesReceived += n;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void Append(byte[] data, int n)
        {
            if (_head + _count + n > _buffer.Length)
            {
                if (_count + n > _buffer.Length)
                {
                    var bigger = new byte[Math.Max(_buffer.Length * 2, _count + n)];
                    Array.Copy(_buffer, _head, bigger, 0, _count);
                    _buffer = bigger;
                }
                else
                {
                    Array.Copy(_buffer, _head, _buffer, 0, _count);
                }
                _head = 0;
            }
            Array.Copy(data, 0, _buffer, _head + _count, n);
            _count += n;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _closing = true;
            try
            {
                Close();
            }
            finally
            {
                lock (_gate) Monitor.PulseAll(_gate);
                if (_pump != null && _pump != Thread.CurrentThread) _pump.Join(TimeSpan.FromSeconds(2));
                Release();
            }
            GC.SuppressFinalize(this);
        }

        public override string ToString() => Description;
    }
}
