using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>Turns the API's negative return codes into a name, an explanation, a kind and a likely cause that fits the interface.</summary>
    public static class CubeProgrammerErrors
    {
        /// <summary>"WRITE_MEM" for -10; "UNKNOWN" for a code the API does not define.</summary>
        public static string Name(int code) =>
            Enum.IsDefined(typeof(CubeProgrammerErrorCode), code) ? ((CubeProgrammerErrorCode)code).ToString() : "UNKNOWN";

        /// <summary>"-10 WRITE_MEM": the form TargetException.DeviceReply carries.</summary>
        public static string Reply(int code) => $"{code} {Name(code)}";

        public static string Explanation(int code) => (CubeProgrammerErrorCode)code switch
        {
            CubeProgrammerErrorCode.NOT_CONNECTED => "the device is not connected (the connection was lost, or the application was started)",
            CubeProgrammerErrorCode.NO_DEVICE => "no device was found",
            CubeProgrammerErrorCode.CONNECTION => "the connection to the device failed",
            CubeProgrammerErrorCode.NO_FILE => "no such file",
            CubeProgrammerErrorCode.NOT_SUPPORTED => "the operation is not supported on this interface",
            CubeProgrammerErrorCode.INTERFACE_NOT_SUPPORTED => "the interface is not supported on this platform",
            CubeProgrammerErrorCode.NO_MEM => "the library ran out of memory",
            CubeProgrammerErrorCode.WRONG_PARAM => "the library refused a parameter",
            CubeProgrammerErrorCode.READ_MEM => "reading memory failed",
            CubeProgrammerErrorCode.WRITE_MEM => "writing memory failed",
            CubeProgrammerErrorCode.ERASE_MEM => "erasing memory failed",
            CubeProgrammerErrorCode.UNSUPPORTED_FILE_FORMAT => "the file format is not supported for this device",
            CubeProgrammerErrorCode.REFRESH_REQUIRED => "the library asks for a refresh (reconnect)",
            CubeProgrammerErrorCode.NO_SECURITY => "the security feature is not available",
            CubeProgrammerErrorCode.CHANGE_FREQ => "changing the debug frequency failed",
            CubeProgrammerErrorCode.RDP_ENABLED => "readout protection is enabled",
            CubeProgrammerErrorCode.OTHER => "the library reported an unspecified error",
            _ => $"the library returned {code}, which is not one of its documented error codes",
        };

        public static TargetErrorKind Kind(int code) => (CubeProgrammerErrorCode)code switch
        {
            CubeProgrammerErrorCode.NOT_CONNECTED or CubeProgrammerErrorCode.NO_DEVICE or CubeProgrammerErrorCode.CONNECTION
                or CubeProgrammerErrorCode.REFRESH_REQUIRED => TargetErrorKind.Disconnected,
            CubeProgrammerErrorCode.NOT_SUPPORTED or CubeProgrammerErrorCode.INTERFACE_NOT_SUPPORTED
                or CubeProgrammerErrorCode.NO_SECURITY => TargetErrorKind.NotSupported,
            CubeProgrammerErrorCode.RDP_ENABLED => TargetErrorKind.ReadoutProtected,
            CubeProgrammerErrorCode.WRONG_PARAM or CubeProgrammerErrorCode.READ_MEM or CubeProgrammerErrorCode.WRITE_MEM
                or CubeProgrammerErrorCode.ERASE_MEM or CubeProgrammerErrorCode.CHANGE_FREQ => TargetErrorKind.Refused,
            _ => TargetErrorKind.Other,
        };

        private static bool IsBootloader(TargetInterface i) =>
            i == TargetInterface.Usart || i == TargetInterface.I2c || i == TargetInterface.Spi || i == TargetInterface.Can;

        /// <summary>What usually causes <paramref name="code"/> from <paramref name="operation"/> over <paramref name="over"/>; null when nothing useful is known.</summary>
        public static string? LikelyCause(int code, string operation, TargetInterface over, DeviceInfo? device = null)
        {
            var unit = device?.ProgramUnit;
            var unitText = unit is int u ? $"{u}-byte" : "programming-unit";
            switch ((CubeProgrammerErrorCode)code)
            {
                case CubeProgrammerErrorCode.WRITE_MEM when IsBootloader(over):
                    return $"the {over} bootloader refused the write: flash is programmed in whole, aligned {unitText} units, each once " +
                           "after its page is erased, and one write carries at most 256 bytes. So: the write did not cover whole units " +
                           "(pad to the unit), it was longer than 256 bytes (split it), two writes shared a unit (merge them before padding), " +
                           "or the page was not erased; less often the address is write-protected or in the bootloader's own RAM";
                case CubeProgrammerErrorCode.WRITE_MEM when over == TargetInterface.Dfu:
                    return "the page was not erased (a U545 over DFU returned -10 until a mass erase before the download), " +
                           $"the write did not cover whole {unitText} units, or the address is write-protected";
                case CubeProgrammerErrorCode.WRITE_MEM:
                    return "the flash loader failed: the page was not erased, the address is write-protected or not flash, " +
                           "or no flash loader matches the device (check the loaders path: a FlashLoader folder)";
                case CubeProgrammerErrorCode.READ_MEM when IsBootloader(over):
                    return "the address is not readable over the bootloader (unmapped, or the bootloader's own area), " +
                           "or the read is longer than 256 bytes";
                case CubeProgrammerErrorCode.READ_MEM:
                    return "the address is not mapped on this device, or readout protection blocks the read";
                case CubeProgrammerErrorCode.ERASE_MEM:
                    return "a page number past the end of flash, write protection on the page, or readout protection";
                case CubeProgrammerErrorCode.RDP_ENABLED:
                    return "readout protection is active: flash cannot be read or written until it is removed, and removing it mass-erases flash";
                case CubeProgrammerErrorCode.CONNECTION when over == TargetInterface.I2c:
                    return "no ACK at this 7-bit slave address (the bootloader's address is fixed per product, see AN2606), the device " +
                           "is not in its bootloader (BOOT0/boot option bytes), or the STLINK bridge's I2C timing: set the rise and fall times";
                case CubeProgrammerErrorCode.CONNECTION or CubeProgrammerErrorCode.NO_DEVICE when IsBootloader(over) || over == TargetInterface.Dfu:
                    return "the device is not running its system bootloader (check BOOT0 or the boot option bytes and reset it), " +
                           "or the wiring, port or interface settings are wrong";
                case CubeProgrammerErrorCode.CONNECTION or CubeProgrammerErrorCode.NO_DEVICE:
                    return "no target answers the probe: check the wiring, the target's power, and try connecting under reset at a lower frequency";
                case CubeProgrammerErrorCode.NOT_CONNECTED:
                    return "the connection was lost, or the application was started (Go), which leaves the bootloader; connect again";
                case CubeProgrammerErrorCode.NOT_SUPPORTED:
                    return $"{operation} is not offered over {over}";
                default:
                    return null;
            }
        }

        /// <summary>The TargetException for a failed call: DeviceReply "-10 WRITE_MEM", the explanation and what the library logged as its message.</summary>
        public static TargetException ToException(int code, string operation, TargetInterface over, uint? address = null,
            string? detail = null, string? libraryMessage = null, DeviceInfo? device = null)
        {
            var message = $"{operation}{(detail is null ? "" : " " + detail)} over {over} failed: {Explanation(code)}";
            if (!string.IsNullOrWhiteSpace(libraryMessage)) message += $". The library said: \"{libraryMessage!.Trim()}\"";
            return new TargetException(Kind(code), operation, message, address, Reply(code), LikelyCause(code, operation, over, device));
        }
    }
}
