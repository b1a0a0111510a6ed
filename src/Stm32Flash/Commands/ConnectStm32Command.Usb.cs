using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Dfu;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The module's own USB DFU host (DfuSe, AN3156) through libusb-1.0: -Usb. It shares -SerialNumber with the
    /// CubeProgrammer_API set and -Device with the others.
    /// </summary>
    public sealed partial class ConnectStm32Command
    {
        private const string UsbSet = "Usb";

        /// <summary>Connect through the module's own USB DFU host over libusb, with no ST software.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UsbSet)]
        public SwitchParameter Usb { get; set; }

        /// <summary>The USB vendor ID of the DFU device (0x0483, ST's, by default).</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateRange(0, 0xFFFF)]
        public int VendorId { get; set; } = UsbDfuFilter.StVendorId;

        /// <summary>The USB product ID of the DFU device (0xDF11, ST's DFU bootloader, by default).</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateRange(0, 0xFFFF)]
        public int ProductId { get; set; } = UsbDfuFilter.DfuProductId;

        /// <summary>The bus and ports of the DFU device as dfu-util's -p takes them, e.g. 1-3.1.</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateNotNullOrEmpty]
        public string? UsbPath { get; set; }

        /// <summary>Full path of libusb-1.0; else STM32FLASH_LIBUSB, else the system's standard name for it.</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateNotNullOrEmpty]
        public string? LibUsbPath { get; set; }

        private ITarget ConnectUsb()
        {
            var expected = CatalogDevice();
            var options = new UsbDfuOptions
            {
                LibraryPath = LibUsbPath is null ? null : GetUnresolvedProviderPathFromPSPath(LibUsbPath),
                Filter = new UsbDfuFilter { VendorId = (ushort)VendorId, ProductId = (ushort)ProductId, SerialNumber = SerialNumber, Path = UsbPath },
            };
            try
            {
                return UsbDfuTarget.Connect(options, expected, _messages.Add);
            }
            catch (LibUsbLoadException ex)
            {
                Terminate(new ErrorRecord(ex, "LibUsbNotFound", ErrorCategory.ObjectNotFound, options.LibraryPath)
                {
                    ErrorDetails = new ErrorDetails(ex.Message)
                    {
                        RecommendedAction = "Install libusb-1.0 (Debian/Ubuntu: apt-get install libusb-1.0-0; macOS: brew install libusb; Windows: put libusb-1.0.dll beside the module), " +
                            $"or give its full path with -LibUsbPath or the environment variable {LibUsbLibrary.PathVariable}.",
                    },
                });
                throw;
            }
            catch (UsbDfuNotFoundException ex)
            {
                Terminate(new ErrorRecord(ex, "UsbDeviceNotFound", ErrorCategory.ObjectNotFound, ex.Filter.ToString())
                {
                    ErrorDetails = new ErrorDetails(ex.Message)
                    {
                        RecommendedAction = "Start the device in its bootloader (BOOT0 high, then reset) with its USB port plugged in; Get-Stm32Probe -Usb lists the DFU devices libusb sees. " +
                            "On Linux the user needs access to the device (a udev rule), on Windows the WinUSB driver on it.",
                    },
                });
                throw;
            }
            catch (UsbDfuAmbiguousException ex)
            {
                Terminate(new ErrorRecord(ex, "UsbDeviceAmbiguous", ErrorCategory.InvalidArgument, ex.Filter.ToString())
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Name the device with -SerialNumber or -UsbPath (Get-Stm32Probe -Usb lists them)." },
                });
                throw;
            }
            catch (DfuLayoutMismatchException ex)
            {
                Terminate(new ErrorRecord(ex, "DfuLayoutMismatch", ErrorCategory.InvalidResult, ex.Reported.Text.Trim())
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.LikelyCause },
                });
                throw;
            }
            catch (DfuDeviceAmbiguousException ex)
            {
                Terminate(new ErrorRecord(ex, "DfuDeviceAmbiguous", ErrorCategory.InvalidArgument, ex.Reported.Text.Trim())
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.LikelyCause },
                });
                throw;
            }
            catch (TargetException ex)
            {
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.ConnectionError, options.Filter.ToString(), $"connecting to USB DFU {options.Filter}"));
                throw;
            }
        }
    }
}
