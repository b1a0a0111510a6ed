using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// One named field of the option bytes (RDP, BOR_LEV, nBOOT0, WRP1A_STRT, ...): where it sits in the 32-bit words the
    /// bootloader reads, and what its values mean.
    /// </summary>
    public sealed class OptionFieldDefinition
    {
        internal OptionFieldDefinition(OptionFieldParts p)
        {
            Name = p.Name;
            Address = p.Address;
            Bit = p.Bit;
            Width = p.Width;
            Factory = p.Factory;
            Group = p.Group;
            Values = p.Values;
            ReadoutLevels = p.ReadoutLevels;
            Addressing = p.Addressing;
            Protection = p.Protection;
            ReadOnly = p.ReadOnly;
            Note = p.Note;
        }

        public string Name { get; }

        /// <summary>The 32-bit little-endian word that holds the field, as the bootloader's Read Memory addresses it.</summary>
        public uint Address { get; }

        /// <summary>The lowest bit of the field in its word.</summary>
        public int Bit { get; }

        public int Width { get; }

        /// <summary>The value a factory-fresh chip has; null where the catalog does not know it.</summary>
        public uint? Factory { get; }

        /// <summary>protection, boot, banks, security, reset, watchdog, memory or user.</summary>
        public string Group { get; }

        /// <summary>What listed values mean; a null <see cref="OptionFieldValue.Value"/> stands for every value not listed.</summary>
        public IReadOnlyList<OptionFieldValue> Values { get; }

        /// <summary>For the readout-protection byte: the value that sets each level ("0", "0.5", "1", "2"); null for other fields.</summary>
        public IReadOnlyList<KeyValuePair<string, uint>>? ReadoutLevels { get; }

        /// <summary>For a field that holds an address or a page of one: address = Base + value x Step.</summary>
        public OptionFieldAddressing? Addressing { get; }

        /// <summary>For a write-protection field: which pages it protects.</summary>
        public OptionFieldProtection? Protection { get; }

        /// <summary>The chip sets it itself (or another core does); a host cannot change it.</summary>
        public bool ReadOnly { get; }

        public string? Note { get; }

        public uint Max => Width == 32 ? uint.MaxValue : (1u << Width) - 1;

        public uint Mask => Max << Bit;

        public uint ValueIn(uint word) => (word >> Bit) & Max;

        public uint Apply(uint word, uint value) => (word & ~Mask) | ((value & Max) << Bit);

        /// <summary>The readout-protection level a value of this field sets: a listed level, else "1".</summary>
        public string? LevelOf(uint value) =>
            ReadoutLevels is null ? null : ReadoutLevels.FirstOrDefault(l => l.Value == value && l.Key != "1").Key ?? "1";

        /// <summary>The value that sets readout-protection level <paramref name="level"/>, if this field has it.</summary>
        public uint? ValueForLevel(string level) =>
            ReadoutLevels?.Where(l => l.Key == level).Select(l => (uint?)l.Value).FirstOrDefault();

        /// <summary>The listed meaning of a value: its own, else that of "any other value"; null when neither is listed.</summary>
        public string? MeaningOf(uint value) =>
            (Values.FirstOrDefault(v => v.Value == value) ?? Values.FirstOrDefault(v => v.Value is null))?.Meaning;

        /// <summary>A value the field may be set to: within its width, and one of the listed values where only some are listed.</summary>
        public bool Accepts(uint value) =>
            value <= Max && (Values.Count == 0 || Values.Any(v => v.Value is null || v.Value == value));

        public override string ToString() => Width == 1 ? $"{Name} (bit {Bit} of 0x{Address:X8})" : $"{Name} (bits {Bit}..{Bit + Width - 1} of 0x{Address:X8})";
    }

    /// <summary>One listed value of an option field and what it means; a null value stands for any value not listed.</summary>
    public sealed class OptionFieldValue
    {
        public OptionFieldValue(uint? value, string meaning)
        {
            Value = value;
            Meaning = meaning;
        }

        public uint? Value { get; }

        public string Meaning { get; }
    }

    /// <summary>How a field's value maps to an address: <see cref="Base"/> + value x <see cref="Step"/>.</summary>
    public sealed class OptionFieldAddressing
    {
        public OptionFieldAddressing(uint @base, uint step)
        {
            Base = @base;
            Step = step;
        }

        public uint Base { get; }

        public uint Step { get; }

        public ulong AddressOf(uint value) => Base + (ulong)value * Step;
    }

    /// <summary>The fields of an <see cref="OptionFieldDefinition"/> as the reader collects them.</summary>
    internal sealed class OptionFieldParts
    {
        public string Name = "";
        public uint Address;
        public int Bit;
        public int Width = 1;
        public uint? Factory;
        public string Group = "user";
        public IReadOnlyList<OptionFieldValue> Values = Array.Empty<OptionFieldValue>();
        public IReadOnlyList<KeyValuePair<string, uint>>? ReadoutLevels;
        public OptionFieldAddressing? Addressing;
        public OptionFieldProtection? Protection;
        public bool ReadOnly;
        public string? Note;
    }
}
