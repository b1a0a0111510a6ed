using System;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// The 96-bit unique device ID of an STM32 (the reference manuals' UID register): 12 bytes as they lie in memory.
    /// Shown as 24 hex digits, most significant first (UID[95:0], the word at offset 8, then 4, then 0), as the
    /// reference manuals number its bits.
    /// </summary>
    public readonly struct UniqueId : IEquatable<UniqueId>
    {
        /// <summary>The ID is 12 bytes long.</summary>
        public const int Length = 12;

        private readonly byte[] _bytes;

        public UniqueId(byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length != Length) throw new ArgumentException($"A unique device ID is {Length} bytes, not {bytes.Length}.", nameof(bytes));
            _bytes = (byte[])bytes.Clone();
        }

        /// <summary>The bytes as read from memory, lowest address first.</summary>
        public byte[] GetBytes() => (byte[])(_bytes ?? new byte[Length]).Clone();

        /// <summary>The three 32-bit words (little-endian in memory): UID[31:0], UID[63:32], UID[95:64].</summary>
        public uint[] Words => Enumerable.Range(0, 3).Select(Word).ToArray();

        private uint Word(int i)
        {
            var b = _bytes ?? new byte[Length];
            return (uint)(b[4 * i] | b[4 * i + 1] << 8 | b[4 * i + 2] << 16 | b[4 * i + 3] << 24);
        }

        public override string ToString() => $"{Word(2):X8}{Word(1):X8}{Word(0):X8}";

        public bool Equals(UniqueId other) => GetBytes().SequenceEqual(other.GetBytes());

        public override bool Equals(object? obj) => obj is UniqueId other && Equals(other);

        public override int GetHashCode() => (int)(Word(0) ^ Word(1) ^ Word(2));
    }
}
