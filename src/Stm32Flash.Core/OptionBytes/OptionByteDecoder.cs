using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>Turns option-byte words into named fields with their meanings, by the catalog's field map of the product.</summary>
    public static class OptionByteDecoder
    {
        private static readonly Dictionary<string, string> LevelMeanings = new Dictionary<string, string>
        {
            ["0"] = "level 0: open",
            ["0.5"] = "level 0.5: secure side closed to debug, non-secure open",
            ["1"] = "level 1: flash closed to debug and bootloader",
            ["2"] = "level 2: closed for good",
        };

        /// <summary>Every field of the map, in the map's order. Empty where the catalog has no field map for the product.</summary>
        public static IReadOnlyList<OptionByte> Decode(DeviceInfo device, OptionByteImage image)
        {
            Func<OptionFieldDefinition, uint> valueOf = f => f.ValueIn(image.Word(f.Address));
            return device.OptionByteMap.Fields.Select(f => new OptionByte(f, valueOf(f), image.Word(f.Address), Meaning(device, f, valueOf))).ToList();
        }

        /// <summary>The value of every field, by name.</summary>
        public static IReadOnlyDictionary<string, uint> Values(OptionByteMap map, OptionByteImage image) =>
            map.Fields.ToDictionary(f => f.Name, f => f.ValueIn(image.Word(f.Address)), StringComparer.OrdinalIgnoreCase);

        /// <summary>The readout-protection level ("0", "0.5", "1", "2") the image sets; null where the map has no RDP field.</summary>
        public static string? ReadoutLevel(OptionByteMap map, OptionByteImage image) =>
            map.ReadoutField is OptionFieldDefinition rdp ? rdp.LevelOf(rdp.ValueIn(image.Word(rdp.Address))) : null;

        /// <summary>What a value of a field means for this chip.</summary>
        public static string? Meaning(DeviceInfo device, OptionFieldDefinition field, Func<OptionFieldDefinition, uint> valueOf)
        {
            var value = valueOf(field);
            if (field.ReadoutLevels != null) return LevelMeanings[field.LevelOf(value)!];
            if (field.Protection != null) return WriteProtection.Describe(device, field, valueOf);
            if (field.MeaningOf(value) is string listed) return listed;
            if (field.Addressing is OptionFieldAddressing a)
            {
                var address = a.AddressOf(value);
                return address > uint.MaxValue ? $"0x{address:X} (past the address space)" : $"0x{address:X8}";
            }
            return null;
        }
    }
}
