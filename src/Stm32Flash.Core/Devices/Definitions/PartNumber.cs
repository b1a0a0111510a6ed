using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// ST's part numbers: STM32, the line (G474; WBA52 for WBA parts), the pin-count letter, the flash-size code, package
    /// and temperature range (STM32G474RBT6: 128 KiB). The codes are data (devices.json, "flashSizeCodes").
    /// </summary>
    public static class PartNumber
    {
        private const string Prefix = "STM32";

        public static string Normalize(string name)
        {
            var n = name.Trim().ToUpperInvariant();
            return n.StartsWith(Prefix, StringComparison.Ordinal) ? n : Prefix + n;
        }

        /// <summary>The flash a full part number says is fitted; null for a shorter name or an unknown code.</summary>
        public static long? FlashSize(string name, IReadOnlyDictionary<char, long> codes)
        {
            var n = Normalize(name);
            var at = SizeCodeIndex(n);
            return n.Length > at && codes.TryGetValue(n[at], out var size) ? size : (long?)null;
        }

        /// <summary>Where the flash-size code stands in a normalized part number: after the line and the pin-count letter.</summary>
        public static int SizeCodeIndex(string normalized)
        {
            var line = normalized.StartsWith(Prefix + "WBA", StringComparison.Ordinal) ? 5 : 4;
            return Prefix.Length + line + 1;
        }

        internal static IReadOnlyDictionary<char, long> ReadCodes(JsonNode root)
        {
            var codes = new Dictionary<char, long>();
            if (root["flashSizeCodes"] is not JsonNode node) return codes;
            foreach (var m in node.Members)
            {
                if (m.Key.Length != 1 || m.Value.Kind != JsonKind.String || DeviceDefinitionReader.ParseSize(m.Value.Text!) is not long size)
                    throw new DeviceDefinitionException($"{m.Value.Where}: a flash-size code is one character mapped to a size such as \"128K\".");
                codes[char.ToUpperInvariant(m.Key[0])] = size;
            }
            return codes;
        }
    }
}
