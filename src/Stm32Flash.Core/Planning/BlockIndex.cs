using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Planning
{
    /// <summary>A plan's blocks in address order, to find those in a range by binary search (blocks never overlap).</summary>
    internal sealed class BlockIndex
    {
        private readonly ProgramBlock[] _blocks;

        public BlockIndex(IEnumerable<ProgramBlock> blocks) => _blocks = blocks.OrderBy(b => b.Address).ToArray();

        /// <summary>The blocks with at least one byte in the range, in address order.</summary>
        public IEnumerable<ProgramBlock> Overlapping(AddressRange range)
        {
            for (var i = FirstEndingAfter(range.Start); i < _blocks.Length && _blocks[i].Address < range.End; i++)
            {
                if (_blocks[i].Range.Overlaps(range)) yield return _blocks[i];
            }
        }

        /// <summary>The block that holds the whole range, or null.</summary>
        public ProgramBlock? Containing(AddressRange range)
        {
            var i = FirstEndingAfter(range.Start);
            return i < _blocks.Length && _blocks[i].Range.Contains(range) ? _blocks[i] : null;
        }

        // The first block whose end lies past the address (ends rise with addresses, since blocks do not overlap).
        private int FirstEndingAfter(uint address)
        {
            int lo = 0, hi = _blocks.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (_blocks[mid].Range.End <= address) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }
}
