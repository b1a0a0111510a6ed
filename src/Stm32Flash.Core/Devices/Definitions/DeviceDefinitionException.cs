using System;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>A device definition (the built-in catalog or a user's file) is malformed; the message names the file, line and field.</summary>
    public sealed class DeviceDefinitionException : Exception
    {
        public DeviceDefinitionException(string message)
            : base(message)
        {
        }
    }
}
