namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>A USB DFU device as getDfuDeviceList describes it.</summary>
    public sealed class DfuDevice
    {
        public DfuDevice(string usbIndex, int busNumber, int addressNumber, string productId, string serialNumber, uint dfuVersion)
        {
            UsbIndex = usbIndex;
            BusNumber = busNumber;
            AddressNumber = addressNumber;
            ProductId = productId;
            SerialNumber = serialNumber;
            DfuVersion = dfuVersion;
        }

        /// <summary>The index the library connects by, e.g. "USB1".</summary>
        public string UsbIndex { get; }

        public int BusNumber { get; }

        public int AddressNumber { get; }

        /// <summary>The USB product string, e.g. "STM32  BOOTLOADER".</summary>
        public string ProductId { get; }

        public string SerialNumber { get; }

        /// <summary>bcdDFU, e.g. 0x011A.</summary>
        public uint DfuVersion { get; }

        public override string ToString() => $"{UsbIndex}: {ProductId} {SerialNumber}";
    }
}
