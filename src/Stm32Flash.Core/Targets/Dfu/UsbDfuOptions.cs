namespace Stm32Flash.Targets.Dfu
{
    /// <summary>How the module's own USB DFU host finds libusb and the device.</summary>
    public sealed class UsbDfuOptions
    {
        /// <summary>Full path of libusb-1.0; null: STM32FLASH_LIBUSB, else the system's standard name.</summary>
        public string? LibraryPath { get; set; }

        public UsbDfuFilter Filter { get; set; } = new UsbDfuFilter();

        /// <summary>Transfers tried again after a stall or a timeout.</summary>
        public int Retries { get; set; } = RetryPolicy.DefaultRetries;
    }
}
