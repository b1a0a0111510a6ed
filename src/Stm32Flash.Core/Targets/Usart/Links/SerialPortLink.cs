using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A serial port opened and configured through System.IO.Ports (the host's copy, see <see cref="SerialPortApi"/>). Its bytes
    /// go through the port's stream, except on Linux, where they go through the port's own descriptor on the caller's thread
    /// (<see cref="PosixTtyLink.Borrow"/>): the stream's I/O thread there picks up a write only when its 1 ms poll ends, which
    /// costs every ACK round trip of the protocol up to a millisecond.
    /// </summary>
    internal sealed class SerialPortLink : StreamLink
    {
        private readonly IDisposable _port;

        private SerialPortLink(IDisposable port, Stream stream, SerialLinkSettings settings)
            : base(stream, settings.ToString(), settings.BytesPerSecond)
        {
            _port = port;
        }

        public static IByteLink Open(SerialLinkSettings settings)
        {
            // System.IO.Ports reports every failure to open a Unix port as access denied.
            if (NotASerialPort.ByType(settings.Port) is string kind) throw new LinkOpenException(settings.Port, kind, SerialLinks.PortNameHint);
            if (Environment.OSVersion.Platform == PlatformID.Unix && !File.Exists(settings.Port))
                throw LinkOpenException.Missing(settings.Port, "there is no such port (nothing at that path).", SerialLinks.PortNameHint);
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
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && api.UnixHandle(port) is { IsInvalid: false } handle)
                    return PosixTtyLink.Borrow(handle, (IDisposable)port, settings);
                return new SerialPortLink((IDisposable)port, api.BaseStream(port), settings);
            }
            catch (UnauthorizedAccessException ex)
            {
                ((IDisposable)port).Dispose();
                if (NotASerialPort.AfterFailure(settings.Port) is string notTerminal) throw new LinkOpenException(settings.Port, notTerminal, SerialLinks.PortNameHint, ex);
                throw new LinkOpenException(settings.Port, "access is denied: another program has the port open, or you may not use it.",
                    Environment.OSVersion.Platform == PlatformID.Unix ? "On Linux, serial ports belong to the dialout group (sudo usermod -aG dialout $USER, then log in again)." : null, ex);
            }
            catch (ArgumentException ex) when (settings.Parity == SerialParity.Even)
            {
                ((IDisposable)port).Dispose();
                throw new LinkOpenException(settings.Port, $"the port does not take {settings.Framing} framing ({ex.Message})", SerialLinks.NoParityHint, ex);
            }
            catch (Exception ex) when ((ex is IOException && !(ex is LinkOpenException)) || ex is ArgumentException || ex is InvalidOperationException)
            {
                ((IDisposable)port).Dispose();
                throw new LinkOpenException(settings.Port, ex.Message, SerialLinks.PortNameHint, ex);
            }
        }

        public static string[] PortNames() => SerialPortApi.Load().PortNames();

        protected override void Close() => _port.Dispose();
    }
}
