using System;
using Stm32Flash.Targets;

namespace Stm32Flash.Devices
{
    /// <summary>What a read of the unique device ID gave: the ID, or why there is none.</summary>
    public sealed class UniqueIdReading
    {
        internal UniqueIdReading(UniqueId? id, uint? address, string? reason)
        {
            UniqueId = id;
            Address = address;
            Reason = reason;
        }

        /// <summary>The ID; null when it could not be read (see <see cref="Reason"/>).</summary>
        public UniqueId? UniqueId { get; }

        /// <summary>Where it was read (the catalog's address); null when the catalog has none.</summary>
        public uint? Address { get; }

        /// <summary>Why there is no ID: the catalog has no address for the device, or the target refused the read.</summary>
        public string? Reason { get; }

        /// <summary>The ID as 24 hex digits, or an empty string when there is none.</summary>
        public override string ToString() => UniqueId?.ToString() ?? "";
    }

    /// <summary>Reads what identifies one chip.</summary>
    public static class DeviceIdentity
    {
        /// <summary>
        /// Reads the 12 bytes of the unique device ID at the address the catalog gives for <paramref name="target"/>'s device.
        /// A device without one in the catalog, or a target that refuses the read (readout protection, an interface that
        /// does not reach that memory), gives a reading without an ID and with the reason; other failures (a lost link) throw.
        /// </summary>
        public static UniqueIdReading ReadUniqueId(ITarget target)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            var device = target.Device;
            if (device.Definition?.UniqueIdAddress is not uint address)
                return new UniqueIdReading(null, null, $"the device catalog has no unique-ID address for {device.Name}");
            var bytes = new byte[UniqueId.Length];
            try
            {
                target.Read(address, bytes);
            }
            catch (TargetException ex) when (ex.Kind == TargetErrorKind.AddressRefused || ex.Kind == TargetErrorKind.ReadoutProtected || ex.Kind == TargetErrorKind.Refused || ex.Kind == TargetErrorKind.NotSupported)
            {
                return new UniqueIdReading(null, address, $"the read of 0x{address:X8} was refused: {ex.Message}");
            }
            return new UniqueIdReading(new UniqueId(bytes), address, null);
        }
    }
}
