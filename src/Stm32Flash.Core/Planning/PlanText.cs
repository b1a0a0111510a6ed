using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Planning
{
    /// <summary>Plain-words helpers for plan descriptions and error messages.</summary>
    internal static class PlanText
    {
        public static string Size(long bytes) =>
            bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
            : bytes >= 10 * 1024 ? string.Format(CultureInfo.InvariantCulture, "{0:0.0} KiB", bytes / 1024.0)
            : $"{bytes} bytes";

        public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        /// <summary>"a" or "an" before a number as it is read aloud: an 8-byte unit, an 11-byte gap, a 16-byte unit, an 18 KiB page.</summary>
        public static string Article(long n)
        {
            var leading = Math.Abs(n);
            while (leading >= 1000) leading /= 1000;
            var digits = leading.ToString(CultureInfo.InvariantCulture);
            return digits[0] == '8' || leading == 11 || leading == 18 ? "an" : "a";
        }

        public static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word.Substring(1);

        public static long Bytes(IEnumerable<FlashPage> pages) => pages.Sum(p => (long)p.Size);

        /// <summary>"0..5, 9, 200, 201".</summary>
        public static string Numbers(IEnumerable<FlashPage> pages) => Numbers(pages.Select(p => p.Number));

        public static string Numbers(IEnumerable<int> numbers) => NumberRuns.Describe(numbers);

        public static byte[] AsSpanCopy(this byte[] bytes, int offset, int length)
        {
            var copy = new byte[length];
            Array.Copy(bytes, offset, copy, 0, length);
            return copy;
        }

        /// <summary>Ranges minus other ranges, in one pass over both (each sorted and joined first).</summary>
        public static IReadOnlyList<AddressRange> Subtract(IEnumerable<AddressRange> ranges, IEnumerable<AddressRange> remove)
        {
            var cut = AddressRange.Coalesce(remove);
            var result = new List<AddressRange>();
            var first = 0;
            foreach (var r in AddressRange.Coalesce(ranges))
            {
                // Cuts that end before this range end before every later one too.
                while (first < cut.Count && cut[first].End <= r.Start) first++;
                var start = (ulong)r.Start;
                for (var i = first; i < cut.Count && cut[i].Start < r.End; i++)
                {
                    if (cut[i].Start > start) result.Add(new AddressRange((uint)start, cut[i].Start));
                    start = Math.Max(start, cut[i].End);
                }
                if (start < r.End) result.Add(new AddressRange((uint)start, r.End));
            }
            return result;
        }
    }
}
