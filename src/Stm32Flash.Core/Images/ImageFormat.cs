namespace Stm32Flash.Images
{
    /// <summary>File formats a firmware image can be read from or written to.</summary>
    public enum ImageFormat
    {
        /// <summary>Intel HEX (I8HEX, I16HEX with 02 records, I32HEX with 04 records).</summary>
        IntelHex,

        /// <summary>Motorola S-record (S19, S28, S37).</summary>
        SRecord,

        /// <summary>ELF32 or ELF64, little-endian: PT_LOAD segments at their physical (load) addresses. Read only.</summary>
        Elf,

        /// <summary>Raw bytes at an address given by the caller.</summary>
        Binary,

        /// <summary>
        /// A .dfu file: ST's DfuSe container (targets of address/size elements), or a plain DFU file (data and a DFU
        /// suffix, loaded at a given address like a raw binary). The suffix CRC is checked. Written as DfuSe.
        /// </summary>
        Dfu,
    }
}
