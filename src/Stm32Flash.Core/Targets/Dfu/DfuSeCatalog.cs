using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>
    /// Finds the catalog device a DfuSe bootloader is, from the flash layout it reports (the DFU protocol has no Get ID): the
    /// products that offer DFU and whose flash, at some size and bank mode, has exactly the reported sectors. A named device
    /// is checked the same way, and a disagreement is reported, not ignored.
    /// </summary>
    public static class DfuSeCatalog
    {
        /// <summary>The chip <paramref name="named"/> is, with the reported flash; throws <see cref="DfuLayoutMismatchException"/> when no size or bank mode of it has these sectors.</summary>
        public static DeviceInfo Check(DeviceInfo named, DfuSeMemory flash)
        {
            if (named is null) throw new ArgumentNullException(nameof(named));
            var chips = Chips(named.Definition, flash).ToList();
            if (named.Definition is null) chips.Add(named);
            var match = chips.FirstOrDefault(c => Difference(c, flash) is null);
            if (match != null) return match;
            var nearest = chips.OrderBy(c => Math.Abs(c.FlashSize - flash.Size)).FirstOrDefault() ?? named;
            throw new DfuLayoutMismatchException(named, flash, Difference(nearest, flash)!, Candidates(flash));
        }

        /// <summary>The catalog chips whose flash is the reported one, one per product.</summary>
        public static IReadOnlyList<DeviceInfo> Candidates(DfuSeMemory flash) =>
            DeviceCatalog.Definitions
                .Where(d => d.Default.Offers(TargetInterface.Dfu) && d.FlashBase == flash.BaseAddress)
                .Select(d => Chips(d, flash).FirstOrDefault(c => Difference(c, flash) is null))
                .Where(c => c != null)
                .Select(c => c!)
                .GroupBy(c => c.ProductId)
                .Select(g => g.First())
                .ToList();

        /// <summary>
        /// The catalog chip the device is, from its flash and (when it has an "Option Bytes" alternate setting) where its option
        /// bytes are. Products that share the layout, the programming unit and the erased value write alike: the first is taken
        /// and <paramref name="note"/> names the others; when they differ in those, <see cref="DfuDeviceAmbiguousException"/>.
        /// </summary>
        public static DeviceInfo Pick(UsbDfuDevice usb, out string? note)
        {
            note = null;
            var flash = usb.Flash ?? throw new ArgumentException("The device describes no flash.", nameof(usb));
            var candidates = Candidates(flash);
            var options = usb.Alternates.FirstOrDefault(a => a.Name.StartsWith("Option Bytes", StringComparison.OrdinalIgnoreCase));
            if (options != null && candidates.Count > 1)
            {
                var placed = candidates.Where(c => options.Contains(c.OptionBytes.Start, 1)).ToList();
                if (placed.Count > 0) candidates = placed;
            }
            if (candidates.Count == 0)
                throw new DfuLayoutMismatchException(null, flash, $"none has {flash.Sectors.Count} sectors ({flash.Size / 1024} KiB) at 0x{flash.BaseAddress:X8}", candidates);
            if (candidates.Count == 1) return candidates[0];
            if (candidates.Any(c => c.ProgramUnit != candidates[0].ProgramUnit || c.ErasedValue != candidates[0].ErasedValue))
                throw new DfuDeviceAmbiguousException(flash, candidates);
            note = $"USB DFU does not say which product it is: its flash layout is that of {string.Join(", ", candidates.Select(c => c.Name))}, which write alike; " +
                $"connected as {candidates[0].Name}. Name the chip with -Device for its option bytes and RAM.";
            return candidates[0];
        }

        /// <summary>Where the catalog chip's flash and the reported sectors first differ; null when they agree.</summary>
        public static string? Difference(DeviceInfo chip, DfuSeMemory flash)
        {
            var pages = chip.Flash.GetPages();
            var sectors = flash.Sectors;
            for (var i = 0; i < Math.Max(pages.Count, sectors.Count); i++)
            {
                if (i >= pages.Count) return $"the device reports {sectors.Count - i} more sector(s) from 0x{sectors[i].Address:X8}, beyond {chip.Name}'s {SizeText.Of(chip.FlashSize)} of flash";
                if (i >= sectors.Count) return $"{chip.Name} has {pages.Count - i} more {chip.Flash.UnitName}(s) from 0x{pages[i].Address:X8} than the device reports";
                if (pages[i].Address != sectors[i].Address || pages[i].Size != sectors[i].Size)
                    return $"at 0x{sectors[i].Address:X8} the device reports a {SizeText.Of(sectors[i].Size)} sector where {chip.Name} has {chip.Flash.UnitName} {pages[i].Number} " +
                        $"of {SizeText.Of(pages[i].Size)} at 0x{pages[i].Address:X8}";
            }
            return null;
        }

        // The definition's chips with the reported flash size, in every bank mode its option bits choose.
        private static IEnumerable<DeviceInfo> Chips(DeviceDefinition? definition, DfuSeMemory flash)
        {
            if (definition is null) yield break;
            var bits = definition.OptionBits.Take(3).Select(b => b.Name).ToList();
            for (var combination = 0; combination < 1 << bits.Count; combination++)
            {
                var values = bits.Select((name, i) => new KeyValuePair<string, int>(name, (combination >> i) & 1)).ToDictionary(p => p.Key, p => p.Value);
                DeviceInfo? chip = null;
                try
                {
                    chip = definition.Resolve(flash.Size, values, $"USB DFU: {flash.Size / 1024} KiB reported by the bootloader ({flash.Name})");
                }
                catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException)
                {
                }
                if (chip != null) yield return chip;
            }
        }
    }
}
