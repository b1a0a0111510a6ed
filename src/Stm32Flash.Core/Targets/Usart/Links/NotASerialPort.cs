using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Tells, on Linux, that a port path is not a serial port: a regular file, a folder, a pipe, or a device that is not a
    /// terminal (/dev/null). System.IO.Ports reports all of these as access denied.
    /// </summary>
    internal static class NotASerialPort
    {
        private const int TypeMask = 0xF000;

        /// <summary>What the path is, when its type alone rules out a serial port; null for a character device or when it cannot be told. Opens nothing.</summary>
        public static string? ByType(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            var buffer = new byte[LinuxTty.StatxSize];
            try
            {
                if (LinuxTty.StatX(LinuxTty.AT_FDCWD, path, 0, LinuxTty.STATX_TYPE, buffer) != 0) return null;
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
            return (BitConverter.ToUInt16(buffer, LinuxTty.StatxModeOffset) & TypeMask) switch
            {
                0x8000 => "it is a regular file, not a serial port.",
                0x4000 => "it is a folder, not a serial port.",
                0x1000 => "it is a named pipe (FIFO), not a serial port.",
                0xC000 => "it is a socket, not a serial port.",
                0x6000 => "it is a block device (a disk), not a serial port.",
                _ => null,
            };
        }

        /// <summary>
        /// After a port failed to open: whether it is a device that is not a terminal. Opens it without waiting for a carrier
        /// and without making it the controlling terminal, only to ask; null when it is a terminal or cannot be opened.
        /// </summary>
        public static string? AfterFailure(string path)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            var fd = LinuxTty.Open(path, LinuxTty.O_RDWR | LinuxTty.O_NOCTTY | LinuxTty.O_NONBLOCK | LinuxTty.O_CLOEXEC);
            if (fd < 0) return null;
            try
            {
                return LinuxTty.IsATty(fd) == 1 ? null : "it is a device that is not a terminal, so not a serial port.";
            }
            finally
            {
                LinuxTty.Close(fd);
            }
        }
    }
}
