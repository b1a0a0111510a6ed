using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>What the product's system bootloader offers: its interfaces with their limits, and the USART command set.</summary>
    public sealed class BootloaderDefinition
    {
        public BootloaderDefinition(IEnumerable<string> versions, IEnumerable<KeyValuePair<TargetInterface, TransferLimits>> limits,
            bool usartLegacyErase, bool usartChecksum, byte? i2cAddress)
        {
            Versions = versions.ToArray();
            Limits = InterfaceLimits.ByName(limits);
            UsartLegacyErase = usartLegacyErase;
            UsartChecksum = usartChecksum;
            I2cAddress = i2cAddress;
        }

        /// <summary>AN2606's bootloader versions for the product (e.g. 0x92), where known.</summary>
        public IReadOnlyList<string> Versions { get; }

        /// <summary>Largest write and read per interface, by name ("Usart", "Swd", ...), the debug ports included.</summary>
        public IReadOnlyDictionary<string, TransferLimits> Limits { get; }

        /// <summary>The USART bootloader erases with the legacy Erase (0x43) instead of Extended Erase (0x44).</summary>
        public bool UsartLegacyErase { get; }

        /// <summary>The USART bootloader lists Get Checksum (0xA1).</summary>
        public bool UsartChecksum { get; }

        public byte? I2cAddress { get; }

        public override string ToString() => string.Join(", ", Limits.Keys);
    }
}
