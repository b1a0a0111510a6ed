using System;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>The device's bootloader does not offer the interface asked for.</summary>
    public sealed class InterfaceNotOfferedException : NotSupportedException
    {
        public InterfaceNotOfferedException(DeviceInfo device, TargetInterface targetInterface)
            : base($"{device.Name}'s bootloader offers no {targetInterface} interface; it has {string.Join(", ", device.Interfaces)}.")
        {
            Device = device;
            Interface = targetInterface;
        }

        public DeviceInfo Device { get; }

        public TargetInterface Interface { get; }
    }
}
