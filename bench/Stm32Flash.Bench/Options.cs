using System;
using System.Globalization;

namespace Stm32Flash.Bench
{
    /// <summary>"--name value" options.</summary>
    internal static class Options
    {
        public static int Int(string[] args, string name, int fallback)
        {
            var i = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) return fallback;
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw new BenchmarkException($"{name} needs a number.");
            return value;
        }

        public static string Text(string[] args, string name, string fallback)
        {
            var i = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) return fallback;
            if (i + 1 >= args.Length) throw new BenchmarkException($"{name} needs a value.");
            return args[i + 1];
        }

        public static bool Flag(string[] args, string name) => Array.Exists(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
    }
}
