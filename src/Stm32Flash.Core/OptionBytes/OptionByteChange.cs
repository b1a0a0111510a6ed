namespace Stm32Flash.OptionBytes
{
    /// <summary>One field a change sets: as it is, and as it will be.</summary>
    public sealed class OptionByteChange
    {
        public OptionByteChange(OptionByte before, OptionByte after)
        {
            Before = before;
            After = after;
        }

        public string Name => After.Name;

        public OptionByte Before { get; }

        public OptionByte After { get; }

        public bool Changes => Before.Value != After.Value;

        public override string ToString() =>
            $"{Name}: {Before.ValueText}{(Before.Meaning is null ? "" : $" ({Before.Meaning})")} -> {After.ValueText}{(After.Meaning is null ? "" : $" ({After.Meaning})")}";
    }
}
