using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// What a simulated USART bootloader says about itself: its protocol version and the commands it lists. The defaults
    /// come from the catalog entry's "bootloader.usart" (legacy or extended erase, Get Checksum listed or not).
    /// </summary>
    public sealed class UsartProfile
    {
        private static readonly byte[] Basic =
        {
            UsartCodes.Get, UsartCodes.GetVersion, UsartCodes.GetId, UsartCodes.ReadMemory, UsartCodes.Go, UsartCodes.WriteMemory,
        };

        private static readonly byte[] Protection =
        {
            UsartCodes.WriteProtect, UsartCodes.WriteUnprotect, UsartCodes.ReadoutProtect, UsartCodes.ReadoutUnprotect,
        };

        /// <summary>A bootloader that reports <paramref name="protocolVersion"/>, lists <paramref name="commands"/>, and answers
        /// the <paramref name="refused"/> ones with NACK all the same (a G070 does so with Get Checksum).</summary>
        public UsartProfile(byte protocolVersion, IEnumerable<byte> commands, IEnumerable<byte>? refused = null)
        {
            ProtocolVersion = protocolVersion;
            Commands = commands?.Distinct().ToArray() ?? throw new ArgumentNullException(nameof(commands));
            Refused = refused?.Distinct().ToArray() ?? Array.Empty<byte>();
            if (Refused.Contains(UsartCodes.Get)) throw new ArgumentException("Get (0x00) cannot be refused: it is how a host learns the list.", nameof(refused));
            if (!Commands.Contains(UsartCodes.Get)) throw new ArgumentException("A bootloader always offers Get (0x00).", nameof(commands));
            if (Commands.Contains(UsartCodes.Erase) && Commands.Contains(UsartCodes.ExtendedErase))
                throw new ArgumentException("Erase (0x43) and Extended Erase (0x44) are exclusive on a device.", nameof(commands));
        }

        public byte ProtocolVersion { get; }

        public IReadOnlyList<byte> Commands { get; }

        /// <summary>Listed commands the bootloader refuses at the command byte anyway.</summary>
        public IReadOnlyList<byte> Refused { get; }

        public bool Offers(byte command) => Commands.Contains(command);

        /// <summary>This profile with <paramref name="commands"/> listed still but refused, as some products do.</summary>
        public UsartProfile Refusing(params byte[] commands) => new UsartProfile(ProtocolVersion, Commands, Refused.Concat(commands));

        /// <summary>
        /// The profile of the product's bootloader, from its catalog entry: the legacy Erase (protocol 2.2, as on the old F1
        /// parts) or Extended Erase, and Get Checksum where the product lists it (protocol 3.3). <paramref name="checksum"/>
        /// true lists Get Checksum anyway, false leaves it out. A device built in code has Extended Erase and Get Checksum.
        /// </summary>
        public static UsartProfile For(DeviceInfo device, bool? checksum = null)
        {
            if (device is null) throw new ArgumentNullException(nameof(device));
            var bootloader = device.Definition?.Bootloader;
            if (bootloader?.UsartLegacyErase == true)
                return new UsartProfile(0x22, Basic.Concat(new[] { UsartCodes.Erase }).Concat(Protection));
            return (checksum ?? bootloader?.UsartChecksum ?? true)
                ? new UsartProfile(0x33, Basic.Concat(new[] { UsartCodes.ExtendedErase }).Concat(Protection).Concat(new[] { UsartCodes.GetChecksum }))
                : new UsartProfile(0x31, Basic.Concat(new[] { UsartCodes.ExtendedErase }).Concat(Protection));
        }

        public override string ToString() => $"protocol {ProtocolVersion >> 4}.{ProtocolVersion & 0xF}: {string.Join(" ", Commands.Select(c => c.ToString("X2")))}" +
            (Refused.Count == 0 ? "" : $" (refuses {string.Join(" ", Refused.Select(c => c.ToString("X2")))})");
    }
}
