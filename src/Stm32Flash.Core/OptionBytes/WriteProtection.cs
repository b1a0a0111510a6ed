using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>
    /// Pages and write-protection fields, both ways, in the layout the chip has now: which pages the fields protect, the
    /// fields that protect given pages, and the numbers the bootloader's Write Protect command (0x63) takes for them (the
    /// page numbers where the fields give areas, the group of each bit where they give a mask).
    /// </summary>
    public static class WriteProtection
    {
        /// <summary>The catalog describes how this product's write protection is stored.</summary>
        public static bool IsMapped(DeviceInfo device) => device.OptionByteMap.ProtectionFields.Any();

        /// <summary>The pages (their numbers) the fields protect, read with <paramref name="valueOf"/>.</summary>
        public static IReadOnlyCollection<int> ProtectedPages(DeviceInfo device, Func<OptionFieldDefinition, uint> valueOf)
        {
            var result = new SortedSet<int>();
            foreach (var field in device.OptionByteMap.ProtectionFields)
                result.UnionWith(PagesOf(device, field, valueOf).Select(p => p.Number));
            return result;
        }

        /// <summary>What one protection field says, for its meaning: the page an area starts or ends at, or the groups a mask protects.</summary>
        public static string Describe(DeviceInfo device, OptionFieldDefinition field, Func<OptionFieldDefinition, uint> valueOf)
        {
            var p = field.Protection!;
            if (p.IsArea)
            {
                var (start, end) = Edges(device.OptionByteMap, p);
                var bank = BankPages(device, p.Bank);
                if (bank.Count == 0) return $"not used: the chip has no bank {p.Bank} in this layout";
                var value = (int)valueOf(field);
                var area = $"area {p.Bank}{p.Area}";
                if (valueOf(start) > valueOf(end)) return $"{area} empty (start after end)";
                if (value >= bank.Count) return $"{area} {(p.IsStart ? "from" : "to")} index {value}, past the last of bank {p.Bank} ({bank.Count - 1})";
                var page = bank[value];
                return p.IsStart ? $"{area} from {device.Flash.UnitName} {page.Number} (0x{page.Address:X8})" : $"{area} to {device.Flash.UnitName} {page.Number} (ends 0x{page.EndAddress:X8})";
            }
            var pages = PagesOf(device, field, valueOf).ToList();
            if (pages.Count == 0) return "none protected";
            return $"protected: {device.Flash.UnitName}s {NumberRuns.Describe(pages.Select(pg => pg.Number))}";
        }

        /// <summary>
        /// The numbers the bootloader's Write Protect command takes to protect <paramref name="pages"/>, and every page those
        /// protect (a mask bit covers a group of pages). Products the catalog has no map for take the page numbers as they are.
        /// </summary>
        public static (IReadOnlyList<int> Numbers, IReadOnlyList<FlashPage> Covered) BootloaderNumbers(DeviceInfo device, IEnumerable<int> pages)
        {
            var list = pages.Distinct().OrderBy(n => n).ToList();
            var masks = device.OptionByteMap.ProtectionFields.Where(f => !f.Protection!.IsArea).ToList();
            if (masks.Count == 0) return (list, list.Select(n => device.Flash.PageByNumber(n)).Where(p => p != null).Select(p => p!).ToList());
            var groups = new SortedSet<int>();
            foreach (var n in list)
            {
                var index = IndexOf(device, n);
                var group = GroupOf(device, masks, index) ?? throw new ArgumentException($"{device.Flash.UnitName} {n} is not covered by any write-protection bit of {device.Name}.", nameof(pages));
                groups.Add(group);
            }
            var covered = groups.SelectMany(g => GroupPages(device, masks, g)).Distinct().OrderBy(p => p.Address).ToList();
            return (groups.ToList(), covered);
        }

        /// <summary>
        /// The values of every protection field that protect exactly the pages the bootloader numbers name (and nothing else),
        /// as the simulator's Write Protect command sets them. Throws when the fields cannot hold them.
        /// </summary>
        public static IReadOnlyDictionary<string, uint> Encode(DeviceInfo device, IReadOnlyList<int> numbers)
        {
            var map = device.OptionByteMap;
            var values = new Dictionary<string, uint>(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in Unprotected(device)) values[kv.Key] = kv.Value;
            var masks = map.ProtectionFields.Where(f => !f.Protection!.IsArea).ToList();
            foreach (var n in numbers.Distinct())
            {
                var mask = masks.FirstOrDefault(f => n >= f.Protection!.FirstGroup && n < f.Protection.FirstGroup + f.Width);
                if (mask != null)
                {
                    values[mask.Name] &= ~(1u << (n - mask.Protection!.FirstGroup));
                    continue;
                }
                if (masks.Count > 0) throw new ArgumentException($"{device.Name} has no write-protection group {n}.");
            }
            if (masks.Count > 0) return values;
            foreach (var bank in numbers.Distinct().Select(n => device.Flash.PageByNumber(n) ?? throw new ArgumentException($"{device.Name} has no {device.Flash.UnitName} {n}."))
                .GroupBy(p => p.Bank))
            {
                var indexes = bank.Select(p => IndexOf(device, p.Number)).OrderBy(i => i).ToList();
                var runs = Runs(indexes);
                var areas = map.ProtectionFields.Where(f => f.Protection!.IsArea && f.Protection.Bank == bank.Key && f.Protection.IsStart).ToList();
                if (runs.Count > areas.Count)
                    throw new ArgumentException($"bank {bank.Key} of {device.Name} has {areas.Count} write-protected area(s); {device.Flash.UnitName}s {NumberRuns.Describe(bank.Select(p => p.Number))} need {runs.Count}.");
                for (var i = 0; i < runs.Count; i++)
                {
                    var (start, end) = Edges(map, areas[i].Protection!);
                    values[start.Name] = (uint)runs[i].First;
                    values[end.Name] = (uint)runs[i].Last;
                }
            }
            return values;
        }

        /// <summary>The values of every protection field that protect nothing: areas with start past end, masks all ones.</summary>
        public static IReadOnlyDictionary<string, uint> Unprotected(DeviceInfo device) =>
            device.OptionByteMap.ProtectionFields.ToDictionary(f => f.Name,
                f => f.Protection!.IsArea ? (f.Protection.IsStart ? f.Max : 0u) : f.Max, StringComparer.OrdinalIgnoreCase);

        private static IEnumerable<FlashPage> PagesOf(DeviceInfo device, OptionFieldDefinition field, Func<OptionFieldDefinition, uint> valueOf)
        {
            var p = field.Protection!;
            if (p.IsArea)
            {
                if (!p.IsStart) return Enumerable.Empty<FlashPage>();
                var (start, end) = Edges(device.OptionByteMap, p);
                var from = valueOf(start);
                var to = valueOf(end);
                var bank = BankPages(device, p.Bank);
                if (from > to || from >= bank.Count) return Enumerable.Empty<FlashPage>();
                return bank.Skip((int)from).Take((int)(Math.Min(to, (uint)bank.Count - 1) - from + 1));
            }
            var mask = valueOf(field);
            var masks = device.OptionByteMap.ProtectionFields.Where(f => !f.Protection!.IsArea).ToList();
            return Enumerable.Range(0, field.Width).Where(b => (mask & (1u << b)) == 0).SelectMany(b => GroupPages(device, masks, p.FirstGroup + b));
        }

        private static IEnumerable<FlashPage> GroupPages(DeviceInfo device, IReadOnlyList<OptionFieldDefinition> masks, int group)
        {
            var field = masks.First(f => group >= f.Protection!.FirstGroup && group < f.Protection.FirstGroup + f.Width);
            var p = field.Protection!;
            var pages = device.Flash.GetPages();
            var first = group * p.PagesPerBit;
            var last = p.LastBitToEnd && group == p.FirstGroup + field.Width - 1 ? pages.Count : first + p.PagesPerBit;
            return pages.Skip(first).Take(Math.Max(0, Math.Min(last, pages.Count) - first));
        }

        private static int? GroupOf(DeviceInfo device, IReadOnlyList<OptionFieldDefinition> masks, int index)
        {
            foreach (var f in masks)
            {
                for (var b = 0; b < f.Width; b++)
                {
                    if (GroupPages(device, masks, f.Protection!.FirstGroup + b).Any(pg => IndexOf(device, pg.Number) == index)) return f.Protection.FirstGroup + b;
                }
            }
            return null;
        }

        private static (OptionFieldDefinition Start, OptionFieldDefinition End) Edges(OptionByteMap map, OptionFieldProtection p)
        {
            var pair = map.ProtectionFields.Where(f => f.Protection!.IsArea && f.Protection.Bank == p.Bank && f.Protection.Area == p.Area).ToList();
            return (pair.First(f => f.Protection!.IsStart), pair.First(f => !f.Protection!.IsStart));
        }

        private static IReadOnlyList<FlashPage> BankPages(DeviceInfo device, int bank) => device.Flash.PagesInBank(bank).OrderBy(p => p.Address).ToList();

        // A page's position in flash (masks) or within its bank (areas), counting from 0.
        private static int IndexOf(DeviceInfo device, int number)
        {
            var page = device.Flash.PageByNumber(number) ?? throw new ArgumentException($"{device.Name} has no {device.Flash.UnitName} {number}.");
            var masks = device.OptionByteMap.ProtectionFields.Any(f => !f.Protection!.IsArea);
            var pages = masks ? device.Flash.GetPages() : BankPages(device, page.Bank);
            for (var i = 0; i < pages.Count; i++)
            {
                if (pages[i].Number == number) return i;
            }
            return -1;
        }

        private static List<(int First, int Last)> Runs(IReadOnlyList<int> sorted)
        {
            var runs = new List<(int, int)>();
            for (var i = 0; i < sorted.Count;)
            {
                var j = i;
                while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
                runs.Add((sorted[i], sorted[j]));
                i = j + 1;
            }
            return runs;
        }
    }
}
