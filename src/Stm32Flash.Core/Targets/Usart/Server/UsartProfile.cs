using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// What a simulated USART bootloader says about itself: its protocol version and the commands it lists. The defaults
    /// follow the product families: the F1's old bootloader (protocol 2.2) has the legacy Erase 0x43; F4 (3.1) and G0
    /// bootloaders have Extended Erase but no Get Checksum; the others list Get Checksum 0xA1 (protocol 3.3).
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

        /// <summary>The profile of the product's bootloader; <paramref name="checksum"/> false leaves Get Checksum out where it would be listed.</summary>
        public static UsartProfile For(DeviceInfo device, bool checksum = true)
        {
            if (device is null) throw new ArgumentNullException(nameof(device));
            switch (device.Series)
            {
                case "STM32F1":
                    return new UsartProfile(0x22, Basic.Concat(new[] { UsartCodes.Erase }).Concat(Protection));
                case "STM32F4":
                case "STM32G0":
                    return new UsartProfile(0x31, Basic.Concat(new[] { UsartCodes.ExtendedErase }).Concat(Protection));
                default:
                    return checksum
                        ? new UsartProfile(0x33, Basic.Concat(new[] { UsartCodes.ExtendedErase }).Concat(Protection).Concat(new[] { UsartCodes.GetChecksum }))
                        : new UsartProfile(0x31, Basic.Concat(new[] { UsartCodes.ExtendedErase }).Concat(Protection));
            }
        }

        public override string ToString() => $"protocol {ProtocolVersion >> 4}.{ProtocolVersion & 0xF}: {string.Join(" ", Commands.Select(c => c.ToString("X2")))}" +
            (Refused.Count == 0 ? "" : $" (refuses {string.Join(" ", Refused.Select(c => c.ToString("X2")))})");
    }
}
