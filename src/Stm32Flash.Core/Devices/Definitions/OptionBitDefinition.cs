namespace Stm32Flash.Devices.Definitions
{
    /// <summary>One option bit that chooses the flash layout (DBANK, DB1M, DUAL_BANK, nDBANK), where the bootloader reads it.</summary>
    public sealed class OptionBitDefinition
    {
        public OptionBitDefinition(string name, uint address, int bit, int factory, string? source)
        {
            Name = name;
            Address = address;
            Bit = bit;
            Factory = factory;
            Source = source;
        }

        public string Name { get; }

        /// <summary>The 32-bit little-endian word that holds the bit, as the bootloader's Read Memory addresses it.</summary>
        public uint Address { get; }

        public int Bit { get; }

        /// <summary>The value a factory-fresh chip has.</summary>
        public int Factory { get; }

        public string? Source { get; }

        public int ValueIn(uint word) => (int)((word >> Bit) & 1);

        public uint Apply(uint word, int value) => value != 0 ? word | (1u << Bit) : word & ~(1u << Bit);

        public override string ToString() => $"{Name} (bit {Bit} of 0x{Address:X8})";
    }
}
