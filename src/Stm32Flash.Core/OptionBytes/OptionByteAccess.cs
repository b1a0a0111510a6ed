using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Targets;

namespace Stm32Flash.OptionBytes
{
    /// <summary>Reads a connected chip's option bytes, writes a planned change, and checks that the chip took it.</summary>
    public static class OptionByteAccess
    {
        /// <summary>Every option-byte area of the chip, read in pieces the interface takes.</summary>
        public static OptionByteImage Read(ITarget target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            if (!target.Capabilities.CanReadOptionBytes)
            {
                throw new TargetException(TargetErrorKind.NotSupported, "read option bytes", $"{target.Description} cannot read the option bytes.", null, null,
                    "Connect through the USART bootloader or the simulator to read them.");
            }
            var chunk = Math.Max(4, target.Capabilities.MaxRead & ~3);
            var areas = new List<KeyValuePair<AddressRange, byte[]>>();
            foreach (var area in target.Device.OptionByteAreas)
            {
                var bytes = new byte[area.Length];
                for (var offset = 0; offset < bytes.Length; offset += chunk)
                    target.Read(area.Start + (uint)offset, bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)));
                areas.Add(new KeyValuePair<AddressRange, byte[]>(area, bytes));
            }
            return new OptionByteImage(areas);
        }

        /// <summary>
        /// The pages the chip write-protects now, as its option bytes say; null where the catalog does not map its
        /// protection fields or the target cannot read option bytes.
        /// </summary>
        public static IReadOnlyCollection<int>? ReadProtectedPages(ITarget target)
        {
            if (!WriteProtection.IsMapped(target.Device) || !target.Capabilities.CanReadOptionBytes) return null;
            var image = Read(target);
            return WriteProtection.ProtectedPages(target.Device, f => f.ValueIn(image.Word(f.Address)));
        }

        /// <summary>Makes the plan's writes; after each the chip resets, and the target connects again.</summary>
        public static void Write(ITarget target, OptionBytePlan plan)
        {
            if (!target.Capabilities.CanWriteOptionBytes)
            {
                throw new TargetException(TargetErrorKind.NotSupported, "write option bytes", $"{target.Description} cannot write the option bytes.", null, null,
                    "Connect through the USART bootloader or the simulator to change them.");
            }
            foreach (var write in plan.Writes) target.WriteOptionBytes(write.Address, write.Data);
        }

        /// <summary>
        /// Reads the chip after the plan was written and says how it was confirmed. With readout protection now on, the
        /// bootloader refuses the read, which is the confirmation. Throws <see cref="OptionByteException"/>
        /// (<see cref="OptionByteError.NotApplied"/>) when a field does not hold the value written.
        /// </summary>
        public static string Confirm(ITarget target, OptionBytePlan plan)
        {
            var level = OptionByteDecoder.ReadoutLevel(plan.Device.OptionByteMap, plan.After);
            if (level == "1" || level == "2") return ConfirmReadsRefused(target, level);
            var now = Read(target);
            var fields = OptionByteDecoder.Decode(target.Device, now).ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            var wrong = plan.Changes.Where(c => fields[c.Name].Value != c.After.Value).ToList();
            if (wrong.Count > 0)
            {
                throw new OptionByteException(OptionByteError.NotApplied,
                    $"{target.Device.Name} did not take the change: read back, {string.Join("; ", wrong.Select(c => $"{c.Name} is {fields[c.Name].ValueText}, not {c.After.ValueText}"))}.",
                    wrong[0].Name, null,
                    "Some bootloaders miss the option-byte reload after a write (the G07x/G08x's version 11.2 over USART, per ST's errata): power-cycle the chip and read again.");
            }
            return $"read back: {string.Join(", ", plan.Changes.Select(c => $"{c.Name} = {fields[c.Name].ValueText}"))}";
        }

        /// <summary>With readout protection on, the bootloader refuses to read flash: that a read is refused confirms it.</summary>
        public static string ConfirmReadsRefused(ITarget target, string level = "1")
        {
            try
            {
                target.Read(target.Device.Flash.BaseAddress, new byte[4]);
            }
            catch (TargetException ex) when (ex.Kind == TargetErrorKind.ReadoutProtected || ex.Kind == TargetErrorKind.Refused)
            {
                return $"reads are refused now (readout protection level {level})";
            }
            throw new OptionByteException(OptionByteError.NotApplied,
                $"{target.Device.Name} still lets flash be read, so readout protection level {level} is not in force.", "RDP", null,
                "The chip did not reload its option bytes; power-cycle it and check again.");
        }
    }
}
