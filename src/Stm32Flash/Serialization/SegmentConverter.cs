using System;
using System.Linq;
using System.Management.Automation;

namespace Stm32Flash.Serialization
{
    /// <summary>
    /// Rebuilds a Segment from what crossed a process boundary (Start-Job, Invoke-Command, Import-Clixml): a
    /// Deserialized.Stm32Flash.Segment property bag whose Data arrives as bytes and whose Source (serialized to depth 2
    /// by Stm32Flash.types.ps1xml) keeps its file, line, offset and origin. Registered for Stm32Flash.Segment, so
    /// parameter binding converts such objects, and as its deserialization target, so a session with the module
    /// receives real segments.
    /// </summary>
    public sealed class SegmentConverter : PSTypeConverter
    {
        public const string DeserializedTypeName = "Deserialized.Stm32Flash.Segment";

        public override bool CanConvertFrom(object sourceValue, Type destinationType) =>
            sourceValue is PSObject o && CanConvertFrom(o, destinationType);

        public override bool CanConvertFrom(PSObject sourceValue, Type destinationType) =>
            destinationType == typeof(Segment) && sourceValue != null && sourceValue.TypeNames.Contains(DeserializedTypeName);

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            ConvertFrom((PSObject)sourceValue, destinationType, formatProvider, ignoreCase);

        public override object ConvertFrom(PSObject sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase)
        {
            if (!CanConvertFrom(sourceValue, destinationType))
                throw new PSInvalidCastException($"Only a {DeserializedTypeName} converts to a Stm32Flash.Segment here.");
            var address = LanguagePrimitives.ConvertTo<uint>(Value(sourceValue, nameof(Segment.Address)) ??
                throw Missing(nameof(Segment.Address)));
            if (!(Value(sourceValue, nameof(Segment.Data)) is byte[] data))
                throw new PSInvalidCastException($"The {DeserializedTypeName} has no Data bytes (serialized as something else than a byte array); it cannot be rebuilt.");
            return new Segment(address, data, Source(Value(sourceValue, nameof(Segment.Source))));
        }

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override bool CanConvertTo(PSObject sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new NotSupportedException();

        public override object ConvertTo(PSObject sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new NotSupportedException();

        /// <summary>The source as serialized (a property bag), or its text when it went at a shallower depth.</summary>
        private static SegmentSource Source(object? value)
        {
            switch (value)
            {
                case null:
                    return SegmentSource.Memory;
                case SegmentSource source:
                    return source;
                case PSObject bag when !(bag.BaseObject is string):
                    return new SegmentSource(Value(bag, nameof(SegmentSource.File)) as string,
                        Number(Value(bag, nameof(SegmentSource.Line))), Number(Value(bag, nameof(SegmentSource.Offset))),
                        Value(bag, nameof(SegmentSource.Origin)) as string);
                default:
                    return SegmentSource.FromOrigin(value.ToString());
            }
        }

        private static object? Value(PSObject bag, string name)
        {
            var value = bag.Properties[name]?.Value;
            return value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) && wrapped.TypeNames.All(t => !t.StartsWith("Deserialized.", StringComparison.Ordinal))
                ? wrapped.BaseObject : value;
        }

        private static long? Number(object? value) => value is null ? (long?)null : LanguagePrimitives.ConvertTo<long>(value);

        private static PSInvalidCastException Missing(string property) =>
            new PSInvalidCastException($"The {DeserializedTypeName} has no {property}; it cannot be rebuilt.");
    }
}
