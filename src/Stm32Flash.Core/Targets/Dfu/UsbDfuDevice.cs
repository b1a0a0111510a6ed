using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>A USB device in DFU mode as libusb finds it: where it is, who it says it is, and the memories its alternate settings describe.</summary>
    public sealed class UsbDfuDevice
    {
        public UsbDfuDevice(ushort vendorId, ushort productId, ushort bcdDevice, int bus, string path, int address, string serialNumber, string product,
            int interfaceNumber, int transferSize, ushort dfuVersion, IReadOnlyList<DfuSeMemory> alternates)
        {
            VendorId = vendorId;
            ProductId = productId;
            BcdDevice = bcdDevice;
            Bus = bus;
            Path = path;
            Address = address;
            SerialNumber = serialNumber;
            Product = product;
            InterfaceNumber = interfaceNumber;
            TransferSize = transferSize;
            DfuVersion = dfuVersion;
            Alternates = alternates;
        }

        public ushort VendorId { get; }

        public ushort ProductId { get; }

        /// <summary>bcdDevice of the device descriptor (ST's bootloaders put their version there, e.g. 0x2200).</summary>
        public ushort BcdDevice { get; }

        public int Bus { get; }

        /// <summary>Bus and ports as dfu-util's -p takes it, e.g. "1-3.1".</summary>
        public string Path { get; }

        /// <summary>The device address on its bus (changes each time it is plugged in).</summary>
        public int Address { get; }

        public string SerialNumber { get; }

        /// <summary>The product string, e.g. "STM32  BOOTLOADER".</summary>
        public string Product { get; }

        public int InterfaceNumber { get; }

        /// <summary>wTransferSize of the DFU functional descriptor: the most bytes one DNLOAD or UPLOAD carries.</summary>
        public int TransferSize { get; }

        /// <summary>bcdDFUVersion, 0x011A for ST's DfuSe.</summary>
        public ushort DfuVersion { get; }

        /// <summary>The alternate settings in order: each one's name and memory layout, e.g. "@Internal Flash /0x08000000/04*016Kg,...".</summary>
        public IReadOnlyList<DfuSeMemory> Alternates { get; }

        /// <summary>The alternate setting holding the internal flash: named "Internal Flash", else the first erasable and writable one.</summary>
        public DfuSeMemory? Flash =>
            Alternates.FirstOrDefault(a => a.Name.StartsWith("Internal Flash", System.StringComparison.OrdinalIgnoreCase))
            ?? Alternates.FirstOrDefault(a => a.Sectors.Any(s => s.Erasable && s.Writable));

        public override string ToString() => $"[{VendorId:x4}:{ProductId:x4}] {Product} serial {SerialNumber} at {Path}";
    }
}
