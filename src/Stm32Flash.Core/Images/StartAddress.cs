using System;

namespace Stm32Flash.Images
{
    /// <summary>Where execution starts, as an image file recorded it.</summary>
    public sealed class StartAddress : IEquatable<StartAddress>
    {
        private StartAddress(StartAddressKind kind, uint address, ushort? codeSegment, ushort? instructionPointer)
        {
            Kind = kind;
            Address = address;
            CodeSegment = codeSegment;
            InstructionPointer = instructionPointer;
        }

        public static StartAddress Linear(uint address) => new StartAddress(StartAddressKind.LinearEip, address, null, null);

        public static StartAddress SegmentCsIp(ushort codeSegment, ushort instructionPointer) =>
            new StartAddress(StartAddressKind.SegmentCsIp, ((uint)codeSegment << 4) + instructionPointer, codeSegment, instructionPointer);

        public static StartAddress FromSRecord(uint address) => new StartAddress(StartAddressKind.SRecord, address, null, null);

        public static StartAddress FromElf(uint entry) => new StartAddress(StartAddressKind.ElfEntry, entry, null, null);

        public StartAddressKind Kind { get; }

        /// <summary>The linear address execution starts at (CS * 16 + IP for a CS:IP start).</summary>
        public uint Address { get; }

        /// <summary>CS of an Intel HEX 03 record; null for other kinds.</summary>
        public ushort? CodeSegment { get; }

        /// <summary>IP of an Intel HEX 03 record; null for other kinds.</summary>
        public ushort? InstructionPointer { get; }

        public bool Equals(StartAddress? other) =>
            other is not null && Kind == other.Kind && Address == other.Address &&
            CodeSegment == other.CodeSegment && InstructionPointer == other.InstructionPointer;

        public override bool Equals(object? obj) => obj is StartAddress s && Equals(s);

        public override int GetHashCode() => unchecked(((int)Kind * 397) ^ (int)Address);

        public override string ToString() => Kind switch
        {
            StartAddressKind.SegmentCsIp => $"{CodeSegment:X4}:{InstructionPointer:X4} (CS:IP, 0x{Address:X8})",
            StartAddressKind.LinearEip => $"0x{Address:X8} (EIP)",
            StartAddressKind.SRecord => $"0x{Address:X8} (S-record)",
            _ => $"0x{Address:X8} (ELF entry)",
        };
    }
}
