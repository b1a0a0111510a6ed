using System;
using System.Collections.Generic;
using System.Threading;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// The device's end of a line with one fault on it, for testing how a host copes: it counts the bytes that pass each way
    /// and, at the fault's position, drops, damages or inserts a byte, turns an ACK into a NACK, holds an ACK back, goes
    /// busy, or closes the line. Without a fault it only counts, which tells where faults can strike.
    /// </summary>
    public sealed class LineFaultLink : IByteLink
    {
        private const byte Ack = 0x79;
        private const byte Nack = 0x1F;
        private readonly IByteLink _inner;
        private readonly Queue<byte> _ready = new Queue<byte>();
        private readonly byte[] _buffer = new byte[512];
        private long _hostBytes;
        private long _deviceBytes;
        private long _acks;
        private int _fired;
        private volatile LineFault? _fault;
        private long _hostBase;
        private long _deviceBase;
        private long _ackBase;

        public LineFaultLink(IByteLink inner, LineFault? fault = null)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
            _fault = fault;
        }

        public LineFault? Fault => _fault;

        /// <summary>Sets the fault to strike, its position counted from the bytes and ACKs that have passed so far.</summary>
        public void Arm(LineFault fault)
        {
            Interlocked.Exchange(ref _hostBase, HostBytes);
            Interlocked.Exchange(ref _deviceBase, DeviceBytes);
            Interlocked.Exchange(ref _ackBase, Acks);
            Volatile.Write(ref _fired, 0);
            _fault = fault ?? throw new ArgumentNullException(nameof(fault));
        }

        /// <summary>True once the fault has struck.</summary>
        public bool Fired => Volatile.Read(ref _fired) == 1;

        /// <summary>Bytes from the host that reached this end (before the fault's changes).</summary>
        public long HostBytes => Interlocked.Read(ref _hostBytes);

        /// <summary>Bytes the device sent (before the fault's changes).</summary>
        public long DeviceBytes => Interlocked.Read(ref _deviceBytes);

        /// <summary>ACK bytes the device sent.</summary>
        public long Acks => Interlocked.Read(ref _acks);

        public string Description => _inner.Description + (Fault is null ? "" : $", {Fault}");

        public int BytesPerSecond => _inner.BytesPerSecond;

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            while (_ready.Count == 0)
            {
                var n = _inner.ReadSome(_buffer, timeout);
                if (n == 0) return 0;
                for (var i = 0; i < n && Receive(_buffer[i]); i++)
                {
                }
            }
            var count = 0;
            while (count < destination.Length && _ready.Count > 0) destination[count++] = _ready.Dequeue();
            return count;
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            var output = new List<byte>(data.Length + 1);
            foreach (var b in data)
            {
                var position = Interlocked.Increment(ref _deviceBytes) - 1;
                var ackPosition = b == Ack ? Interlocked.Increment(ref _acks) - 1 : -1;
                if (Strikes(f => f.CountsDeviceBytes && f.Position == position - Interlocked.Read(ref _deviceBase)))
                {
                    switch (_fault!.Kind)
                    {
                        case LineFaultKind.DropToHost: continue;
                        case LineFaultKind.DamageToHost: output.Add((byte)(b ^ _fault.Value)); continue;
                        default: output.Add(_fault.Value); break;
                    }
                }
                else if (ackPosition >= 0 && Strikes(f => f.CountsAcks && f.Position == ackPosition - Interlocked.Read(ref _ackBase)))
                {
                    if (_fault!.Kind == LineFaultKind.AckDamagedToNack)
                    {
                        output.Add(Nack);
                        continue;
                    }
                    Flush(output);
                    Thread.Sleep(_fault.Duration);
                }
                output.Add(b);
            }
            Flush(output);
        }

        public void DiscardInput()
        {
            _ready.Clear();
            _inner.DiscardInput();
        }

        public void Dispose() => _inner.Dispose();

        // Takes one byte from the host; false when the rest of what was read with it is lost.
        private bool Receive(byte b)
        {
            var position = Interlocked.Increment(ref _hostBytes) - 1;
            if (!Strikes(f => !f.CountsDeviceBytes && !f.CountsAcks && f.Position == position - Interlocked.Read(ref _hostBase)))
            {
                _ready.Enqueue(b);
                return true;
            }
            switch (_fault!.Kind)
            {
                case LineFaultKind.DropToDevice:
                    return true;
                case LineFaultKind.DamageToDevice:
                    _ready.Enqueue((byte)(b ^ _fault.Value));
                    return true;
                case LineFaultKind.InsertToDevice:
                    _ready.Enqueue(_fault.Value);
                    _ready.Enqueue(b);
                    return true;
                case LineFaultKind.BusyTarget:
                    // The device stops reading; what arrives meanwhile (this byte included) overruns its receiver and is lost.
                    _ready.Clear();
                    Thread.Sleep(_fault.Duration);
                    while (_inner.ReadSome(_buffer, TimeSpan.Zero) > 0)
                    {
                    }
                    return false;
                default:
                    _inner.Dispose();
                    throw new LinkClosedException(_inner.Description);
            }
        }

        private bool Strikes(Func<LineFault, bool> at) =>
            _fault is LineFault fault && at(fault) && Interlocked.CompareExchange(ref _fired, 1, 0) == 0;

        private void Flush(List<byte> output)
        {
            if (output.Count == 0) return;
            _inner.Write(output.ToArray());
            output.Clear();
        }
    }
}
