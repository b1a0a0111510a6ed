namespace Stm32Flash.Images
{
    /// <summary>Which record an image's start (entry) address came from, so a writer can give it back the same way.</summary>
    public enum StartAddressKind
    {
        /// <summary>Intel HEX record 03: CS:IP, a real-mode segment and offset.</summary>
        SegmentCsIp,

        /// <summary>Intel HEX record 05: a 32-bit linear EIP. Also what an explicit address becomes.</summary>
        LinearEip,

        /// <summary>The address field of an S-record termination record (S7, S8 or S9).</summary>
        SRecord,

        /// <summary>An ELF header's e_entry.</summary>
        ElfEntry,
    }
}
