using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A terminal device (a serial port or one end of a pseudo-terminal pair) opened raw through libc on Linux. Used for the
    /// simulator's device side, where a real device answers within microseconds: System.IO.Ports on Unix moves every write
    /// through a polling thread that adds up to a millisecond per turn.
    /// </summary>
    public sealed class PosixTtyLink : PumpedLink
    {
        private const int PollMilliseconds = 100;
        private int _fd;

        private PosixTtyLink(int fd, SerialLinkSettings settings)
            : base(settings.ToString(), settings.BytesPerSecond)
        {
            _fd = fd;
            StartPump();
        }

        public static PosixTtyLink Open(SerialLinkSettings settings)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                throw new PlatformNotSupportedException("PosixTtyLink works on Linux only; use SerialLinks.OpenPort elsewhere.");
            var speed = LinuxTty.SpeedCode(settings.BaudRate)
                ?? throw new LinkOpenException(settings.Port, $"{settings.BaudRate} is not a standard baud rate.", "Use 9600, 19200, 38400, 57600, 115200 or another standard rate.");
            if (settings.Parity == SerialParity.Even && LinuxTty.IsPseudoTerminal(settings.Port))
                throw new LinkOpenException(settings.Port, $"it is a pseudo-terminal ({LinuxTty.Resolve(settings.Port)}), which does not keep even parity.", SerialLinks.NoParityHint);
            var fd = LinuxTty.Open(settings.Port, LinuxTty.O_RDWR | LinuxTty.O_NOCTTY | LinuxTty.O_CLOEXEC);
            if (fd < 0) throw new LinkOpenException(settings.Port, LinuxTty.Error(Marshal.GetLastWin32Error()));
            try
            {
                Configure(fd, settings, speed);
            }
            catch
            {
                LinuxTty.Close(fd);
                throw;
            }
            return new PosixTtyLink(fd, settings);
        }

        private static void Configure(int fd, SerialLinkSettings settings, uint speed)
        {
            var t = new byte[256];
            if (LinuxTty.TcGetAttr(fd, t) != 0)
                throw new LinkOpenException(settings.Port, $"it is not a terminal device ({LinuxTty.Error(Marshal.GetLastWin32Error())}).");
            LinuxTty.CfMakeRaw(t);
            var cflag = LinuxTty.GetCflag(t) & ~(LinuxTty.CSIZE | LinuxTty.PARENB | LinuxTty.PARODD | LinuxTty.CSTOPB | LinuxTty.CRTSCTS);
            cflag |= LinuxTty.CS8 | LinuxTty.CREAD | LinuxTty.CLOCAL;
            if (settings.Parity == SerialParity.Even) cflag |= LinuxTty.PARENB;
            LinuxTty.SetCflag(t, cflag);
            t[LinuxTty.CcOffset + LinuxTty.VMIN] = 1;
            t[LinuxTty.CcOffset + LinuxTty.VTIME] = 0;
            LinuxTty.CfSetISpeed(t, speed);
            LinuxTty.CfSetOSpeed(t, speed);
            if (LinuxTty.TcSetAttr(fd, LinuxTty.TCSANOW, t) != 0)
                throw new LinkOpenException(settings.Port, $"setting {settings.Framing} at {settings.BaudRate} failed ({LinuxTty.Error(Marshal.GetLastWin32Error())}).");
            // A pseudo-terminal accepts the settings but drops the parity bit; read them back as stm32flash does.
            var check = new byte[256];
            LinuxTty.TcGetAttr(fd, check);
            if (settings.Parity == SerialParity.Even && (LinuxTty.GetCflag(check) & LinuxTty.PARENB) == 0)
            {
                throw new LinkOpenException(settings.Port, "the device does not keep even parity.",
                    SerialLinks.NoParityHint);
            }
            LinuxTty.TcFlush(fd, LinuxTty.TCIOFLUSH);
        }

        protected override unsafe int Receive(byte[] buffer)
        {
            var fd = _fd;
            if (IsClosing || fd < 0) return 0;
            var p = new LinuxTty.PollFd { Fd = fd, Events = LinuxTty.POLLIN };
            var ready = LinuxTty.Poll(ref p, (UIntPtr)1, PollMilliseconds);
            if (ready < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                if (errno == LinuxTty.EINTR) return -1;
                throw new LinkClosedException(Description, new InvalidOperationException("poll: " + LinuxTty.Error(errno)));
            }
            if (ready == 0) return -1;
            if ((p.Revents & LinuxTty.POLLNVAL) != 0) return 0;
            fixed (byte* b = buffer)
            {
                var n = (long)LinuxTty.Read(fd, b, (IntPtr)buffer.Length);
                if (n > 0) return (int)n;
                if (n == 0) return 0;
                var errno = Marshal.GetLastWin32Error();
                if (errno == LinuxTty.EINTR || errno == LinuxTty.EAGAIN) return -1;
                // EIO: the other end of a pseudo-terminal pair was closed.
                throw new LinkClosedException(Description, new InvalidOperationException("read: " + LinuxTty.Error(errno)));
            }
        }

        protected override unsafe void Send(ReadOnlySpan<byte> data)
        {
            var fd = _fd;
            if (IsClosing || fd < 0) throw new LinkClosedException(Description);
            fixed (byte* b = data)
            {
                var done = 0;
                while (done < data.Length)
                {
                    var n = (long)LinuxTty.Write(fd, b + done, (IntPtr)(data.Length - done));
                    if (n > 0)
                    {
                        done += (int)n;
                        continue;
                    }
                    var errno = Marshal.GetLastWin32Error();
                    if (errno == LinuxTty.EINTR) continue;
                    if (errno == LinuxTty.EAGAIN)
                    {
                        var p = new LinuxTty.PollFd { Fd = fd, Events = LinuxTty.POLLOUT };
                        LinuxTty.Poll(ref p, (UIntPtr)1, PollMilliseconds);
                        continue;
                    }
                    throw new LinkClosedException(Description, new InvalidOperationException("write: " + LinuxTty.Error(errno)));
                }
            }
        }

        // The receive thread polls with a short timeout, so it sees the close request within PollMilliseconds; the descriptor
        // is closed only after it has stopped, so that its number cannot be reused under a pending read.
        protected override void Close()
        {
        }

        protected override void Release()
        {
            var fd = _fd;
            _fd = -1;
            if (fd >= 0) LinuxTty.Close(fd);
        }
    }
}
