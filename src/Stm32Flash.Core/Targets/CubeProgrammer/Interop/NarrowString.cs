using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>C's char* text: the ANSI code page on Windows (what the narrow Win32 file functions expect), UTF-8 elsewhere.</summary>
    internal static class NarrowString
    {
        public static IntPtr Allocate(string text)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return Marshal.StringToHGlobalAnsi(text);
            var bytes = Encoding.UTF8.GetBytes(text);
            var p = Marshal.AllocHGlobal(bytes.Length + 1);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            Marshal.WriteByte(p, bytes.Length, 0);
            return p;
        }
    }
}
