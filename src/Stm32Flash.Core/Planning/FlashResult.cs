using System;
using System.Collections.Generic;
using Stm32Flash.Devices;

namespace Stm32Flash.Planning
{
    /// <summary>What a plan did on the device.</summary>
    public sealed class FlashResult
    {
        internal FlashResult(FlashPlan plan, IReadOnlyList<AddressRange> erased, IReadOnlyList<AddressRange> programmed, IReadOnlyList<AddressRange> verified,
            IReadOnlyList<FlashPage> skippedPages, int chunksWritten, long bytesWritten, TimeSpan elapsed)
        {
            Plan = plan;
            Erased = erased;
            Programmed = programmed;
            Verified = verified;
            SkippedPages = skippedPages;
            ChunksWritten = chunksWritten;
            BytesWritten = bytesWritten;
            Elapsed = elapsed;
        }

        public FlashPlan Plan { get; }

        public IReadOnlyList<AddressRange> Erased { get; }

        public IReadOnlyList<AddressRange> Programmed { get; }

        public IReadOnlyList<AddressRange> Verified { get; }

        /// <summary>Pages left alone because they already matched (incremental mode).</summary>
        public IReadOnlyList<FlashPage> SkippedPages { get; }

        public int ChunksWritten { get; }

        public long BytesWritten { get; }

        public TimeSpan Elapsed { get; }
    }
}
