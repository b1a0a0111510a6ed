using System;
using System.IO;
using System.IO.Ports;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A serial port through System.IO.Ports. Only <see cref="SerialLinks"/> touches this class, so that nothing loads
    /// System.IO.Ports until a port is opened.
    /// </summary>
    internal sealed class SerialPortLink : StreamLink
    {
        private readonly SerialPort _port;

        private SerialPortLink(SerialPort port, SerialLinkSettings settings)
            : base(port.BaseStream, settings.ToString(), settings.BytesPerSecond)
        {
            _port = port;
        }

        public static SerialPortLink Open(SerialLinkSettings settings)
        {
            // A pseudo-terminal takes 8E1 from System.IO.Ports without complaint (the first time) and drops the parity bit.
            if (settings.Parity == SerialParity.Even && LinuxTty.IsPseudoTerminal(settings.Port))
                throw new LinkOpenException(settings.Port, $"it is a pseudo-terminal ({LinuxTty.Resolve(settings.Port)}), which cannot do {settings.Framing} framing.", SerialLinks.NoParityHint);
            var port = new SerialPort(settings.Port, settings.BaudRate, settings.Parity == SerialParity.Even ? Parity.Even : Parity.None, 8, StopBits.One)
            {
                Handshake = Handshake.None,
                // The link's receive thread keeps one read pending all the time; timeouts are the protocol's business.
                ReadTimeout = SerialPort.InfiniteTimeout,
                WriteTimeout = 5000,
            };
            try
            {
                port.Open();
                port.DiscardInBuffer();
            }
            catch (UnauthorizedAccessException ex)
            {
                port.Dispose();
                throw new LinkOpenException(settings.Port, "access is denied: another program has the port open, or you may not use it.",
                    Environment.OSVersion.Platform == PlatformID.Unix ? "On Linux, serial ports belong to the dialout group (sudo usermod -aG dialout $USER, then log in again)." : null, ex);
            }
            catch (ArgumentException ex) when (settings.Parity == SerialParity.Even)
            {
                port.Dispose();
                throw new LinkOpenException(settings.Port, $"the port does not take {settings.Framing} framing ({ex.Message})",
                    SerialLinks.NoParityHint, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is InvalidOperationException)
            {
                port.Dispose();
                throw new LinkOpenException(settings.Port, ex.Message, "Check the port name: Connect-Stm32 -Port completes the ports this machine has (press Tab).", ex);
            }
            return new SerialPortLink(port, settings);
        }

        public static string[] PortNames() => SerialPort.GetPortNames();

        protected override void Close() => _port.Close();
    }
}
