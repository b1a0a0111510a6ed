namespace Stm32Flash.Devices
{
    /// <summary>The largest single write and read an interface accepts, in bytes.</summary>
    public sealed class TransferLimits
    {
        public TransferLimits(int maxWrite, int maxRead)
        {
            MaxWrite = maxWrite;
            MaxRead = maxRead;
        }

        public int MaxWrite { get; }

        public int MaxRead { get; }

        public override string ToString() => $"write {MaxWrite} B, read {MaxRead} B";
    }
}
