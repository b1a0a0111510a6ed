namespace Stm32Flash.Targets.Dfu
{
    /// <summary>A GETSTATUS answer: bStatus, bwPollTimeout (ms), bState.</summary>
    public readonly struct DfuStatus
    {
        public DfuStatus(int status, int pollTimeoutMs, int state)
        {
            Status = status;
            PollTimeoutMs = pollTimeoutMs;
            State = state;
        }

        public int Status { get; }

        public int PollTimeoutMs { get; }

        public int State { get; }

        public override string ToString() => $"{DfuCodes.StateName(State)}, {DfuCodes.StatusName(Status)}";
    }
}
