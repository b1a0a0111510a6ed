using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Stm32Flash
{
    /// <summary>
    /// A read-only dictionary keyed by name, case-insensitive, in the order given, that reads as "name=value; ...":
    /// PowerShell shows and converts it (ConvertTo-Json) by its names, and past the depth ConvertTo-Json expands it reads
    /// as that text rather than as its type.
    /// </summary>
    public sealed class NamedValues<TValue> : ReadOnlyDictionary<string, TValue>
    {
        public static readonly NamedValues<TValue> Empty = new NamedValues<TValue>(Array.Empty<KeyValuePair<string, TValue>>());

        public NamedValues(IEnumerable<KeyValuePair<string, TValue>> values)
            : base(Ordered(values))
        {
        }

        private static Dictionary<string, TValue> Ordered(IEnumerable<KeyValuePair<string, TValue>> values)
        {
            var ordered = new Dictionary<string, TValue>(StringComparer.OrdinalIgnoreCase);
            foreach (var v in values) ordered.Add(v.Key, v.Value);
            return ordered;
        }

        public override string ToString() => string.Join("; ", this.Select(v => $"{v.Key}={v.Value}"));
    }
}
