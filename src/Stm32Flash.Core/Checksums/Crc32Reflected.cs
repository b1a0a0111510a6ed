using System;

namespace Stm32Flash.Checksums
{
    /// <summary>The reflected CRC-32 (poly 0xEDB88320, init 0xFFFFFFFF) of zlib, with the final XOR left to the caller.</summary>
    public static class Crc32Reflected
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i;
                for (var b = 0; b < 8; b++)
                    c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320 : c >> 1;
                table[i] = c;
            }
            return table;
        }

        /// <summary>Register value after the bytes, without the final XOR (DfuSe's dwCRC is this value).</summary>
        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
                crc = (crc >> 8) ^ Table[(crc ^ b) & 0xFF];
            return crc;
        }

        /// <summary>The zlib crc32 of the bytes.</summary>
        public static uint Zlib(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFF, data);
    }
}
