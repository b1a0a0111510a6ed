using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Images.Writing
{
    /// <summary>
    /// Segments in address order as disjoint pieces, without copying their bytes. Bytes covered twice must be
    /// identical (they are written once); the check is O(n log n) plus the overlapping bytes.
    /// </summary>
    internal static class PieceList
    {
        public static List<Piece> From(IEnumerable<Segment> segments)
        {
            var ordered = segments.Select((s, i) => (Segment: s, Index: i))
                .Where(x => x.Segment.Length > 0)
                .OrderBy(x => x.Segment.Address).ThenBy(x => x.Index)
                .Select(x => x.Segment);
            var pieces = new List<Piece>();
            ulong covered = 0;
            foreach (var segment in ordered)
            {
                var start = (ulong)segment.Address;
                if (pieces.Count > 0 && start < covered)
                {
                    // Everything written so far from start on is one contiguous run up to 'covered': compare with it.
                    var overlapEnd = segment.EndAddress < covered ? segment.EndAddress : covered;
                    for (var p = FirstEndingAfter(pieces, start); p < pieces.Count && pieces[p].Address < overlapEnd; p++)
                        Compare(pieces[p], segment, start, overlapEnd);
                }
                if (segment.EndAddress > covered || pieces.Count == 0)
                {
                    var from = pieces.Count > 0 && covered > start ? covered : start;
                    pieces.Add(new Piece(segment, (int)(from - start), (int)(segment.EndAddress - from)));
                    covered = segment.EndAddress;
                }
            }
            return pieces;
        }

        private static void Compare(Piece earlier, Segment later, ulong from, ulong to)
        {
            var lo = from > earlier.Address ? from : earlier.Address;
            var hi = to < earlier.End ? to : earlier.End;
            for (var a = lo; a < hi; a++)
            {
                var x = earlier.Segment.Data[a - earlier.Segment.Address];
                var y = later.Data[a - later.Address];
                if (x != y) throw new SegmentConflictException((uint)a, earlier.Segment, x, later, y);
            }
        }

        private static int FirstEndingAfter(List<Piece> pieces, ulong address)
        {
            int lo = 0, hi = pieces.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (pieces[mid].End <= address) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
