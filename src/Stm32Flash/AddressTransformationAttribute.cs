using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Lets a UInt32 address parameter take what users type: PowerShell reads 0x80000000-0xFFFFFFFF as negative
    /// Int32 values (0xE0042000 is -532406272), so those are taken back bit for bit; "0x..." strings work too.
    /// A file name given where the address goes is answered with how to pass an image instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AddressTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>The cmdlet that takes an image's segments from the pipeline in place of this address, if it does.</summary>
        public string? PipeImageInto { get; set; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case uint u:
                    return u;
                case int i:
                    return unchecked((uint)i);
                case long l when l >= int.MinValue && l <= uint.MaxValue:
                    return unchecked((uint)l);
                case ulong ul when ul <= uint.MaxValue:
                    return (uint)ul;
                case byte b:
                    return (uint)b;
                case ushort us:
                    return (uint)us;
                case short s when s >= 0:
                    return (uint)s;
                case double d when d >= 0 && d <= uint.MaxValue && Math.Floor(d) == d:
                    return (uint)d;
                case decimal m when m >= 0 && m <= uint.MaxValue && decimal.Truncate(m) == m:
                    return (uint)m;
                case string text when TryParse(text.Trim(), out var parsed):
                    return parsed;
            }
            if (value is string name && LooksLikeFile(name))
            {
                throw new ArgumentTransformationMetadataException(PipeImageInto is null
                    ? $"'{name}' looks like a file name, not a 32-bit address. Give a number such as 0x08000000."
                    : $"'{name}' looks like a file name, not a 32-bit address. {PipeImageInto} takes an image as segments from the pipeline: " +
                      $"Get-HexSegment {name} | {PipeImageInto}");
            }
            throw new ArgumentTransformationMetadataException($"'{value}' is not a 32-bit address. Give a number such as 0x08000000.");
        }

        /// <summary>A path (it has a folder separator) or a name with an extension such as .hex or .bin.</summary>
        private static bool LooksLikeFile(string text) =>
            text.IndexOfAny(new[] { '/', '\\' }) >= 0 || Regex.IsMatch(text, @"\.[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

        private static bool TryParse(string text, out uint value)
        {
            text = text.Replace("_", "");
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return uint.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
