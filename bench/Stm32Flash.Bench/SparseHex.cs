using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// Intel HEX text for a sparse image: <c>count</c> data records of <c>recordLength</c> bytes, each followed by a gap of
    /// <c>gap</c> bytes, from <c>baseAddress</c> (an 04 record wherever the upper 16 address bits change; data from a fixed seed).
    /// Read back, each record is one segment.
    /// </summary>
    internal static class SparseHex
    {
        public static byte[] Generate(uint baseAddress, int count, int recordLength, int gap, ulong seed = 0x5EED_0000_0000_0D1DUL)
        {
            if (recordLength < 1 || recordLength > 255) throw new ArgumentOutOfRangeException(nameof(recordLength));
            var text = new StringBuilder(count * (12 + 2 * recordLength));
            var state = seed;
            var upper = -1;
            var data = new byte[recordLength];
            for (var i = 0; i < count; i++)
            {
                var address = baseAddress + (uint)((long)i * (recordLength + gap));
                if ((int)(address >> 16) != upper)
                {
                    upper = (int)(address >> 16);
                    Record(text, 0, 4, new[] { (byte)(upper >> 8), (byte)upper });
                }
                for (var j = 0; j < recordLength; j++)
                {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    data[j] = (byte)state;
                }
                if ((address & 0xFFFF) + recordLength > 0x10000)
                    throw new ArgumentException("A record would cross a 64 KiB boundary; choose a record length and gap whose sum divides 65536.");
                Record(text, (ushort)address, 0, data);
            }
            text.Append(":00000001FF\n");
            return Encoding.ASCII.GetBytes(text.ToString());
        }

        public static Stream Open(uint baseAddress, int count, int recordLength, int gap) =>
            new MemoryStream(Generate(baseAddress, count, recordLength, gap), writable: false);

        private static void Record(StringBuilder text, ushort address, byte type, byte[] data)
        {
            var sum = data.Length + (address >> 8) + (address & 0xFF) + type;
            text.Append(':').Append(Hex(data.Length)).Append(Hex(address >> 8)).Append(Hex(address & 0xFF)).Append(Hex(type));
            foreach (var b in data)
            {
                text.Append(Hex(b));
                sum += b;
            }
            text.Append(Hex(-sum & 0xFF)).Append('\n');
        }

        private static string Hex(int b) => (b & 0xFF).ToString("X2", CultureInfo.InvariantCulture);
    }
}
