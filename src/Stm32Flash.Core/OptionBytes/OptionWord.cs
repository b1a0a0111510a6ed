namespace Stm32Flash.OptionBytes
{
    /// <summary>One raw 32-bit word of the option bytes, as Get-Stm32OptionByte -Raw shows it.</summary>
    public sealed class OptionWord
    {
        public OptionWord(uint address, uint value, AddressRange area)
        {
            Address = address;
            Value = value;
            Area = area;
        }

        public uint Address { get; }

        public uint Value { get; }

        /// <summary>The option-byte area the word is in.</summary>
        public AddressRange Area { get; }

        /// <summary>Bytes from the start of its area.</summary>
        public uint Offset => Address - Area.Start;

        public override string ToString() => $"0x{Address:X8}: 0x{Value:X8}";
    }
}
