using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Opens serial links. Users' ports go through System.IO.Ports (the host's own copy, found by name when a port is first
    /// opened; nothing loads it before); the simulator's device side on Linux uses raw termios, which answers within
    /// microseconds as a device does.
    /// </summary>
    public static class SerialLinks
    {
        internal const string PortNameHint = "Check the port name: -Port completes the ports this machine has (press Tab).";

        internal const string NoParityHint = "Pseudo-terminals (socat pairs, /dev/pts/N) carry no parity bit: use -Parity None with them.";

        /// <summary>Opens a port through System.IO.Ports; <see cref="SerialPortUnavailableException"/> when the runtime has none.</summary>
        public static IByteLink OpenPort(SerialLinkSettings settings)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            return SerialPortLink.Open(settings);
        }

        /// <summary>Opens the device end of a link for a simulated device: raw termios on Linux, System.IO.Ports elsewhere.</summary>
        public static IByteLink OpenDeviceSide(SerialLinkSettings settings)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? PosixTtyLink.Open(settings) : OpenPort(settings);
        }

        /// <summary>The machine's serial ports as System.IO.Ports lists them; empty when the runtime has none.</summary>
        public static IReadOnlyList<string> PortNames()
        {
            try
            {
                return SerialPortLink.PortNames().OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            }
            catch (Exception ex) when (ex is SerialPortUnavailableException || ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
