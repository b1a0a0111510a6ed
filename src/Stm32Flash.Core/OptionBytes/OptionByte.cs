using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>One decoded option-byte field of a chip: its value and what that means.</summary>
    public sealed class OptionByte
    {
        public OptionByte(OptionFieldDefinition field, uint value, uint word, string? meaning)
        {
            Field = field;
            Value = value;
            Word = word;
            Meaning = meaning;
        }

        public string Name => Field.Name;

        public uint Value { get; }

        /// <summary>What the value means for this chip, e.g. "level 0: open" or "pages 0..3 (0x08000000..0x08002000)".</summary>
        public string? Meaning { get; }

        /// <summary>protection, boot, banks, security, reset, watchdog, memory or user.</summary>
        public string Group => Field.Group;

        /// <summary>The word that holds the field, as Read Memory addresses it.</summary>
        public uint Address => Field.Address;

        public int Bit => Field.Bit;

        public int Width => Field.Width;

        /// <summary>The whole 32-bit word the field was read from.</summary>
        public uint Word { get; }

        /// <summary>The factory value, where the catalog knows it.</summary>
        public uint? Factory => Field.Factory;

        public bool ReadOnly => Field.ReadOnly;

        /// <summary>The catalog's description of the field.</summary>
        public OptionFieldDefinition Field { get; }

        /// <summary>The value as the views show it: a number for one bit, hex for more.</summary>
        public string ValueText => Text(Field, Value);

        public static string Text(OptionFieldDefinition field, uint value) => field.Width <= 2 ? value.ToString() : $"0x{value:X}";

        public override string ToString() => $"{Name} = {ValueText}{(Meaning is null ? "" : $" ({Meaning})")}";
    }
}
