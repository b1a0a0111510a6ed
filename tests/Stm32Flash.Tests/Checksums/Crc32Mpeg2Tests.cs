using System;
using System.Linq;
using System.Text;
using Stm32Flash.Checksums;
using Xunit;

namespace Stm32Flash.Tests.Checksums
{
    /// <summary>
    /// The device CRC against an oracle that shares nothing with it: CRC-32/MPEG-2 computed bit by bit from the polynomial,
    /// itself checked against the catalogue's check value, fed the bytes in the order the STM32 CRC unit takes a
    /// little-endian word (byte 3 first).
    /// </summary>
    public class Crc32Mpeg2Tests
    {
        private static uint BitByBit(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                for (var bit = 7; bit >= 0; bit--)
                {
                    var top = (crc >> 31) ^ (uint)((b >> bit) & 1);
                    crc <<= 1;
                    if (top != 0) crc ^= 0x04C11DB7;
                }
            }
            return crc;
        }

        private static byte[] AsTheCrcUnitTakesWords(byte[] memory) =>
            Enumerable.Range(0, memory.Length / 4).SelectMany(w => memory.Skip(w * 4).Take(4).Reverse()).ToArray();

        [Fact]
        public void The_oracle_gives_the_published_check_value()
        {
            Assert.Equal(0x0376E6E7u, BitByBit(Encoding.ASCII.GetBytes("123456789")));
        }

        [Theory]
        [InlineData(4, 1)]
        [InlineData(64, 2)]
        [InlineData(1024, 3)]
        [InlineData(4096, 4)]
        public void A_device_CRC_is_CRC32_MPEG2_of_each_word_most_significant_byte_first(int length, int seed)
        {
            var memory = new byte[length];
            new Random(seed).NextBytes(memory);
            Assert.Equal(BitByBit(AsTheCrcUnitTakesWords(memory)), Crc32Mpeg2.OfWords(memory));
        }

        [Fact]
        public void Erased_flash_words_give_the_oracles_value()
        {
            var erased = Enumerable.Repeat((byte)0xFF, 256).ToArray();
            Assert.Equal(BitByBit(erased), Crc32Mpeg2.OfWords(erased));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(6)]
        [InlineData(255)]
        public void A_length_that_is_not_whole_words_is_refused_naming_it(int length)
        {
            var error = Assert.Throws<ArgumentException>(() => Crc32Mpeg2.OfWords(new byte[length]));
            Assert.Equal("memory", error.ParamName);
            Assert.Contains($"{length} bytes is not a multiple of 4", error.Message);
        }
    }
}
