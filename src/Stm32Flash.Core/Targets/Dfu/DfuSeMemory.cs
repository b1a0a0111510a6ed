using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>
    /// An alternate setting's memory as its DfuSe string describes it (AN3156): "@Name /0xADDRESS/NN*SSSu[t],..." with one or
    /// more "/address/sectors" groups; u is the unit (B or space, K, M) and t the type letter a..g.
    /// </summary>
    public sealed class DfuSeMemory
    {
        private DfuSeMemory(int alternate, string text, string name, IReadOnlyList<DfuSeSector> sectors)
        {
            Alternate = alternate;
            Text = text;
            Name = name;
            Sectors = sectors;
        }

        /// <summary>bAlternateSetting.</summary>
        public int Alternate { get; }

        /// <summary>The interface string as the device gives it.</summary>
        public string Text { get; }

        /// <summary>The memory's name, e.g. "Internal Flash".</summary>
        public string Name { get; }

        public IReadOnlyList<DfuSeSector> Sectors { get; }

        public uint BaseAddress => Sectors.Count == 0 ? 0 : Sectors[0].Address;

        public long Size => Sectors.Sum(s => (long)s.Size);

        public DfuSeSector? SectorAt(uint address) => Sectors.FirstOrDefault(s => address >= s.Address && address < s.EndAddress);

        /// <summary>The range lies within sectors of this memory.</summary>
        public bool Contains(uint address, int length)
        {
            var end = (ulong)address + (ulong)Math.Max(length, 1);
            for (ulong at = address; at < end;)
            {
                var sector = SectorAt((uint)at);
                if (sector is null) return false;
                at = sector.EndAddress;
            }
            return true;
        }

        /// <summary>Parses an interface string; one that is not a DfuSe memory string gives a memory with no sectors.</summary>
        public static DfuSeMemory Parse(int alternate, string text)
        {
            if (text is null) throw new ArgumentNullException(nameof(text));
            var trimmed = text.Trim();
            if (!trimmed.StartsWith("@", StringComparison.Ordinal) || trimmed.IndexOf('/') < 0)
                return new DfuSeMemory(alternate, text, trimmed, Array.Empty<DfuSeSector>());
            var groups = trimmed.Substring(1).Split('/');
            var sectors = new List<DfuSeSector>();
            try
            {
                for (var g = 1; g + 1 < groups.Length; g += 2)
                {
                    var address = ParseAddress(groups[g].Trim());
                    foreach (var part in groups[g + 1].Split(','))
                    {
                        var (count, size, attributes) = ParseSectors(part);
                        for (var i = 0; i < count; i++)
                        {
                            sectors.Add(new DfuSeSector(address, size, attributes));
                            address += (uint)size;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException)
            {
                throw new FormatException($"The DfuSe memory string '{text}' of alternate setting {alternate} is not in AN3156's form: {ex.Message}", ex);
            }
            return new DfuSeMemory(alternate, text, groups[0].Trim(), sectors);
        }

        private static uint ParseAddress(string text) =>
            text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.Parse(text.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : throw new FormatException($"'{text}' is not a 0x address.");

        // "04*016Kg": count, size, unit, type letter
        private static (int count, int size, int attributes) ParseSectors(string text)
        {
            var star = text.IndexOf('*');
            if (star < 1) throw new FormatException($"'{text}' has no count*size.");
            var count = int.Parse(text.Substring(0, star).Trim(), CultureInfo.InvariantCulture);
            var rest = text.Substring(star + 1);
            var digits = 0;
            while (digits < rest.Length && char.IsDigit(rest[digits])) digits++;
            if (digits == 0) throw new FormatException($"'{text}' has no sector size.");
            long size = int.Parse(rest.Substring(0, digits), CultureInfo.InvariantCulture);
            var tail = rest.Substring(digits);
            if (tail.Length == 0) throw new FormatException($"'{text}' has no type letter.");
            var unit = tail[0];
            if (unit == 'K') size *= 1024;
            else if (unit == 'M') size *= 1024 * 1024;
            var type = unit == 'K' || unit == 'M' || unit == 'B' || unit == ' ' ? (tail.Length > 1 ? tail[1] : ' ') : unit;
            if (type < 'a' || type > 'g') throw new FormatException($"'{text}' has no type letter a..g.");
            if (size <= 0 || size > int.MaxValue) throw new FormatException($"'{text}' has a sector size out of range.");
            return (count, (int)size, type - 'a' + 1);
        }

        public override string ToString() => Text;
    }
}
