using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Stm32Flash.Images.Writing
{
    /// <summary>
    /// S-records: an S0 header when there is header text, S1/S2/S3 data (the narrowest that holds every address, or
    /// the width asked for), an S5/S6 record count, and S9/S8/S7 with the start address when there is one.
    /// </summary>
    internal static class SRecordWriter
    {
        public static long Write(Stream stream, List<Piece> pieces, ImageWriteOptions options)
        {
            ulong highest = pieces.Count > 0 ? pieces[pieces.Count - 1].End - 1 : 0;
            if (options.StartAddress != null && options.StartAddress.Address > highest) highest = options.StartAddress.Address;
            var needed = highest <= 0xFFFF ? 2 : highest <= 0xFFFFFF ? 3 : 4;
            var width = options.SRecordAddressBytes == 0 ? needed : options.SRecordAddressBytes;
            if (width < 2 || width > 4) throw new ArgumentOutOfRangeException(nameof(options), width, "S-record addresses are 2, 3 or 4 bytes wide.");
            if (width < needed)
                throw new SRecordAddressException((uint)highest, width, needed);

            var maxData = 255 - width - 1;
            var recordLength = options.RecordLength == 0 ? Math.Min(ImageWriteOptions.DefaultSRecordRecordLength, maxData) : options.RecordLength;
            if (recordLength < 1 || recordLength > maxData)
                throw new ArgumentOutOfRangeException(null, $"S{width - 1} records carry 1 to {maxData} data bytes, not {recordLength}.");

            var output = new RecordOutput(stream, options.NewLine);
            if (options.Header != null)
            {
                var header = Encoding.ASCII.GetBytes(options.Header);
                if (header.Length > 252) Array.Resize(ref header, 252);
                Record(output, 0, 2, 0, header, 0, header.Length);
            }

            long records = 0;
            foreach (var piece in pieces)
            {
                for (var done = 0; done < piece.Count; done += recordLength)
                {
                    var count = Math.Min(recordLength, piece.Count - done);
                    Record(output, width - 1, width, piece.Address + (uint)done, piece.Segment.Data, piece.Offset + done, count);
                    records++;
                }
            }
            if (records <= 0xFFFF) Record(output, 5, 2, (uint)records, Array.Empty<byte>(), 0, 0);
            else if (records <= 0xFFFFFF) Record(output, 6, 3, (uint)records, Array.Empty<byte>(), 0, 0);
            if (options.StartAddress != null) Record(output, 11 - width, width, options.StartAddress.Address, Array.Empty<byte>(), 0, 0);
            output.Flush();
            return output.Written;
        }

        private static void Record(RecordOutput output, int type, int width, uint address, byte[] data, int from, int count)
        {
            output.Begin("S" + (char)('0' + type));
            output.Byte(width + count + 1);
            for (var i = width - 1; i >= 0; i--) output.Byte((int)(address >> (8 * i)));
            output.Bytes(data, from, count);
            output.End(~output.Sum & 0xFF);
        }
    }
}
