using System;

namespace Stm32Flash.Images
{
    /// <summary>Two segments given to a writer put different bytes at the same address.</summary>
    public sealed class SegmentConflictException : Exception
    {
        public SegmentConflictException(uint address, Segment first, byte firstValue, Segment second, byte secondValue)
            : base($"Segments overlap with different bytes at 0x{address:X8}: {first} has 0x{firstValue:X2} there, {second} has 0x{secondValue:X2}.")
        {
            Address = address;
            First = first;
            FirstValue = firstValue;
            Second = second;
            SecondValue = secondValue;
        }

        public uint Address { get; }

        public Segment First { get; }

        public byte FirstValue { get; }

        public Segment Second { get; }

        public byte SecondValue { get; }
    }
}
