using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Second pass: owns the exactly sized, pinned array of every planned segment and lets the parsers decode
    /// straight into them. Bytes in regions that more than one chunk writes go through a checked path that keeps a
    /// bitmap of what is written and compares (or, last-wins, overwrites).
    /// </summary>
    internal sealed unsafe class SegmentFiller : IDisposable
    {
        private readonly Slot[] _slots;
        private readonly Overlap[] _overlaps;
        private readonly OverlapPolicy _policy;
        private readonly IPlaceResolver _places;
        private readonly ImageInfo _image;
        private readonly List<Slot> _byCompletion;
        private int _nextCompletion;
        private Slot? _cachedSlot;

        /// <summary>
        /// A range of one segment with no overlap region in it, where a parser may write directly at
        /// <see cref="CachedBase"/> + (address - <see cref="CachedStart"/>).
        /// </summary>
        public ulong CachedStart;
        public ulong CachedEnd;
        public byte* CachedBase;

        public SegmentFiller(LayoutPlan plan, ImageReadOptions options, IPlaceResolver places, ImageInfo image)
        {
            _policy = options.Overlap;
            _places = places;
            _image = image;
            _slots = new Slot[plan.Segments.Count];
            try
            {
                for (var i = 0; i < _slots.Length; i++)
                {
                    var planned = plan.Segments[i];
                    var length = planned.End - planned.Start;
                    if (planned.End > AddressRange.AddressSpaceEnd)
                        throw new ImageFormatException(ImageErrorKind.AddressOverflow, places.PlaceOf(planned.FirstPosition, planned.FirstColumn, 0),
                            $"data from 0x{planned.Start:X8} runs to 0x{planned.End:X}, past the 4 GiB address space", $"0x{planned.End:X}", "an end at or below 0x100000000");
                    if (length > LayoutBuilder.MaxSegmentLength)
                        throw new ImageFormatException(ImageErrorKind.SegmentTooLarge, places.PlaceOf(planned.FirstPosition, planned.FirstColumn, 0),
                            $"the segment from 0x{planned.Start:X8} to 0x{planned.End:X} is {length} bytes, more than one .NET array holds", $"{length} bytes",
                            $"at most {LayoutBuilder.MaxSegmentLength} bytes (a smaller MaxGap may split it)");
                    _slots[i] = new Slot(planned, options.Fill);
                }
            }
            catch
            {
                Dispose();
                throw;
            }

            _overlaps = new Overlap[plan.Overlaps.Count];
            for (var i = 0; i < _overlaps.Length; i++) _overlaps[i] = new Overlap(plan.Overlaps[i]);
            _byCompletion = new List<Slot>(_slots);
            _byCompletion.Sort((a, b) => a.Planned.LastPosition.CompareTo(b.Planned.LastPosition));
        }

        public bool HasOverlaps => _overlaps.Length > 0;

        /// <summary>
        /// Points the cache at the segment holding [address, address + length) when that range can be written
        /// directly; false when it touches an overlap region and must go through <see cref="WriteChecked"/>.
        /// </summary>
        public bool TryCache(ulong address, long length)
        {
            var slot = FindSlot(address, length);
            var windowStart = slot.Planned.Start;
            var windowEnd = slot.Planned.End;
            if (_overlaps.Length > 0)
            {
                var i = FirstOverlapEndingAfter(address);
                if (i < _overlaps.Length && _overlaps[i].Span.Start < address + (ulong)length) return false;
                if (i < _overlaps.Length && _overlaps[i].Span.Start < windowEnd) windowEnd = _overlaps[i].Span.Start;
                if (i > 0 && _overlaps[i - 1].Span.End > windowStart) windowStart = _overlaps[i - 1].Span.End;
            }
            CachedStart = windowStart;
            CachedEnd = windowEnd;
            CachedBase = slot.Pointer + (windowStart - slot.Planned.Start);
            _cachedSlot = slot;
            return true;
        }

        /// <summary>The array and index for a direct copy of [address, address + length), or null when it must be checked.</summary>
        public byte[]? TryGetArray(ulong address, long length, out int index)
        {
            index = 0;
            if (!TryCache(address, length)) return null;
            var slot = FindSlot(address, length);
            index = (int)(address - slot.Planned.Start);
            return slot.Data;
        }

        /// <summary>Writes bytes that may fall in overlap regions, comparing with what earlier chunks wrote there.</summary>
        public void WriteChecked(ulong address, byte* data, long length, long position, int column)
        {
            var slot = FindSlot(address, length);
            var target = slot.Pointer + (address - slot.Planned.Start);
            var o = FirstOverlapEndingAfter(address);
            for (long i = 0; i < length; i++)
            {
                var a = address + (ulong)i;
                while (o < _overlaps.Length && _overlaps[o].Span.End <= a) o++;
                if (o < _overlaps.Length && _overlaps[o].Span.Start <= a)
                {
                    var overlap = _overlaps[o];
                    var bit = a - overlap.Span.Start;
                    var word = (int)(bit >> 6);
                    var mask = 1UL << (int)(bit & 63);
                    if ((overlap.Written[word] & mask) != 0)
                    {
                        if (target[i] != data[i] && _policy == OverlapPolicy.Error)
                        {
                            // Locating the places rescans the input, which reuses the buffer data points into: take the values first.
                            var value = data[i];
                            var earlierValue = target[i];
                            var place = _places.PlaceOf(position, column, i);
                            var earlier = _places.FindEarlierWriter(a, position);
                            throw new ImageOverlapException(place, earlier, (uint)a, value, earlierValue);
                        }
                    }
                    else
                    {
                        overlap.Written[word] |= mask;
                    }
                }
                target[i] = data[i];
            }
        }

        /// <summary>Segments all of whose chunks are at or before <paramref name="position"/>, in completion order.</summary>
        public IEnumerable<Segment> TakeCompleted(long position)
        {
            while (_nextCompletion < _byCompletion.Count && _byCompletion[_nextCompletion].Planned.LastPosition <= position)
                yield return Complete(_byCompletion[_nextCompletion++]);
        }

        public IEnumerable<Segment> TakeAll() => TakeCompleted(long.MaxValue);

        private Segment Complete(Slot slot)
        {
            slot.Unpin();
            if (slot == _cachedSlot) ClearCache();
            return new Segment((uint)slot.Planned.Start, slot.Data, _places.SourceOf(slot.Planned.FirstPosition, _image));
        }

        private void ClearCache()
        {
            _cachedSlot = null;
            CachedStart = 1;
            CachedEnd = 0;
            CachedBase = null;
        }

        private Slot FindSlot(ulong address, long length)
        {
            int lo = 0, hi = _slots.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                var s = _slots[mid];
                if (address < s.Planned.Start) hi = mid - 1;
                else if (address >= s.Planned.End) lo = mid + 1;
                else
                {
                    if (address + (ulong)length > s.Planned.End || !s.IsPinned)
                        throw new InvalidOperationException($"Internal error: data at 0x{address:X8} (+{length}) is outside the layout of the first pass.");
                    return s;
                }
            }
            throw new InvalidOperationException($"Internal error: data at 0x{address:X8} (+{length}) is outside the layout of the first pass.");
        }

        private int FirstOverlapEndingAfter(ulong address)
        {
            int lo = 0, hi = _overlaps.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (_overlaps[mid].Span.End <= address) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }

        public void Dispose()
        {
            foreach (var slot in _slots) slot?.Unpin();
            ClearCache();
        }

        private sealed class Slot
        {
            private GCHandle _pin;

            public Slot(PlannedSegment planned, byte fill)
            {
                Planned = planned;
                Data = new byte[planned.End - planned.Start];
                foreach (var gap in planned.Gaps)
                    Data.AsSpan((int)(gap.Start - planned.Start), (int)gap.Length).Fill(fill);
                _pin = GCHandle.Alloc(Data, GCHandleType.Pinned);
                Pointer = (byte*)_pin.AddrOfPinnedObject();
            }

            public PlannedSegment Planned { get; }

            public byte[] Data { get; }

            public byte* Pointer { get; }

            public bool IsPinned => _pin.IsAllocated;

            public void Unpin()
            {
                if (_pin.IsAllocated) _pin.Free();
            }
        }

        private sealed class Overlap
        {
            public Overlap(AddressSpan span)
            {
                Span = span;
                Written = new ulong[(span.Length + 63) / 64];
            }

            public AddressSpan Span { get; }

            public ulong[] Written { get; }
        }
    }
}
