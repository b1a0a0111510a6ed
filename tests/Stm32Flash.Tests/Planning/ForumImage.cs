using System;
using System.Linq;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>
    /// The forum case: an STM32L552 image of six segments, the last the largest, with boundaries off the 8-byte flash
    /// word and segments 1 and 2 sharing the double-word 0x080001F0..0x080001F8.
    /// </summary>
    public static class ForumImage
    {
        public static readonly (uint address, int length)[] Layout =
        {
            (0x08000000, 0x1F3),   // vector table + code, ends at 0x080001F3
            (0x080001F5, 0x30B),   // more code in the same double-word, ends at 0x08000500
            (0x08004002, 0x101),   // constant table
            (0x08010000, 0x7D),
            (0x08020010, 0x45),
            (0x08030003, 0x2E01),  // the last and largest, 11,777 bytes
        };

        public const uint SharedDoubleWord = 0x080001F0;

        public static Segment[] Build(int seed = 552)
        {
            var random = new Random(seed);
            return Layout.Select(l =>
            {
                var bytes = new byte[l.length];
                random.NextBytes(bytes);
                bytes[0] = 0x5A;
                bytes[bytes.Length - 1] = 0xA5;
                return new Segment(l.address, bytes, SegmentSource.FromOrigin("forum image"));
            }).ToArray();
        }
    }
}
