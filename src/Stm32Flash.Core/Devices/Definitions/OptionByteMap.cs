using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>How a product stores each byte's complement in its option bytes, where it does.</summary>
    public enum OptionComplement
    {
        None,
        /// <summary>Each value byte is followed by its complement (F0, F1, F3): fields sit in bytes 0 and 2 of a word.</summary>
        Byte,
        /// <summary>Each 16-bit half is followed by its complement (L0, L1): fields sit in bits 0..15.</summary>
        Halfword,
    }

    /// <summary>
    /// A product's option bytes as the bootloader reads and writes them: the areas, and where the catalog has them, the
    /// named fields and the combinations of values that are refused unless meant.
    /// </summary>
    public sealed class OptionByteMap
    {
        private readonly Dictionary<string, OptionFieldDefinition> _byName;

        public OptionByteMap(IEnumerable<AddressRange> areas, IEnumerable<OptionFieldDefinition>? fields = null, IEnumerable<OptionRuleDefinition>? rules = null,
            OptionComplement complement = OptionComplement.None, uint programOffset = 0, string? source = null, string? notes = null)
        {
            Areas = areas.ToArray();
            if (Areas.Count == 0) throw new ArgumentException("An option-byte map has at least one area.", nameof(areas));
            Fields = fields?.ToArray() ?? Array.Empty<OptionFieldDefinition>();
            Rules = rules?.ToArray() ?? Array.Empty<OptionRuleDefinition>();
            Complement = complement;
            ProgramOffset = programOffset;
            Source = source;
            Notes = notes;
            _byName = Fields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>The option-byte areas, the main one first (<see cref="DeviceInfo.OptionBytes"/>), then any others (bank 2's).</summary>
        public IReadOnlyList<AddressRange> Areas { get; }

        /// <summary>The named fields; empty where the catalog has no field map for the product.</summary>
        public IReadOnlyList<OptionFieldDefinition> Fields { get; }

        public IReadOnlyList<OptionRuleDefinition> Rules { get; }

        public OptionComplement Complement { get; }

        /// <summary>
        /// Where the area holds current and programming registers in pairs (H7): a field is written this many bytes after the
        /// word it is read from, and takes effect when the chip loads its options. 0 elsewhere.
        /// </summary>
        public uint ProgramOffset { get; }

        /// <summary>Where the field map comes from.</summary>
        public string? Source { get; }

        /// <summary>Where the field map differs from its source, or what it leaves out.</summary>
        public string? Notes { get; }

        public bool HasFields => Fields.Count > 0;

        /// <summary>The areas and how many fields are named in them: how the map reads where a report cuts it short.</summary>
        public override string ToString() =>
            string.Join(", ", Areas) + (HasFields ? $"; {Fields.Count} fields" : "; no field map");

        /// <summary>The readout-protection field (RDP), where the map has one.</summary>
        public OptionFieldDefinition? ReadoutField => Fields.FirstOrDefault(f => f.ReadoutLevels != null);

        /// <summary>The write-protection fields.</summary>
        public IEnumerable<OptionFieldDefinition> ProtectionFields => Fields.Where(f => f.Protection != null);

        public OptionFieldDefinition? Field(string name) => _byName.TryGetValue(name, out var f) ? f : null;

        /// <summary>The area that holds the 4 bytes at <paramref name="address"/>, if any.</summary>
        public AddressRange? AreaOf(uint address) =>
            Areas.Where(a => a.Contains(AddressRange.FromLength(address, 4))).Select(a => (AddressRange?)a).FirstOrDefault();
    }
}
