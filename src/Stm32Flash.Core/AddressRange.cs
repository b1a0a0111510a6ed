using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash
{
    /// <summary>A half-open address range [Start, End) in the 32-bit address space.</summary>
    public readonly struct AddressRange : IEquatable<AddressRange>, IComparable<AddressRange>
    {
        public const ulong AddressSpaceEnd = 0x1_0000_0000UL;

        public AddressRange(uint start, ulong end)
        {
            if (end < start || end > AddressSpaceEnd)
                throw new ArgumentOutOfRangeException(nameof(end), $"Range end 0x{end:X} is not within 0x{start:X8}..0x100000000.");
            Start = start;
            End = end;
        }

        public static AddressRange FromLength(uint start, long length) => new AddressRange(start, (ulong)start + (ulong)length);

        public uint Start { get; }

        /// <summary>First address after the range.</summary>
        public ulong End { get; }

        public long Length => (long)(End - Start);

        public bool IsEmpty => End == Start;

        public bool Contains(uint address) => address >= Start && address < End;

        public bool Contains(AddressRange other) => other.Start >= Start && other.End <= End;

        public bool Overlaps(AddressRange other) => other.Start < End && Start < other.End;

        public bool Touches(AddressRange other) => other.Start <= End && Start <= other.End;

        public AddressRange Intersect(AddressRange other)
        {
            var start = Math.Max(Start, other.Start);
            var end = Math.Min(End, other.End);
            return end <= start ? new AddressRange(start, start) : new AddressRange(start, end);
        }

        /// <summary>Sorts and joins touching or overlapping ranges.</summary>
        public static IReadOnlyList<AddressRange> Coalesce(IEnumerable<AddressRange> ranges)
        {
            var result = new List<AddressRange>();
            foreach (var r in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start))
            {
                if (result.Count > 0 && result[result.Count - 1].End >= r.Start)
                {
                    var last = result[result.Count - 1];
                    result[result.Count - 1] = new AddressRange(last.Start, Math.Max(last.End, r.End));
                }
                else
                {
                    result.Add(r);
                }
            }
            return result;
        }

        public static string Describe(IEnumerable<AddressRange> ranges)
        {
            var list = ranges.ToList();
            return list.Count == 0 ? "none" : string.Join(", ", list.Select(r => r.ToString()));
        }

        public int CompareTo(AddressRange other) => Start != other.Start ? Start.CompareTo(other.Start) : End.CompareTo(other.End);

        public bool Equals(AddressRange other) => Start == other.Start && End == other.End;

        public override bool Equals(object? obj) => obj is AddressRange r && Equals(r);

        public override int GetHashCode() => unchecked((int)Start * 397) ^ End.GetHashCode();

        public static bool operator ==(AddressRange a, AddressRange b) => a.Equals(b);

        public static bool operator !=(AddressRange a, AddressRange b) => !a.Equals(b);

        public override string ToString() => $"0x{Start:X8}..0x{End:X8}";
    }
}
