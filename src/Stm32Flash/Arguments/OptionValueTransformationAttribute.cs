using System;
using System.Globalization;
using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// An option-byte value as users type it: a number (0xBB, 187) or a string ("0xBB"); 32 bits at most. PowerShell reads
    /// hex literals from 0x80000000 up as negative Int32 values, so those are taken back bit for bit, as addresses are.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class OptionValueTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
            TryConvert(inputData, out var value)
                ? value
                : throw new ArgumentTransformationMetadataException($"'{inputData}' is not an option-byte value. Give a number such as 1 or 0xBB.");

        /// <summary>The value of a number or a "0x..." or decimal string, when it fits in 32 bits.</summary>
        public static bool TryConvert(object? input, out uint value)
        {
            value = 0;
            switch (input is PSObject wrapped ? wrapped.BaseObject : input)
            {
                case uint u: value = u; return true;
                case int i: value = unchecked((uint)i); return true;
                case long l when l >= int.MinValue && l <= uint.MaxValue: value = unchecked((uint)l); return true;
                case ulong ul when ul <= uint.MaxValue: value = (uint)ul; return true;
                case byte b: value = b; return true;
                case ushort us: value = us; return true;
                case short s when s >= 0: value = (uint)s; return true;
                case bool flag: value = flag ? 1u : 0u; return true;
                case double d when d >= 0 && d <= uint.MaxValue && Math.Floor(d) == d: value = (uint)d; return true;
                case string text:
                    var t = text.Trim().Replace("_", "");
                    return t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                        ? uint.TryParse(t.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
                        : uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
                default: return false;
            }
        }
    }
}
