using System;

namespace Stm32Flash
{
    /// <summary>A contiguous run of bytes at an address: one piece of a firmware image or of device memory.</summary>
    public sealed class Segment
    {
        public Segment(uint address, byte[] data, SegmentSource? source = null)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            if ((ulong)address + (ulong)data.LongLength > AddressRange.AddressSpaceEnd)
                throw new ArgumentOutOfRangeException(nameof(data),
                    $"A segment of {data.LongLength} bytes at 0x{address:X8} would run past the 4 GiB address space.");
            Address = address;
            Data = data;
            Source = source ?? SegmentSource.Memory;
        }

        public uint Address { get; }

        public byte[] Data { get; }

        public int Length => Data.Length;

        /// <summary>First address after the segment (exclusive); 0x1_0000_0000 for a segment that ends the address space.</summary>
        public ulong EndAddress => (ulong)Address + (ulong)Data.LongLength;

        public SegmentSource Source { get; }

        public AddressRange Range => new AddressRange(Address, EndAddress);

        public override string ToString() =>
            $"0x{Address:X8}..0x{EndAddress:X8} ({Length} bytes) from {Source}";
    }
}
