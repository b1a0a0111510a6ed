using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Stm32Flash
{
    /// <summary>Lists of segment or page numbers as text a person can read, however many there are.</summary>
    public static class NumberRuns
    {
        /// <summary>Sorted, without repeats, with runs of three or more written as first..last: "1, 2, 5..9, 12".</summary>
        public static string Describe(IEnumerable<int> numbers)
        {
            var sorted = numbers.Distinct().OrderBy(n => n).ToList();
            var parts = new List<string>();
            for (var i = 0; i < sorted.Count;)
            {
                var j = i;
                while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
                if (j - i >= 2) parts.Add($"{Text(sorted[i])}..{Text(sorted[j])}");
                else for (var k = i; k <= j; k++) parts.Add(Text(sorted[k]));
                i = j + 1;
            }
            return string.Join(", ", parts);
        }

        private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
