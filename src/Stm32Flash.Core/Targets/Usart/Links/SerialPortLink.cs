using System;
using System.IO;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>A serial port through System.IO.Ports (the host's copy, see <see cref="SerialPortApi"/>), its bytes through the port's stream.</summary>
    internal sealed class SerialPortLink : StreamLink
    {
        private readonly IDisposable _port;

        private SerialPortLink(IDisposable port, Stream stream, SerialLinkSettings settings)
            : base(stream, settings.ToString(), settings.BytesPerSecond)
        {
            _port = port;
        }

        public static SerialPortLink Open(SerialLinkSettings settings)
        {
            // A pseudo-terminal takes 8E1 from System.IO.Ports without complaint (the first time) and drops the parity bit.
            if (settings.Parity == SerialParity.Even && LinuxTty.IsPseudoTerminal(settings.Port))
                throw new LinkOpenException(settings.Port, $"it is a pseudo-terminal ({LinuxTty.Resolve(settings.Port)}), which cannot do {settings.Framing} framing.", SerialLinks.NoParityHint);
            var api = SerialPortApi.Load();
            object port;
            try
            {
                port = api.Create(settings);
            }
            catch (PlatformNotSupportedException ex)
            {
                throw new SerialPortUnavailableException(ex);
            }
            try
            {
                // The link's receive thread keeps one read pending all the time; timeouts are the protocol's business.
                api.Set(port, "ReadTimeout", -1);
                api.Set(port, "WriteTimeout", 5000);
                api.Call(port, "Open");
                api.Call(port, "DiscardInBuffer");
                return new SerialPortLink((IDisposable)port, api.BaseStream(port), settings);
            }
            catch (UnauthorizedAccessException ex)
            {
                ((IDisposable)port).Dispose();
                throw new LinkOpenException(settings.Port, "access is denied: another program has the port open, or you may not use it.",
                    Environment.OSVersion.Platform == PlatformID.Unix ? "On Linux, serial ports belong to the dialout group (sudo usermod -aG dialout $USER, then log in again)." : null, ex);
            }
            catch (ArgumentException ex) when (settings.Parity == SerialParity.Even)
            {
                ((IDisposable)port).Dispose();
                throw new LinkOpenException(settings.Port, $"the port does not take {settings.Framing} framing ({ex.Message})", SerialLinks.NoParityHint, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is ArgumentException || ex is InvalidOperationException)
            {
                ((IDisposable)port).Dispose();
                throw new LinkOpenException(settings.Port, ex.Message, "Check the port name: Connect-Stm32 -Port completes the ports this machine has (press Tab).", ex);
            }
        }

        public static string[] PortNames() => SerialPortApi.Load().PortNames();

        protected override void Close() => _port.Dispose();
    }
}
