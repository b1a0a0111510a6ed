using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The USB DFU bootloader (the CLI's port=USB1 sn= PID= VID=).</summary>
    public sealed class DfuConnectOptions : CubeProgrammerConnectOptions
    {
        public const int StPid = 0xDF11;
        public const int StVid = 0x0483;

        /// <summary>The USB timeout sent when none is set, as the known wrapper for 2.21 defaults it.</summary>
        public const int DefaultUsbTimeoutMs = 30000;

        public override TargetInterface Interface => TargetInterface.Dfu;

        /// <summary>The library's USB index ("USB1"); when null, the device with <see cref="SerialNumber"/>, or the first DFU device listed.</summary>
        public string? UsbIndex { get; set; }

        public string? SerialNumber { get; set; }

        public int ProductId { get; set; } = StPid;

        public int VendorId { get; set; } = StVid;

        /// <summary>USB timeout in ms (API 2.21 and later); null sends <see cref="DefaultUsbTimeoutMs"/>.</summary>
        public int? UsbTimeoutMs { get; set; }

        /// <summary>Ask the library to remove readout protection while connecting (rdu); this mass-erases flash.</summary>
        public bool ReadoutUnprotect { get; set; }

        public override void Validate()
        {
            if (UsbIndex != null && UsbIndex.Length > 9) throw new ArgumentException("A USB index has at most 9 characters (USB1 ...).", nameof(UsbIndex));
            if (ProductId < 0 || ProductId > 0xFFFF) throw new ArgumentException("ProductId must be 0..0xFFFF.", nameof(ProductId));
            if (VendorId < 0 || VendorId > 0xFFFF) throw new ArgumentException("VendorId must be 0..0xFFFF.", nameof(VendorId));
            if (UsbTimeoutMs is int t && t <= 0) throw new ArgumentException("UsbTimeoutMs must be positive.", nameof(UsbTimeoutMs));
        }

        public override string Describe() =>
            $"port={UsbIndex ?? "USB"}" + (SerialNumber != null ? $" sn={SerialNumber}" : "") + $" PID=0x{ProductId:X4} VID=0x{VendorId:X4}";
    }
}
