namespace Stm32Flash.Images
{
    /// <summary>What is wrong with an image file.</summary>
    public enum ImageErrorKind
    {
        /// <summary>A character that cannot be there (not a hex digit, not a record mark).</summary>
        InvalidCharacter,

        BadChecksum,

        UnknownRecordType,

        /// <summary>A record line with an odd number of hex digits.</summary>
        OddDigitCount,

        /// <summary>A record's length field disagrees with its digits, or a record type has the wrong data length.</summary>
        LengthMismatch,

        /// <summary>Records after the end-of-file (Intel HEX 01) or termination (S7/S8/S9) record.</summary>
        DataAfterEnd,

        /// <summary>No Intel HEX end-of-file record: the file may be truncated.</summary>
        MissingEnd,

        /// <summary>Data that would lie past the 4 GiB address space.</summary>
        AddressOverflow,

        /// <summary>A binary file (ELF, DfuSe) that ends before a structure it declares.</summary>
        Truncated,

        /// <summary>A magic number, signature or field value the format does not allow.</summary>
        BadStructure,

        /// <summary>The DFU suffix CRC does not match the file.</summary>
        BadCrc,

        /// <summary>An S-record count record (S5/S6) that disagrees with the number of data records.</summary>
        CountMismatch,

        /// <summary>Two records put different bytes at the same address.</summary>
        ConflictingOverlap,

        /// <summary>Two start-address records with different values.</summary>
        ConflictingStartAddress,

        /// <summary>A raw binary file read without an address.</summary>
        MissingAddress,

        /// <summary>A feature of the format this reader does not handle (e.g. big-endian ELF).</summary>
        Unsupported,

        /// <summary>A segment too large for one .NET array (2 GiB).</summary>
        SegmentTooLarge,

        /// <summary>A file that holds no data: empty, only control records, no PT_LOAD with bytes.</summary>
        Empty,

        /// <summary>Text that no image format reads (UTF-16 text, an HTML page, lines that are not records), which would otherwise be taken for raw binary.</summary>
        NotAnImage,
    }
}
