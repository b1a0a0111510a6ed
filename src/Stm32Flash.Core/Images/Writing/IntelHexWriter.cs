using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Images.Writing
{
    /// <summary>
    /// Intel HEX: data records that never cross a 64 KiB boundary, an 04 record at the start of every piece and at
    /// every 64 KiB boundary once any address needs one, the start address (03 for CS:IP, otherwise 05), then 01.
    /// </summary>
    internal static class IntelHexWriter
    {
        public static long Write(Stream stream, List<Piece> pieces, ImageWriteOptions options)
        {
            var recordLength = options.RecordLength == 0 ? ImageWriteOptions.DefaultIntelHexRecordLength : options.RecordLength;
            if (recordLength < 1 || recordLength > 255)
                throw new System.ArgumentOutOfRangeException(null, $"Intel HEX records carry 1 to 255 data bytes, not {recordLength}.");
            var output = new RecordOutput(stream, options.NewLine);
            var linear = pieces.Count > 0 && pieces[pieces.Count - 1].End > 0x10000;

            foreach (var piece in pieces)
            {
                var data = piece.Segment.Data;
                var address = piece.Address;
                var first = true;
                for (var done = 0; done < piece.Count;)
                {
                    if (linear && (first || (address & 0xFFFF) == 0)) Record(output, 4, 0, new[] { (byte)(address >> 24), (byte)(address >> 16) }, 0, 2);
                    first = false;
                    var toBoundary = 0x10000 - (int)(address & 0xFFFF);
                    var count = System.Math.Min(System.Math.Min(recordLength, piece.Count - done), toBoundary);
                    Record(output, 0, (int)(address & 0xFFFF), data, piece.Offset + done, count);
                    done += count;
                    address += (uint)count;
                }
            }

            var start = options.StartAddress;
            if (start?.Kind == StartAddressKind.SegmentCsIp)
            {
                var cs = start.CodeSegment!.Value;
                var ip = start.InstructionPointer!.Value;
                Record(output, 3, 0, new[] { (byte)(cs >> 8), (byte)cs, (byte)(ip >> 8), (byte)ip }, 0, 4);
            }
            else if (start != null)
            {
                var a = start.Address;
                Record(output, 5, 0, new[] { (byte)(a >> 24), (byte)(a >> 16), (byte)(a >> 8), (byte)a }, 0, 4);
            }
            Record(output, 1, 0, System.Array.Empty<byte>(), 0, 0);
            output.Flush();
            return output.Written;
        }

        private static void Record(RecordOutput output, int type, int offset, byte[] data, int from, int count)
        {
            output.Begin(":");
            output.Byte(count);
            output.Byte(offset >> 8);
            output.Byte(offset);
            output.Byte(type);
            output.Bytes(data, from, count);
            output.End((0x100 - (output.Sum & 0xFF)) & 0xFF);
        }
    }
}
