using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Whether a port is a pseudo-terminal (one end of a socat pair, for instance): those carry bytes, not line framing, so
    /// there is no parity bit on them and the commands default to -Parity None there.
    /// </summary>
    public static class PseudoTerminal
    {
        private static readonly Regex MacPtySlave = new Regex(@"^/dev/ttys\d+$", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="port"/>, with its symbolic links resolved, is a Linux /dev/pts/N or a macOS /dev/ttysN.</summary>
        public static bool Is(string port)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !Path.IsPathRooted(port)) return false;
            var real = RealPath(port);
            return real != null && (real.StartsWith("/dev/pts/", StringComparison.Ordinal) || MacPtySlave.IsMatch(real));
        }

        private static string? RealPath(string path)
        {
            var resolved = realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return null;
            try
            {
                return Marshal.PtrToStringAnsi(resolved);
            }
            finally
            {
                free(resolved);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPStr)] string path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr pointer);
    }
}
