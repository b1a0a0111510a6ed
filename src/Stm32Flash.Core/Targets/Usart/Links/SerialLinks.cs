using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Opens serial links. Users' ports go through System.IO.Ports; the simulator's device side on Linux uses raw termios,
    /// which answers within microseconds as a device does. System.IO.Ports is loaded on first use only, and a runtime that
    /// cannot load it gets <see cref="SerialPortUnavailableException"/> instead of a bare assembly-load failure.
    /// </summary>
    public static class SerialLinks
    {
        internal const string NoParityHint = "Pseudo-terminals (socat pairs, /dev/pts/N) carry no parity bit: use -Parity None with them.";

        /// <summary>Opens a port through System.IO.Ports.</summary>
        public static IByteLink OpenPort(SerialLinkSettings settings)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            try
            {
                return OpenSerialPort(settings);
            }
            catch (Exception ex) when (SerialPortUnavailableException.IsUnavailable(ex))
            {
                throw new SerialPortUnavailableException(ex);
            }
        }

        /// <summary>Opens the device end of a link for a simulated device: raw termios on Linux, System.IO.Ports elsewhere.</summary>
        public static IByteLink OpenDeviceSide(SerialLinkSettings settings)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? PosixTtyLink.Open(settings) : OpenPort(settings);
        }

        /// <summary>The machine's serial ports as System.IO.Ports lists them; empty when it cannot be loaded.</summary>
        public static IReadOnlyList<string> PortNames()
        {
            try
            {
                return GetPortNames().OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            }
            catch (Exception ex) when (SerialPortUnavailableException.IsUnavailable(ex) || ex is IOException || ex is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static IByteLink OpenSerialPort(SerialLinkSettings settings) => SerialPortLink.Open(settings);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string[] GetPortNames() => SerialPortLink.PortNames();
    }
}
