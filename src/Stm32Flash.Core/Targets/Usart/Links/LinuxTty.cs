using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>The few libc calls a raw terminal needs on Linux (glibc and musl share the termios layout used here).</summary>
    internal static class LinuxTty
    {
        public const int O_RDWR = 0x2;
        public const int O_NOCTTY = 0x100;
        public const int O_CLOEXEC = 0x80000;
        public const short POLLIN = 0x1;
        public const short POLLOUT = 0x4;
        public const short POLLERR = 0x8;
        public const short POLLHUP = 0x10;
        public const short POLLNVAL = 0x20;
        public const int ENOENT = 2;
        public const int EINTR = 4;
        public const int EAGAIN = 11;
        public const int LOCK_EX = 2;
        public const int LOCK_NB = 4;
        public const int TCSANOW = 0;
        public const int TCIFLUSH = 0;
        public const int TCIOFLUSH = 2;

        // struct termios: c_iflag, c_oflag, c_cflag, c_lflag (4 bytes each), c_line, c_cc[32], c_ispeed, c_ospeed.
        public const int TermiosSize = 60;
        public const int CflagOffset = 8;
        public const int CcOffset = 17;
        public const int VTIME = 5;
        public const int VMIN = 6;
        public const uint CSIZE = 0x30;
        public const uint CS8 = 0x30;
        public const uint CSTOPB = 0x40;
        public const uint CREAD = 0x80;
        public const uint PARENB = 0x100;
        public const uint PARODD = 0x200;
        public const uint CLOCAL = 0x800;
        public const uint CRTSCTS = 0x80000000;

        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            public int Fd;
            public short Events;
            public short Revents;
        }

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        public const int O_NONBLOCK = 0x800;
        public const int AT_FDCWD = -100;
        public const uint STATX_TYPE = 0x1;

        // struct statx (the same on every architecture): stx_mode, a 16-bit field, at offset 28.
        public const int StatxSize = 256;
        public const int StatxModeOffset = 28;

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        public static extern int StatX(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", EntryPoint = "isatty")]
        public static extern int IsATty(int fd);

        [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
        public static extern int Flock(int fd, int operation);

        /// <summary>
        /// Takes the advisory lock that marks a port as in use, so that two programs that both take it (two simulators, a
        /// simulator and a host) do not share one line and steal each other's bytes. Returns 0, or the errno.
        /// </summary>
        public static int LockExclusive(int fd) => Flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : Marshal.GetLastWin32Error();

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);

        [DllImport("libc", EntryPoint = "read", SetLastError = true)]
        public static extern unsafe IntPtr Read(int fd, byte* buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "write", SetLastError = true)]
        public static extern unsafe IntPtr Write(int fd, byte* buffer, IntPtr count);

        [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
        public static extern int Poll(ref PollFd fd, UIntPtr count, int timeoutMs);

        [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
        public static extern int TcGetAttr(int fd, byte[] termios);

        [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
        public static extern int TcSetAttr(int fd, int when, byte[] termios);

        [DllImport("libc", EntryPoint = "cfmakeraw")]
        public static extern void CfMakeRaw(byte[] termios);

        [DllImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
        public static extern int CfSetISpeed(byte[] termios, uint speed);

        [DllImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
        public static extern int CfSetOSpeed(byte[] termios, uint speed);

        [DllImport("libc", EntryPoint = "tcflush", SetLastError = true)]
        public static extern int TcFlush(int fd, int queue);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPStr)] string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void Free(IntPtr pointer);

        /// <summary>The path with every link resolved, or null when it does not exist.</summary>
        public static string? Resolve(string path)
        {
            var p = RealPath(path, IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try
            {
                return Marshal.PtrToStringAnsi(p);
            }
            finally
            {
                Free(p);
            }
        }

        /// <summary>On Linux, whether the path (or the link, as socat makes them) is a pseudo-terminal, which carries no parity bit.</summary>
        public static bool IsPseudoTerminal(string path) =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && (Resolve(path)?.StartsWith("/dev/pts/", StringComparison.Ordinal) ?? false);

        [DllImport("libc", EntryPoint = "strerror")]
        private static extern IntPtr StrError(int errno);

        public static string Error(int errno) => $"{Marshal.PtrToStringAnsi(StrError(errno))} (errno {errno})";

        /// <summary>The Bnnn constant for a standard rate, or null.</summary>
        public static uint? SpeedCode(int baud) => baud switch
        {
            1200 => 0x9,
            1800 => 0xA,
            2400 => 0xB,
            4800 => 0xC,
            9600 => 0xD,
            19200 => 0xE,
            38400 => 0xF,
            57600 => 0x1001,
            115200 => 0x1002,
            230400 => 0x1003,
            460800 => 0x1004,
            500000 => 0x1005,
            576000 => 0x1006,
            921600 => 0x1007,
            1000000 => 0x1008,
            1152000 => 0x1009,
            1500000 => 0x100A,
            2000000 => 0x100B,
            _ => null,
        };

        public static uint GetCflag(byte[] termios) => BitConverter.ToUInt32(termios, CflagOffset);

        public static void SetCflag(byte[] termios, uint value) => BitConverter.GetBytes(value).CopyTo(termios, CflagOffset);
    }
}
