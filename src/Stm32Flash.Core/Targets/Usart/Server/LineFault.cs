using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// One fault on a line: what, and where it strikes. <see cref="Position"/> counts from 0 the bytes the host sends (the
    /// kinds ending in ToDevice, <see cref="LineFaultKind.BusyTarget"/>, and <see cref="LineFaultKind.Unplug"/>), the bytes the
    /// device sends (those ending in ToHost), or the ACK bytes (0x79) the device sends (<see cref="LineFaultKind.AckDamagedToNack"/>,
    /// <see cref="LineFaultKind.LateAck"/>).
    /// </summary>
    public sealed class LineFault
    {
        public LineFault(LineFaultKind kind, long position, byte value = 0x01, TimeSpan duration = default)
        {
            if (position < 0) throw new ArgumentOutOfRangeException(nameof(position), "Positions are counted from 0.");
            if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "A duration cannot be negative.");
            if (kind == LineFaultKind.DamageToDevice || kind == LineFaultKind.DamageToHost)
            {
                if (value == 0) throw new ArgumentOutOfRangeException(nameof(value), "Damage flips at least one bit: the mask cannot be 0.");
            }
            Kind = kind;
            Position = position;
            Value = value;
            Duration = duration;
        }

        public LineFaultKind Kind { get; }

        public long Position { get; }

        /// <summary>The byte inserted, or the bits flipped by damage.</summary>
        public byte Value { get; }

        /// <summary>How late an ACK comes, or how long the target stays busy.</summary>
        public TimeSpan Duration { get; }

        /// <summary>True for faults counted in the bytes the device sends.</summary>
        public bool CountsDeviceBytes => Kind == LineFaultKind.DropToHost || Kind == LineFaultKind.DamageToHost || Kind == LineFaultKind.InsertToHost;

        /// <summary>True for faults counted in the ACKs the device sends.</summary>
        public bool CountsAcks => Kind == LineFaultKind.AckDamagedToNack || Kind == LineFaultKind.LateAck;

        public override string ToString()
        {
            var where = CountsAcks ? $"ACK #{Position}" : CountsDeviceBytes ? $"device byte #{Position}" : $"host byte #{Position}";
            return Kind switch
            {
                LineFaultKind.DamageToDevice or LineFaultKind.DamageToHost => $"{Kind} (XOR 0x{Value:X2}) at {where}",
                LineFaultKind.InsertToDevice or LineFaultKind.InsertToHost => $"{Kind} (0x{Value:X2}) before {where}",
                LineFaultKind.LateAck or LineFaultKind.BusyTarget => $"{Kind} ({Duration.TotalMilliseconds:0} ms) at {where}",
                _ => $"{Kind} at {where}",
            };
        }
    }
}
