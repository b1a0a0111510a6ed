using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>What a device's bootloader said about itself: Get (protocol version, commands), Get Version and Get ID.</summary>
    public sealed class UsartBootloaderInfo
    {
        public UsartBootloaderInfo(byte protocolVersion, IEnumerable<byte> commands, ushort productId, byte optionByte1 = 0, byte optionByte2 = 0)
        {
            ProtocolVersion = protocolVersion;
            Commands = commands.ToArray();
            ProductId = productId;
            OptionByte1 = optionByte1;
            OptionByte2 = optionByte2;
        }

        /// <summary>The protocol version as Get reports it, e.g. 0x31 for 3.1.</summary>
        public byte ProtocolVersion { get; }

        /// <summary>"3.1".</summary>
        public string Version => $"{ProtocolVersion >> 4}.{ProtocolVersion & 0xF}";

        /// <summary>The command codes the bootloader lists, in its order.</summary>
        public IReadOnlyList<byte> Commands { get; }

        public ushort ProductId { get; }

        /// <summary>The two bytes after the version in Get Version (0 on current products; read-protection status on old ones).</summary>
        public byte OptionByte1 { get; }

        public byte OptionByte2 { get; }

        public bool Offers(byte command) => Commands.Contains(command);

        /// <summary>The erase command the device takes: Extended Erase (0x44) or the legacy Erase (0x43); they are exclusive.</summary>
        public byte? EraseCommand => Offers(UsartCodes.ExtendedErase) ? UsartCodes.ExtendedErase : Offers(UsartCodes.Erase) ? UsartCodes.Erase : (byte?)null;

        /// <summary>True when both say the same in every field.</summary>
        public bool SameAs(UsartBootloaderInfo other) =>
            other != null && ProtocolVersion == other.ProtocolVersion && ProductId == other.ProductId && OptionByte1 == other.OptionByte1
            && OptionByte2 == other.OptionByte2 && Commands.SequenceEqual(other.Commands);

        public override string ToString() =>
            $"protocol {Version}, product ID 0x{ProductId:X3}, commands {string.Join(" ", Commands.Select(c => c.ToString("X2")))}";
    }
}
