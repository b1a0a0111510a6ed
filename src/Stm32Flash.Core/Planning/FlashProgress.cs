namespace Stm32Flash.Planning
{
    /// <summary>Where a running plan is: the phase, the step, and bytes done of the bytes the plan moves in all.</summary>
    public sealed class FlashProgress
    {
        public FlashProgress(FlashStepKind phase, FlashStep step, long bytesDone, long bytesTotal, string status)
        {
            Phase = phase;
            Step = step;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            Status = status;
        }

        public FlashStepKind Phase { get; }

        public FlashStep Step { get; }

        public long BytesDone { get; }

        public long BytesTotal { get; }

        public int Percent => BytesTotal <= 0 ? 100 : (int)(BytesDone * 100 / BytesTotal);

        public string Status { get; }
    }
}
