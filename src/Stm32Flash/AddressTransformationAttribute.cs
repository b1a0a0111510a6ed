using System;
using System.Globalization;
using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Lets a UInt32 address parameter take what users type: PowerShell reads 0x80000000-0xFFFFFFFF as negative
    /// Int32 values (0xE0042000 is -532406272), so those are taken back bit for bit; "0x..." strings work too.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class AddressTransformationAttribute : ArgumentTransformationAttribute
    {
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
            throw new ArgumentTransformationMetadataException($"'{value}' is not a 32-bit address. Give a number such as 0x08000000.");
        }

        private static bool TryParse(string text, out uint value)
        {
            text = text.Replace("_", "");
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return uint.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }
}
