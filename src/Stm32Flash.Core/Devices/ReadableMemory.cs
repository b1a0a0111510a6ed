using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// The memory areas of a device that the bootloaders read from: flash, RAM, system memory and option bytes. A read must
    /// lie within one of them; a bootloader refuses one that runs from an area into what follows it, but only when the
    /// transfer reaches there, after everything before has been read.
    /// </summary>
    public static class ReadableMemory
    {
        public static IReadOnlyList<(string Name, AddressRange Range)> Areas(DeviceInfo device)
        {
            var areas = device.Flash.Ranges.Select(r => ("flash", r)).ToList();
            areas.AddRange(device.Ram.Select(r => ("RAM", r)));
            areas.Add(("system memory", device.SystemMemory));
            areas.Add(("option bytes", device.OptionBytes));
            return areas.Where(a => !a.Item2.IsEmpty).OrderBy(a => a.Item2.Start).ToList();
        }

        /// <summary>
        /// Why the range cannot be read: it reaches into a memory area without lying in one. Null when it lies within one
        /// area, or outside them all (registers the catalog does not list, which the device answers or refuses itself).
        /// </summary>
        public static string? Refusal(DeviceInfo device, AddressRange range)
        {
            var areas = Areas(device);
            if (areas.Any(a => a.Range.Contains(range))) return null;
            var reached = areas.Where(a => a.Range.Overlaps(range)).ToList();
            if (reached.Count == 0) return null;
            var first = reached[0];
            var where = first.Range.Contains(range.Start)
                ? $"starts in {first.Name} ({first.Range}) and runs {range.End - first.Range.End:N0} bytes past its end at 0x{first.Range.End:X8}"
                : $"starts at 0x{range.Start:X8}, outside {device.Name}'s memory areas, and reaches into {first.Name} ({first.Range})";
            return $"{range} ({range.Length:N0} bytes) {where}; a bootloader reads within one memory area ({device.Name}: " +
                   $"{string.Join(", ", areas.Select(a => $"{a.Name} {a.Range}"))}). Nothing was read.";
        }

        /// <summary>The longest read from the range's start that stays within its area; 0 when the start is in none.</summary>
        public static long LongestRead(DeviceInfo device, uint start) =>
            Areas(device).Where(a => a.Range.Contains(start)).Select(a => (long)(a.Range.End - start)).DefaultIfEmpty(0).Max();
    }
}
