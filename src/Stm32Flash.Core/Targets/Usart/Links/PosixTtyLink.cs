using System;
using System.Runtime.InteropServices;
using System.IO;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A terminal device (a serial port or one end of a pseudo-terminal pair) read and written through libc on Linux, on the
    /// caller's thread (poll, then read). It either opens the device itself, raw (the simulator's device side, which must
    /// answer within microseconds as a device does), or borrows the descriptor of a port that System.IO.Ports opened and
    /// configured, whose own I/O thread picks up each write only when its 1 ms poll ends.
    /// </summary>
    public sealed class PosixTtyLink : IByteLink
    {
        private readonly object _gate = new object();
        private readonly ReceiveBuffer _received = new ReceiveBuffer();
        private readonly byte[] _chunk = new byte[4096];
        private readonly SafeHandle? _borrowed;
        private readonly IDisposable? _owner;
        private int _fd;
        private int _users;
        private bool _closed;

        private PosixTtyLink(int fd, string description, int bytesPerSecond, SafeHandle? borrowed = null, IDisposable? owner = null)
        {
            _fd = fd;
            _borrowed = borrowed;
            _owner = owner;
            Description = description;
            BytesPerSecond = bytesPerSecond;
        }

        /// <summary>
        /// Reads and writes through the descriptor of a port someone else opened; disposing the link releases the descriptor,
        /// then disposes <paramref name="owner"/> (which closes it).
        /// </summary>
        internal static PosixTtyLink Borrow(SafeHandle handle, IDisposable owner, SerialLinkSettings settings)
        {
            var lockError = LinuxTty.LockExclusive((int)handle.DangerousGetHandle());
            if (lockError != 0)
            {
                owner.Dispose();
                throw InUse(settings.Port, lockError);
            }
            var added = false;
            handle.DangerousAddRef(ref added);
            return new PosixTtyLink((int)handle.DangerousGetHandle(), settings.ToString(), settings.BytesPerSecond, handle, owner);
        }

        public string Description { get; }

        public int BytesPerSecond { get; }
        public static PosixTtyLink Open(SerialLinkSettings settings)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
                throw new PlatformNotSupportedException("PosixTtyLink works on Linux only; use SerialLinks.OpenPort elsewhere.");
            var speed = LinuxTty.SpeedCode(settings.BaudRate)
                ?? throw new LinkOpenException(settings.Port, $"{settings.BaudRate} is not a standard baud rate.", "Use 9600, 19200, 38400, 57600, 115200 or another standard rate.");
            if (settings.Parity == SerialParity.Even && LinuxTty.IsPseudoTerminal(settings.Port))
                throw new LinkOpenException(settings.Port, $"it is a pseudo-terminal ({LinuxTty.Resolve(settings.Port)}), which does not keep even parity.", SerialLinks.NoParityHint);
            if (NotASerialPort.ByType(settings.Port) is string kind) throw new LinkOpenException(settings.Port, kind, SerialLinks.PortNameHint);
            var fd = LinuxTty.Open(settings.Port, LinuxTty.O_RDWR | LinuxTty.O_NOCTTY | LinuxTty.O_CLOEXEC);
            if (fd < 0)
            {
                var errno = Marshal.GetLastWin32Error();
                throw errno == LinuxTty.ENOENT
                    ? LinkOpenException.Missing(settings.Port, LinuxTty.Error(errno), SerialLinks.PortNameHint)
                    : new LinkOpenException(settings.Port, LinuxTty.Error(errno));
            }
            try
            {
                var lockError = LinuxTty.LockExclusive(fd);
                if (lockError != 0) throw InUse(settings.Port, lockError);
                Configure(fd, settings, speed);
            }
            catch
            {
                LinuxTty.Close(fd);
                throw;
            }
            return new PosixTtyLink(fd, settings.ToString(), settings.BytesPerSecond);
        }

        private static LinkOpenException InUse(string port, int errno) => errno == LinuxTty.EAGAIN
            ? new LinkOpenException(port, "it is in use: another program, or a simulator this session started, has it open.",
                "Close the other program, or Stop-Stm32Simulator (or Disconnect-Stm32) the one that holds it.")
            : new LinkOpenException(port, $"it cannot be locked for exclusive use ({LinuxTty.Error(errno)}).");

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

        public unsafe int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            if (destination.Length == 0) return 0;
            if (_received.Count > 0) return _received.Take(destination);
            var fd = Enter();
            try
            {
                var p = new LinuxTty.PollFd { Fd = fd, Events = LinuxTty.POLLIN };
                var ready = LinuxTty.Poll(ref p, (UIntPtr)1, (int)Math.Min(int.MaxValue, Math.Max(0, Math.Ceiling(timeout.TotalMilliseconds))));
                if (ready < 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    if (errno == LinuxTty.EINTR) return 0;
                    throw Failed("poll", errno);
                }
                if (ready == 0) return 0;
                if ((p.Revents & LinuxTty.POLLNVAL) != 0) throw new LinkClosedException(Description);
                long n;
                fixed (byte* b = _chunk) n = (long)LinuxTty.Read(fd, b, (IntPtr)_chunk.Length);
                if (n == 0) throw new LinkClosedException(Description);
                if (n < 0)
                {
                    var errno = Marshal.GetLastWin32Error();
                    if (errno == LinuxTty.EINTR || errno == LinuxTty.EAGAIN) return 0;
                    // EIO: the other end of a pseudo-terminal pair went away.
                    throw Failed("read", errno);
                }
                _received.Append(_chunk.AsSpan(0, (int)n));
                return _received.Take(destination);
            }
            finally
            {
                Leave();
            }
        }

        public unsafe void Write(ReadOnlySpan<byte> data)
        {
            var fd = Enter();
            try
            {
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
                        if (errno != LinuxTty.EAGAIN) throw Failed("write", errno);
                        var p = new LinuxTty.PollFd { Fd = fd, Events = LinuxTty.POLLOUT };
                        LinuxTty.Poll(ref p, (UIntPtr)1, 100);
                    }
                }
            }
            finally
            {
                Leave();
            }
        }

        public void DiscardInput()
        {
            _received.Clear();
            var fd = Enter();
            try
            {
                LinuxTty.TcFlush(fd, LinuxTty.TCIFLUSH);
            }
            finally
            {
                Leave();
            }
        }

        /// <summary>Closes the device now, or, while a read or write is under way on another thread, as soon as it ends.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_closed) return;
                _closed = true;
                if (_users == 0) CloseDescriptor();
            }
        }

        // The descriptor is closed only when no call is using it, so that its number cannot be reused under a pending read.
        private int Enter()
        {
            lock (_gate)
            {
                if (_closed) throw new LinkClosedException(Description);
                _users++;
                return _fd;
            }
        }

        private void Leave()
        {
            lock (_gate)
            {
                if (--_users == 0 && _closed) CloseDescriptor();
            }
        }

        private void CloseDescriptor()
        {
            var fd = _fd;
            if (fd < 0) return;
            _fd = -1;
            if (_borrowed is null)
            {
                LinuxTty.Close(fd);
                return;
            }
            _borrowed.DangerousRelease();
            _owner?.Dispose();
        }

        private LinkClosedException Failed(string call, int errno) =>
            new LinkClosedException(Description, new IOException($"{call}: {LinuxTty.Error(errno)}"));

        public override string ToString() => Description;
    }
}
