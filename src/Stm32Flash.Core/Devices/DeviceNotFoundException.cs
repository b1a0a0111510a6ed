using System.Collections.Generic;

namespace Stm32Flash.Devices
{
    /// <summary>No catalog device has the name (or product ID) asked for.</summary>
    public sealed class DeviceNotFoundException : KeyNotFoundException
    {
        public DeviceNotFoundException(string name)
            : this(name, DeviceCatalog.UnknownNameMessage(name))
        {
        }

        public DeviceNotFoundException(string name, string message)
            : base(message)
        {
            Name = name;
        }

        /// <summary>The name, or the product ID as 0x..., that was looked for.</summary>
        public string Name { get; }
    }
}
