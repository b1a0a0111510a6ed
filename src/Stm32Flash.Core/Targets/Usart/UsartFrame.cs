using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>AN3155 framing: commands with their complement, big-endian fields, XOR checksums.</summary>
    public static class UsartFrame
    {
        /// <summary>XOR of every byte; a block followed by its checksum XORs to zero.</summary>
        public static byte Xor(ReadOnlySpan<byte> bytes, byte seed = 0)
        {
            var x = seed;
            foreach (var b in bytes) x ^= b;
            return x;
        }

        /// <summary>The two bytes that send a command: its code and the code's complement.</summary>
        public static byte[] Command(byte code) => new[] { code, (byte)(code ^ 0xFF) };

        /// <summary>A 32-bit value, most significant byte first, followed by the XOR of its four bytes (addresses, Get Checksum fields).</summary>
        public static void PutWord(Span<byte> destination, uint value)
        {
            destination[0] = (byte)(value >> 24);
            destination[1] = (byte)(value >> 16);
            destination[2] = (byte)(value >> 8);
            destination[3] = (byte)value;
            destination[4] = Xor(destination.Slice(0, 4));
        }

        public static byte[] Word(uint value)
        {
            var frame = new byte[5];
            PutWord(frame, value);
            return frame;
        }

        /// <summary>Reads a word frame; false when its checksum does not match.</summary>
        public static bool TryGetWord(ReadOnlySpan<byte> frame, out uint value)
        {
            value = (uint)(frame[0] << 24 | frame[1] << 16 | frame[2] << 8 | frame[3]);
            return Xor(frame.Slice(0, 5)) == 0;
        }
    }
}
