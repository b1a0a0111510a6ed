namespace Stm32Flash.Devices
{
    /// <summary>The smallest erasable unit of flash: a page, or a sector on F2/F4/F7/H7 parts.</summary>
    public sealed class FlashPage
    {
        public FlashPage(int number, int bank, uint address, int size)
        {
            Number = number;
            Bank = bank;
            Address = address;
            Size = size;
        }

        /// <summary>The page (or sector) number the bootloader's erase commands take.</summary>
        public int Number { get; }

        /// <summary>1-based bank number.</summary>
        public int Bank { get; }

        public uint Address { get; }

        public int Size { get; }

        public ulong EndAddress => (ulong)Address + (ulong)Size;

        public AddressRange Range => AddressRange.FromLength(Address, Size);

        public override string ToString() => $"page {Number} (bank {Bank}, 0x{Address:X8}, {Size / 1024} KiB)";
    }
}
