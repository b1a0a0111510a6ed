using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>The device answered with a product ID the catalog does not know.</summary>
    public sealed class UnknownProductException : TargetException
    {
        public UnknownProductException(ushort productId, UsartBootloaderInfo bootloader)
            : base(TargetErrorKind.NotSupported, "Get ID",
                $"the device reports product ID 0x{productId:X3}, which is not in the catalog of {DeviceCatalog.Definitions.Count} products. " +
                $"The nearest known product IDs are {DeviceCatalog.DescribeNearest(productId)}.",
                null, $"product ID 0x{productId:X3}",
                $"A product newer than this catalog (the nearest known family is {DeviceCatalog.Nearest(productId, 1)[0].Family}). Describe it in a JSON file " +
                "of the catalog's format (Get-Help about_Stm32Flash_Devices; start from Get-Stm32Device <a similar part> -AsDefinition) and connect with " +
                "-DeviceDefinition <file>, or add it for the session with Add-Stm32Device <file>.")
        {
            ProductId = productId;
            Bootloader = bootloader;
        }

        public ushort ProductId { get; }

        public UsartBootloaderInfo Bootloader { get; }
    }
}
