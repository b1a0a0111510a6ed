using System;

namespace Stm32Flash.Planning
{
    /// <summary>The planner refused the input; nothing was sent to the device.</summary>
    public sealed class FlashPlanException : Exception
    {
        public FlashPlanException(FlashPlanError error, string message, Segment? segment = null, int? segmentNumber = null, uint? address = null)
            : base(message)
        {
            Error = error;
            Segment = segment;
            SegmentNumber = segmentNumber;
            Address = address;
        }

        public FlashPlanError Error { get; }

        /// <summary>The input segment at fault, when one is.</summary>
        public Segment? Segment { get; }

        /// <summary>1-based position of that segment in the input.</summary>
        public int? SegmentNumber { get; }

        public uint? Address { get; }
    }
}
