using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>The device answered with a product ID the catalog does not know.</summary>
    public sealed class UnknownProductException : TargetException
    {
        public UnknownProductException(ushort productId, UsartBootloaderInfo bootloader)
            : base(TargetErrorKind.NotSupported, "Get ID",
                $"the device reports product ID 0x{productId:X3}, which is not in the catalog ({string.Join(", ", DeviceCatalog.All.Select(d => d.ToString()))}).",
                null, $"product ID 0x{productId:X3}",
                "The device is a product Stm32Flash does not know yet; Get-Stm32Device lists the ones it does.")
        {
            ProductId = productId;
            Bootloader = bootloader;
        }

        public ushort ProductId { get; }

        public UsartBootloaderInfo Bootloader { get; }
    }
}
