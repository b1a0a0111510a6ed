namespace Stm32Flash.Targets.Dfu
{
    /// <summary>Which USB DFU devices to use: by vendor and product ID (ST's ROM bootloader, 0483:DF11, by default), serial number and bus path.</summary>
    public sealed class UsbDfuFilter
    {
        public const ushort StVendorId = 0x0483;
        public const ushort DfuProductId = 0xDF11;

        public ushort VendorId { get; set; } = StVendorId;

        public ushort ProductId { get; set; } = DfuProductId;

        /// <summary>The USB serial number string; any when null.</summary>
        public string? SerialNumber { get; set; }

        /// <summary>The bus and port path as dfu-util prints it, e.g. "1-3.1"; any when null.</summary>
        public string? Path { get; set; }

        public bool Matches(UsbDfuDevice device) =>
            device.VendorId == VendorId && device.ProductId == ProductId
            && (SerialNumber is null || device.SerialNumber == SerialNumber)
            && (Path is null || device.Path == Path);

        public override string ToString() =>
            $"{VendorId:x4}:{ProductId:x4}" + (SerialNumber is null ? "" : $" serial {SerialNumber}") + (Path is null ? "" : $" at {Path}");
    }
}
