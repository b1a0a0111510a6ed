using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// Transfer limits keyed by interface name ("Usart", "I2c", ...), in <see cref="TargetInterface"/> order and
    /// case-insensitive: PowerShell reads <c>$device.Limits.Usart</c>, and ConvertTo-Json, which takes only string keys,
    /// writes the names.
    /// </summary>
    public static class InterfaceLimits
    {
        public static NamedValues<TransferLimits> ByName(IEnumerable<KeyValuePair<TargetInterface, TransferLimits>> limits) =>
            new NamedValues<TransferLimits>(limits.OrderBy(l => l.Key).Select(l => new KeyValuePair<string, TransferLimits>(l.Key.ToString(), l.Value)));

        /// <summary>The same limits keyed by interface; a name that is no interface is refused.</summary>
        public static IReadOnlyDictionary<TargetInterface, TransferLimits> ByInterface(IReadOnlyDictionary<string, TransferLimits> limits)
        {
            var byInterface = new Dictionary<TargetInterface, TransferLimits>();
            foreach (var l in limits)
            {
                var known = Enum.GetNames(typeof(TargetInterface)).FirstOrDefault(n => string.Equals(n, l.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"'{l.Key}' is not an interface; the interfaces are {string.Join(", ", Enum.GetNames(typeof(TargetInterface)))}.", nameof(limits));
                byInterface[(TargetInterface)Enum.Parse(typeof(TargetInterface), known)] = l.Value;
            }
            return byInterface;
        }
    }
}
