using System;

namespace Stm32Flash.Checksums
{
    /// <summary>
    /// CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no final XOR) as the STM32 CRC unit and the
    /// bootloader's Get Checksum compute it: memory is fed as 32-bit little-endian words, each word MSB first.
    /// </summary>
    public static class Crc32Mpeg2
    {
        public const uint Polynomial = 0x04C11DB7;
        public const uint InitialValue = 0xFFFFFFFF;

        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var c = i << 24;
                for (var b = 0; b < 8; b++)
                    c = (c & 0x80000000) != 0 ? (c << 1) ^ Polynomial : c << 1;
                table[i] = c;
            }
            return table;
        }

        /// <summary>CRC of memory bytes as words; the length must be a multiple of 4.</summary>
        public static uint OfWords(ReadOnlySpan<byte> memory, uint crc = InitialValue)
        {
            if ((memory.Length & 3) != 0)
                throw new ArgumentException($"The device CRC works on whole 32-bit words; {memory.Length} bytes is not a multiple of 4.", nameof(memory));
            for (var i = 0; i < memory.Length; i += 4)
            {
                // A little-endian word processed MSB first: bytes 3, 2, 1, 0.
                crc = (crc << 8) ^ Table[(crc >> 24) ^ memory[i + 3]];
                crc = (crc << 8) ^ Table[(crc >> 24) ^ memory[i + 2]];
                crc = (crc << 8) ^ Table[(crc >> 24) ^ memory[i + 1]];
                crc = (crc << 8) ^ Table[(crc >> 24) ^ memory[i]];
            }
            return crc;
        }
    }
}
