using System;
using System.Text;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>The API's fixed char arrays: NUL-terminated 8-bit text (ASCII in practice, read as UTF-8).</summary>
    internal static unsafe class NativeText
    {
        public static string Read(byte* field, int capacity)
        {
            var length = 0;
            while (length < capacity && field[length] != 0) length++;
            return Encoding.UTF8.GetString(field, length);
        }

        /// <summary>Copies text into a fixed array, always NUL-terminated; text that does not fit is refused, not cut.</summary>
        public static void Write(byte* field, int capacity, string text, string what)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > capacity - 1)
                throw new ArgumentException($"{what} '{text}' is {bytes.Length} bytes; the API's field holds at most {capacity - 1}.", what);
            for (var i = 0; i < capacity; i++) field[i] = i < bytes.Length ? bytes[i] : (byte)0;
        }
    }
}
