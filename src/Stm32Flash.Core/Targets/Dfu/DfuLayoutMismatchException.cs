using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>The flash the DfuSe bootloader reports is not the named catalog device's (or no catalog device's).</summary>
    public sealed class DfuLayoutMismatchException : TargetException
    {
        public DfuLayoutMismatchException(DeviceInfo? named, DfuSeMemory reported, string difference, IReadOnlyList<DeviceInfo> candidates)
            : base(TargetErrorKind.NotSupported, "connect",
                (named is null ? "No catalog device with USB DFU has the flash layout the device reports" : $"The device's flash is not {named.Name}'s")
                + $": {difference}. The device reports '{reported.Text.Trim()}'.",
                null, reported.Text.Trim(),
                candidates.Count == 0
                    ? "Add the device to the catalog with -DeviceDefinition, with the layout its bootloader reports."
                    : $"The layout is that of {string.Join(", ", candidates.Select(c => c.Name))}; connect with -Device naming the chip on the board.")
        {
            Named = named;
            Reported = reported;
            Difference = difference;
            Candidates = candidates;
        }

        public DeviceInfo? Named { get; }

        public DfuSeMemory Reported { get; }

        public string Difference { get; }

        public IReadOnlyList<DeviceInfo> Candidates { get; }
    }

    /// <summary>The reported flash layout is that of several catalog products; the DFU protocol has no Get ID to tell them apart.</summary>
    public sealed class DfuDeviceAmbiguousException : TargetException
    {
        public DfuDeviceAmbiguousException(DfuSeMemory reported, IReadOnlyList<DeviceInfo> candidates)
            : base(TargetErrorKind.NotSupported, "connect",
                $"The flash the device reports ('{reported.Text.Trim()}') is that of {candidates.Count} catalog products: " +
                $"{string.Join(", ", candidates.Select(c => $"{c.Name} (0x{c.ProductId:X3})"))}; USB DFU does not say which one it is.",
                null, reported.Text.Trim(), "Name the chip on the board with -Device.")
        {
            Reported = reported;
            Candidates = candidates;
        }

        public DfuSeMemory Reported { get; }

        public IReadOnlyList<DeviceInfo> Candidates { get; }
    }
}
