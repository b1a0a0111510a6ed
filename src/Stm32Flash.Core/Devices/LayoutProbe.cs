using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.Targets;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// Finds the layout a connected chip really has: reads its flash-size register and the option bits that choose the
    /// layout, and resolves the catalog entry with them. What cannot be read (a bootloader that refuses the area) is
    /// taken from the catalog's default, and <see cref="DeviceInfo.LayoutOrigin"/> says so.
    /// </summary>
    public static class LayoutProbe
    {
        /// <summary>
        /// Resolves <paramref name="definition"/> for the chip behind <paramref name="read"/> (address, length: bytes;
        /// throws <see cref="TargetException"/> when the device refuses). Refusals are reported to <paramref name="log"/>.
        /// </summary>
        public static DeviceInfo Resolve(DeviceDefinition definition, Func<uint, int, byte[]> read, Action<string>? log = null)
        {
            if (definition is null) throw new ArgumentNullException(nameof(definition));
            if (read is null) throw new ArgumentNullException(nameof(read));
            var found = new List<string>();
            var missed = new List<string>();
            long? size = null;
            if (definition.FlashSizeRegister is uint register)
            {
                var bytes = TryRead(read, register & ~3u, 4, out var why);
                if (bytes is null)
                {
                    missed.Add($"flash size (0x{register:X8}: {why})");
                }
                else
                {
                    var kib = bytes[register & 3] | (bytes[(register & 3) + 1] << 8);
                    var fits = kib > 0 && kib * 1024L <= definition.MaxFlashSize && definition.Fits(kib * 1024L);
                    if (fits)
                    {
                        size = kib * 1024L;
                        found.Add($"flash size {kib} KiB (0x{register:X8})");
                    }
                    else
                    {
                        missed.Add($"flash size (0x{register:X8} reads 0x{kib:X4}, not a size {definition.Name} comes in)");
                    }
                }
            }
            var bits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var assumed = new List<string>();
            foreach (var group in definition.OptionBits.GroupBy(b => b.Address))
            {
                var bytes = TryRead(read, group.Key, 4, out var why);
                if (bytes is null)
                {
                    missed.Add($"{string.Join(", ", group.Select(b => b.Name))} (0x{group.Key:X8}: {why})");
                    assumed.AddRange(group.Select(b => b.Name));
                    continue;
                }
                var word = BitConverter.ToUInt32(bytes, 0);
                foreach (var bit in group)
                {
                    bits[bit.Name] = bit.ValueIn(word);
                    found.Add($"{bit.Name}={bits[bit.Name]} (0x{group.Key:X8} bit {bit.Bit})");
                }
            }
            var origin = found.Count > 0 ? "read from the device: " + string.Join(", ", found) : "";
            if (missed.Count > 0)
            {
                var fallback = $"not readable, the catalog's default used: {string.Join("; ", missed)}";
                origin = origin.Length == 0 ? fallback : origin + "; " + fallback;
                log?.Invoke($"{definition.Name}: {fallback}.");
            }
            if (origin.Length == 0) origin = "fixed by the catalog (nothing to read)";
            DeviceInfo device;
            try
            {
                device = definition.Resolve(size, bits, origin, assumed);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException)
            {
                throw new TargetException(TargetErrorKind.NotSupported, "connect",
                    $"{definition.Name}: what was read from the device matches no layout in the catalog ({origin}): {ex.Message}", null, null,
                    "The catalog entry lacks this layout; describe the chip in a definition file (Get-Help about_Stm32Flash_Devices).");
            }
            log?.Invoke($"{definition.Name}: {SizeText.Of(device.FlashSize)} of flash, {device.Layout} ({origin}).");
            return device;
        }

        private static byte[]? TryRead(Func<uint, int, byte[]> read, uint address, int length, out string why)
        {
            try
            {
                why = "";
                return read(address, length);
            }
            catch (TargetException ex) when (ex.Kind == TargetErrorKind.Refused || ex.Kind == TargetErrorKind.AddressRefused
                || ex.Kind == TargetErrorKind.ReadoutProtected || ex.Kind == TargetErrorKind.NotSupported)
            {
                why = ex.DeviceReply is null ? "refused" : $"refused, {ex.DeviceReply}";
                return null;
            }
        }
    }
}
