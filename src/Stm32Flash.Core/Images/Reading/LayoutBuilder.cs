using System.Collections.Generic;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// First pass: collects where the data goes as runs of address-contiguous chunks (a file written in order is
    /// one run per segment), then turns them into the exact segment layout, gaps and multiply-covered regions.
    /// </summary>
    internal sealed class LayoutBuilder : IChunkSink
    {
        /// <summary>Largest byte array .NET allows.</summary>
        public const long MaxSegmentLength = 0x7FFFFFC7;

        private readonly List<Run> _runs = new List<Run>();

        public int RunCount => _runs.Count;

        public void Chunk(ulong address, long length, long position, int column)
        {
            if (length <= 0) return;
            var last = _runs.Count - 1;
            if (last >= 0 && _runs[last].End == address)
            {
                var run = _runs[last];
                run.End += (ulong)length;
                run.LastPosition = position;
                _runs[last] = run;
                return;
            }
            _runs.Add(new Run(address, address + (ulong)length, position, column, _runs.Count));
        }

        public LayoutPlan Build(uint maxGap)
        {
            var sorted = _runs.ToArray();
            System.Array.Sort(sorted, (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));

            var segments = new List<PlannedSegment>();
            var overlaps = new List<AddressSpan>();
            PlannedSegment? current = null;
            foreach (var run in sorted)
            {
                if (current != null && run.Start <= current.End + maxGap)
                {
                    if (run.Start < current.End)
                    {
                        var overlapEnd = run.End < current.End ? run.End : current.End;
                        var n = overlaps.Count - 1;
                        if (n >= 0 && overlaps[n].End >= run.Start)
                            overlaps[n] = new AddressSpan(overlaps[n].Start, overlapEnd > overlaps[n].End ? overlapEnd : overlaps[n].End);
                        else
                            overlaps.Add(new AddressSpan(run.Start, overlapEnd));
                    }
                    else if (run.Start > current.End)
                    {
                        current.Gaps.Add(new AddressSpan(current.End, run.Start));
                    }
                    if (run.End > current.End) current.End = run.End;
                    if (run.LastPosition > current.LastPosition) current.LastPosition = run.LastPosition;
                    continue;
                }
                current = new PlannedSegment(run.Start, run.End, run.FirstPosition, run.FirstColumn, run.LastPosition);
                segments.Add(current);
            }
            return new LayoutPlan(segments, overlaps);
        }

        private struct Run
        {
            public Run(ulong start, ulong end, long position, int column, int order)
            {
                Start = start;
                End = end;
                FirstPosition = position;
                FirstColumn = column;
                LastPosition = position;
                Order = order;
            }

            public ulong Start;
            public ulong End;
            public long FirstPosition;
            public int FirstColumn;
            public long LastPosition;
            public int Order;
        }
    }

    internal readonly struct AddressSpan
    {
        public AddressSpan(ulong start, ulong end)
        {
            Start = start;
            End = end;
        }

        public ulong Start { get; }

        public ulong End { get; }

        public ulong Length => End - Start;
    }

    internal sealed class PlannedSegment
    {
        public PlannedSegment(ulong start, ulong end, long firstPosition, int firstColumn, long lastPosition)
        {
            Start = start;
            End = end;
            FirstPosition = firstPosition;
            FirstColumn = firstColumn;
            LastPosition = lastPosition;
        }

        public ulong Start { get; }

        public ulong End { get; set; }

        /// <summary>Where the segment's first byte is in the file.</summary>
        public long FirstPosition { get; }

        public int FirstColumn { get; }

        /// <summary>Position of the last chunk (in file order) that writes into the segment: it is complete after that.</summary>
        public long LastPosition { get; set; }

        /// <summary>Holes joined by MaxGap, to be filled.</summary>
        public List<AddressSpan> Gaps { get; } = new List<AddressSpan>();
    }

    internal sealed class LayoutPlan
    {
        public LayoutPlan(List<PlannedSegment> segments, List<AddressSpan> overlaps)
        {
            Segments = segments;
            Overlaps = overlaps;
        }

        /// <summary>In address order, disjoint.</summary>
        public List<PlannedSegment> Segments { get; }

        /// <summary>Regions written by more than one chunk, in address order, disjoint.</summary>
        public List<AddressSpan> Overlaps { get; }
    }
}
