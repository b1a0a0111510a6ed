using System.Collections.Generic;

namespace Stm32Flash.Images
{
    /// <summary>The DFU suffix and DfuSe targets of a .dfu file; a plain DFU file (no DfuSe prefix) has no targets.</summary>
    public sealed class DfuSeInfo
    {
        public const ushort StVendorId = 0x0483;
        public const ushort StDfuProductId = 0xDF11;

        /// <summary>bcdDFU of a DfuSe suffix.</summary>
        public const ushort DfuSeSpecification = 0x011A;

        public DfuSeInfo(ushort vendorId, ushort productId, ushort deviceVersion, IReadOnlyList<DfuSeTarget> targets)
            : this(vendorId, productId, deviceVersion, targets, DfuSeSpecification, isDfuSe: true)
        {
        }

        public DfuSeInfo(ushort vendorId, ushort productId, ushort deviceVersion, IReadOnlyList<DfuSeTarget> targets, ushort dfuVersion, bool isDfuSe)
        {
            VendorId = vendorId;
            ProductId = productId;
            DeviceVersion = deviceVersion;
            Targets = targets;
            DfuVersion = dfuVersion;
            IsDfuSe = isDfuSe;
        }

        public ushort VendorId { get; }

        public ushort ProductId { get; }

        /// <summary>bcdDevice of the suffix.</summary>
        public ushort DeviceVersion { get; }

        public IReadOnlyList<DfuSeTarget> Targets { get; }

        /// <summary>bcdDFU of the suffix: 0x011A for DfuSe, usually 0x0100 for a plain DFU file.</summary>
        public ushort DfuVersion { get; }

        /// <summary>True for ST's DfuSe container; false for a plain DFU file (data and a suffix, no addresses).</summary>
        public bool IsDfuSe { get; }

        /// <summary>E.g. "DfuSe, VID 0x0483, PID 0xDF11, 1 target(s)".</summary>
        public override string ToString() =>
            $"{(IsDfuSe ? "DfuSe" : "DFU")}, VID 0x{VendorId:X4}, PID 0x{ProductId:X4}{(IsDfuSe ? $", {Targets.Count} target(s)" : "")}";
    }

    /// <summary>One DfuSe target: the elements that go to one alternate setting (one memory of the device).</summary>
    public sealed class DfuSeTarget
    {
        public DfuSeTarget(byte alternateSetting, string? name, IReadOnlyList<AddressRange> elements)
        {
            AlternateSetting = alternateSetting;
            Name = name;
            Elements = elements;
        }

        public byte AlternateSetting { get; }

        /// <summary>Target name, or null when the target is not named.</summary>
        public string? Name { get; }

        public IReadOnlyList<AddressRange> Elements { get; }

        public override string ToString() => $"alt {AlternateSetting} '{Name}': {AddressRange.Describe(Elements)}";
    }
}
