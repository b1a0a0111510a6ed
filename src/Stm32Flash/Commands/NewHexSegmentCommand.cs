using System;
using System.Management.Automation;
using System.Text;

namespace Stm32Flash.Commands
{
    /// <summary>Makes a segment from bytes, text or 32-bit words at an address, for Write-Stm32Memory or Export-HexSegment.</summary>
    [Cmdlet(VerbsCommon.New, "HexSegment", DefaultParameterSetName = DataSet)]
    [OutputType(typeof(Segment))]
    public sealed class NewHexSegmentCommand : Stm32Cmdlet
    {
        private const string DataSet = "Data";
        private const string TextSet = "Text";
        private const string UInt32Set = "UInt32";

        [Parameter(Mandatory = true, Position = 0)]
        [AddressTransformation]
        public uint Address { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = DataSet)]
        [ValidateNotNullOrEmpty]
        public byte[] Data { get; set; } = Array.Empty<byte>();

        /// <summary>UTF-8 bytes of the text, with no terminator added.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet)]
        [ValidateNotNullOrEmpty]
        public string Text { get; set; } = "";

        /// <summary>32-bit words, each stored little-endian as the Cortex-M reads it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UInt32Set)]
        [AddressTransformation]
        [ValidateNotNullOrEmpty]
        public uint[] UInt32 { get; set; } = Array.Empty<uint>();

        protected override void Process()
        {
            var bytes = ParameterSetName switch
            {
                TextSet => Encoding.UTF8.GetBytes(Text),
                UInt32Set => LittleEndian(UInt32),
                _ => Data,
            };
            if ((ulong)Address + (ulong)bytes.LongLength > AddressRange.AddressSpaceEnd)
            {
                FailArgument("AddressRefused", nameof(Address), Address,
                    $"{bytes.LongLength} bytes at 0x{Address:X8} would run past the end of the 32-bit address space (0xFFFFFFFF).");
            }
            WriteObject(new Segment(Address, bytes, SegmentSource.FromOrigin($"New-HexSegment -{ParameterSetName}")));
        }

        private static byte[] LittleEndian(uint[] words)
        {
            var bytes = new byte[words.Length * 4];
            for (var i = 0; i < words.Length; i++)
            {
                bytes[4 * i] = (byte)words[i];
                bytes[4 * i + 1] = (byte)(words[i] >> 8);
                bytes[4 * i + 2] = (byte)(words[i] >> 16);
                bytes[4 * i + 3] = (byte)(words[i] >> 24);
            }
            return bytes;
        }
    }
}
