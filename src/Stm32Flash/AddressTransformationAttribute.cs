using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Lets an address or size parameter take what users type: PowerShell reads 0x80000000-0xFFFFFFFF as negative
    /// Int32 values (0xE0042000 is -532406272), so those are taken back bit for bit; "0x..." strings (with _ between
    /// digits) work too. A value above <see cref="Maximum"/> is refused with the number as it was meant. A list is read
    /// number by number, for a UInt32[] parameter. A file name given where the address goes is answered with how to
    /// pass an image instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AddressTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The largest value the parameter takes: 0xFFFFFFFF unless set (0x1_0000_0000 for a size of up to 4 GiB).</summary>
        public long Maximum { get; set; } = uint.MaxValue;

        /// <summary>The cmdlet that takes an image's segments from the pipeline in place of this address, if it does.</summary>
        public string? PipeImageInto { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is System.Collections.IList list && !(value is byte[]))
            {
                var numbers = new uint[list.Count];
                for (var i = 0; i < numbers.Length; i++) numbers[i] = Convert.ToUInt32(Transform(engineIntrinsics, list[i]), CultureInfo.InvariantCulture);
                return numbers;
            }
            if (!TryRead(value, out var number))
            {
                if (value is string name && LooksLikeFile(name))
                {
                    throw new ArgumentTransformationMetadataException(PipeImageInto is null
                        ? $"'{name}' looks like a file name, not a 32-bit address. Give a number such as 0x08000000."
                        : $"'{name}' looks like a file name, not a 32-bit address. {PipeImageInto} takes an image as segments from the pipeline: " +
                          $"Get-HexSegment {name} | {PipeImageInto}");
                }
                throw new ArgumentTransformationMetadataException($"'{value}' is not a 32-bit address or size. Give a number such as 0x08000000.");
            }
            if (number > Maximum)
                throw new ArgumentTransformationMetadataException($"0x{number:X} ({number}) is more than the {Maximum} this parameter takes at most.");
            return number <= uint.MaxValue ? (object)(uint)number : number;
        }

        private static bool TryRead(object? value, out long number)
        {
            switch (value)
            {
                case uint u:
                    number = u;
                    return true;
                case int i:
                    number = unchecked((uint)i);
                    return true;
                case long l when l >= int.MinValue && l < 0:
                    number = unchecked((uint)l);
                    return true;
                case long l when l >= 0:
                    number = l;
                    return true;
                case ulong ul when ul <= long.MaxValue:
                    number = (long)ul;
                    return true;
                case byte b:
                    number = b;
                    return true;
                case ushort us:
                    number = us;
                    return true;
                case short s when s >= 0:
                    number = s;
                    return true;
                case double d when d >= 0 && d <= long.MaxValue && Math.Floor(d) == d:
                    number = (long)d;
                    return true;
                case decimal m when m >= 0 && m <= long.MaxValue && decimal.Truncate(m) == m:
                    number = (long)m;
                    return true;
                case string text:
                    return TryParse(text.Trim(), out number);
            }
            number = 0;
            return false;
        }

        /// <summary>A path (it has a folder separator) or a name with an extension such as .hex or .bin.</summary>
        private static bool LooksLikeFile(string text) =>
            text.IndexOfAny(new[] { '/', '\\' }) >= 0 || Regex.IsMatch(text, @"\.[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

        private static bool TryParse(string text, out long value)
        {
            text = text.Replace("_", "");
            var parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? ulong.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n)
                : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            value = parsed && n <= long.MaxValue ? (long)n : -1;
            return value >= 0;
        }
    }
}
