using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// C's wchar_t text as the API takes and gives it (file paths, log messages): UTF-16 on Windows, UTF-32 on Linux
    /// and macOS, in the machine's byte order, NUL-terminated.
    /// </summary>
    internal static class WideString
    {
        public static readonly bool IsUtf16 = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static int UnitSize => IsUtf16 ? 2 : 4;

        private static readonly Encoding Utf32 = new UTF32Encoding(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false);
        private static readonly Encoding Utf16 = new UnicodeEncoding(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false);

        private static Encoding Encoding => IsUtf16 ? Utf16 : Utf32;

        /// <summary>The text's wchar_t units followed by a NUL unit.</summary>
        public static byte[] Encode(string text)
        {
            var body = Encoding.GetBytes(text);
            var result = new byte[body.Length + UnitSize];
            Buffer.BlockCopy(body, 0, result, 0, body.Length);
            return result;
        }

        /// <summary>Copies the text to unmanaged memory the caller frees with <see cref="Marshal.FreeHGlobal"/>.</summary>
        public static IntPtr Allocate(string text)
        {
            var bytes = Encode(text);
            var p = Marshal.AllocHGlobal(bytes.Length);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            return p;
        }

        public static string? Decode(IntPtr text)
        {
            if (text == IntPtr.Zero) return null;
            var unit = UnitSize;
            var length = 0;
            while (unit == 2 ? Marshal.ReadInt16(text, length) != 0 : Marshal.ReadInt32(text, length) != 0)
                length += unit;
            var bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.GetString(bytes);
        }
    }
}
