namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// Which pages a write-protection field protects. Two kinds: one end of an area (the pages from a start field to an end
    /// field of the same bank and area, counted within the bank; none while start is past end), or a mask in which each
    /// clear bit protects a group of pages (F0, F1, F3, F4, F7, H7: nWRP, where a set bit leaves the group writable).
    /// </summary>
    public sealed class OptionFieldProtection
    {
        private OptionFieldProtection(bool isArea, int bank, string area, bool isStart, int firstGroup, int pagesPerBit, bool lastBitToEnd)
        {
            IsArea = isArea;
            Bank = bank;
            Area = area;
            IsStart = isStart;
            FirstGroup = firstGroup;
            PagesPerBit = pagesPerBit;
            LastBitToEnd = lastBitToEnd;
        }

        public static OptionFieldProtection AreaEdge(int bank, string area, bool isStart) => new OptionFieldProtection(true, bank, area, isStart, 0, 0, false);

        public static OptionFieldProtection MaskBits(int firstGroup, int pagesPerBit, bool lastBitToEnd) => new OptionFieldProtection(false, 0, "", false, firstGroup, pagesPerBit, lastBitToEnd);

        /// <summary>A start or end field of a protected area; false for a mask.</summary>
        public bool IsArea { get; }

        /// <summary>The bank whose pages the area counts (1 or 2).</summary>
        public int Bank { get; }

        /// <summary>The area's name within the bank (A, B).</summary>
        public string Area { get; }

        /// <summary>The first page of the area (else its last).</summary>
        public bool IsStart { get; }

        /// <summary>The group (the bootloader's Write Protect sector number) of the mask's bit 0.</summary>
        public int FirstGroup { get; }

        /// <summary>Pages (or sectors) one bit of the mask protects.</summary>
        public int PagesPerBit { get; }

        /// <summary>The mask's top bit protects every page from its group to the end of flash.</summary>
        public bool LastBitToEnd { get; }
    }
}
