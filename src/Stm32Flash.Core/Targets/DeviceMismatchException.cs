using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets
{
    /// <summary>
    /// The connected device reports another product ID than the catalog device named for it. Its flash layout (and so the
    /// page numbers an erase sends) would be the named device's, so the connection is refused.
    /// </summary>
    public sealed class DeviceMismatchException : TargetException
    {
        public DeviceMismatchException(DeviceInfo named, ushort productId, string? reportedName, string operation)
            : base(TargetErrorKind.NotSupported, operation, Describe(named, productId, reportedName), null, $"product ID 0x{productId:X3}", Cause(productId))
        {
            Named = named;
            ProductId = productId;
            ReportedName = reportedName;
        }

        /// <summary>The catalog device that was named.</summary>
        public DeviceInfo Named { get; }

        /// <summary>The product ID the device reports.</summary>
        public ushort ProductId { get; }

        /// <summary>What the device or library calls itself, when it says.</summary>
        public string? ReportedName { get; }

        /// <summary>The catalog devices with the reported product ID.</summary>
        public IReadOnlyList<DeviceInfo> Matches => DeviceCatalog.FindByProductId(ProductId);

        private static string Describe(DeviceInfo named, ushort productId, string? reportedName) =>
            $"The device reports product ID 0x{productId:X3}{(string.IsNullOrEmpty(reportedName) ? "" : $" ({reportedName})")}, " +
            $"but {named.Name} (0x{named.ProductId:X3}) was named; its flash layout would be wrong for this device, so it was not connected.";

        private static string Cause(ushort productId)
        {
            var matches = DeviceCatalog.FindByProductId(productId);
            return "Another device is connected than the one named. Leave the device name out to pick it by its product ID" +
                (matches.Count == 0 ? " (the catalog does not know it)." : $", or name {string.Join(" or ", matches.Select(m => m.Name))}.");
        }
    }
}
