using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>This runtime has no System.IO.Ports that works here (a plain .NET app without the package, or the package's Windows-only stub).</summary>
    public sealed class SerialPortUnavailableException : Exception
    {
        public SerialPortUnavailableException(Exception? inner)
            : base($"Serial ports are not available in this runtime ({RuntimeInformation.FrameworkDescription}): it provides no usable System.IO.Ports" +
                   (inner is null ? "." : $" ({inner.Message}).") +
                   " PowerShell 7 and Windows PowerShell 5.1 provide it; a .NET application adds the System.IO.Ports package.", inner)
        {
            Runtime = RuntimeInformation.FrameworkDescription;
        }

        /// <summary>The runtime without serial ports, e.g. ".NET 8.0.11".</summary>
        public string Runtime { get; }
    }
}
