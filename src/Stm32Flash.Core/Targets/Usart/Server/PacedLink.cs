using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Makes a fast link behave like a serial line of a given baud rate, seen from the device's side: it keeps the time each
    /// received byte would have finished arriving on the wire, and hands an answer over only when it would have finished
    /// going out, having started after the last byte received (plus an optional latency per answer, such as a USB-serial
    /// adapter's latency timer). The first byte goes ahead of the rest, as an ACK does ahead of the data it precedes. Each
    /// direction is its own wire, as on a UART. Only answers wait, so a device that reads a block byte by byte costs no
    /// time per byte.
    /// </summary>
    public sealed class PacedLink : IByteLink
    {
        private readonly IByteLink _inner;
        private readonly long _byteTicks;
        private readonly long _latencyTicks;
        private long _inFreeAt;
        private long _outFreeAt;

        /// <summary>Paces <paramref name="inner"/> at <paramref name="baudRate"/>, with <paramref name="bitsPerByte"/> bits per byte on the wire
        /// (11 for 8E1: start, 8 data, parity, stop; 10 for 8N1) and <paramref name="latency"/> added before each write.
        /// A baud rate of 0 adds the latency only.</summary>
        public PacedLink(IByteLink inner, int baudRate, int bitsPerByte = 11, TimeSpan latency = default)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            if (baudRate < 0) throw new ArgumentOutOfRangeException(nameof(baudRate), "The baud rate cannot be negative.");
            if (bitsPerByte < 7 || bitsPerByte > 13) throw new ArgumentOutOfRangeException(nameof(bitsPerByte));
            if (latency < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(latency), "The latency cannot be negative.");
            BaudRate = baudRate;
            BitsPerByte = bitsPerByte;
            Latency = latency;
            _byteTicks = baudRate == 0 ? 0 : LineClock.Ticks(TimeSpan.FromSeconds((double)bitsPerByte / baudRate));
            _latencyTicks = LineClock.Ticks(latency);
        }

        public int BaudRate { get; }

        public int BitsPerByte { get; }

        public TimeSpan Latency { get; }

        public string Description => _inner.Description + (BaudRate > 0 ? $", paced at {BaudRate} baud ({BitsPerByte} bits per byte)" : "") +
            (Latency > TimeSpan.Zero ? $", {Latency.TotalMilliseconds:0.###} ms latency" : "");

        public int BytesPerSecond => BaudRate / BitsPerByte;

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            var n = _inner.ReadSome(destination, timeout);
            if (n > 0) _inFreeAt = Math.Max(_inFreeAt, LineClock.Now) + n * _byteTicks;
            return n;
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            var start = Math.Max(Math.Max(_outFreeAt, _inFreeAt), LineClock.Now) + _latencyTicks;
            _outFreeAt = start + data.Length * _byteTicks;
            if (data.Length > 1)
            {
                LineClock.WaitUntil(start + _byteTicks);
                _inner.Write(data.Slice(0, 1));
                data = data.Slice(1);
            }
            LineClock.WaitUntil(_outFreeAt);
            _inner.Write(data);
        }

        public void DiscardInput() => _inner.DiscardInput();

        public void Dispose() => _inner.Dispose();
    }
}
