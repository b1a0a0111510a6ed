using System.Collections.Generic;

namespace Stm32Flash.Images
{
    /// <summary>How to write an image file.</summary>
    public sealed class ImageWriteOptions
    {
        public const int DefaultIntelHexRecordLength = 16;
        public const int DefaultSRecordRecordLength = 32;
        public const string DefaultDfuTargetName = "ST...";

        public ImageFormat Format { get; set; } = ImageFormat.IntelHex;

        /// <summary>Data bytes per record (Intel HEX 1-255, S-record up to 252/251/250 for S1/S2/S3); 0 for the default.</summary>
        public int RecordLength { get; set; }

        /// <summary>Value of the gap bytes in a binary file.</summary>
        public byte Fill { get; set; } = 0xFF;

        /// <summary>Start address record to write (Intel HEX 03 for a CS:IP start, else 05; S-record S7/S8/S9). Null for none.</summary>
        public StartAddress? StartAddress { get; set; }

        /// <summary>S-record address width: 2 (S1/S9), 3 (S2/S8), 4 (S3/S7), or 0 for the smallest that fits.</summary>
        public int SRecordAddressBytes { get; set; }

        /// <summary>Text of the S-record S0 header; none is written when null.</summary>
        public string? Header { get; set; }

        /// <summary>Line break of the text formats.</summary>
        public string NewLine { get; set; } = "\r\n";

        public ushort DfuVendorId { get; set; } = DfuSeInfo.StVendorId;

        public ushort DfuProductId { get; set; } = DfuSeInfo.StDfuProductId;

        /// <summary>bcdDevice of the DFU suffix; 0xFFFF means any.</summary>
        public ushort DfuDeviceVersion { get; set; } = 0xFFFF;

        /// <summary>
        /// DfuSe targets to sort data into: a piece of data goes to the first target with an element holding its
        /// first address (as read from a .dfu file), otherwise to alternate setting 0 named <see cref="DefaultDfuTargetName"/>.
        /// </summary>
        public IReadOnlyList<DfuSeTarget>? DfuTargets { get; set; }
    }
}
