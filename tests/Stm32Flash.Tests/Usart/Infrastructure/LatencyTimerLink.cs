using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>
    /// The host's end of a USB-serial adapter with a latency timer (an FTDI chip's is 16 ms by default): bytes from the
    /// device reach the host only when the timer next expires, so a steady stream of answers arrives in bursts with silent
    /// gaps between them.
    /// </summary>
    public sealed class LatencyTimerLink : IByteLink
    {
        private readonly IByteLink _inner;
        private readonly long _periodTicks;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Queue<(byte Value, long ReleasedAt)> _pending = new Queue<(byte, long)>();
        private readonly byte[] _chunk = new byte[512];

        public LatencyTimerLink(IByteLink inner, TimeSpan period, int bytesPerSecond)
        {
            _inner = inner;
            _periodTicks = period.Ticks;
            BytesPerSecond = bytesPerSecond;
        }

        public string Description => _inner.Description + $" behind a {TimeSpan.FromTicks(_periodTicks).TotalMilliseconds:0} ms latency timer";

        public int BytesPerSecond { get; }

        public void Write(ReadOnlySpan<byte> data) => _inner.Write(data);

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            var deadline = Now + timeout.Ticks;
            while (true)
            {
                Collect(TimeSpan.Zero);
                var n = 0;
                while (n < destination.Length && _pending.Count > 0 && _pending.Peek().ReleasedAt <= Now) destination[n++] = _pending.Dequeue().Value;
                if (n > 0) return n;
                var now = Now;
                if (now >= deadline) return 0;
                if (_pending.Count > 0) Thread.Sleep(TimeSpan.FromTicks(Math.Min(_pending.Peek().ReleasedAt, deadline) - now));
                else Collect(TimeSpan.FromTicks(deadline - now));
            }
        }

        public void DiscardInput()
        {
            Collect(TimeSpan.Zero);
            _pending.Clear();
            _inner.DiscardInput();
        }

        public void Dispose() => _inner.Dispose();

        private long Now => _clock.Elapsed.Ticks;

        private void Collect(TimeSpan wait)
        {
            var n = _inner.ReadSome(_chunk, wait);
            if (n == 0) return;
            var releasedAt = (Now / _periodTicks + 1) * _periodTicks;
            for (var i = 0; i < n; i++) _pending.Enqueue((_chunk[i], releasedAt));
        }
    }
}
