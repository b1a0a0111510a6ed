using System;
using System.Runtime.CompilerServices;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Decodes ASCII hex digit pairs eight characters at a time in a 64-bit register (netstandard2.0 has no SIMD
    /// intrinsics), validating every character, with a table for the odd tail.
    /// </summary>
    internal static unsafe class HexDigits
    {
        public const byte Invalid = 0xFF;

        /// <summary>Value of each ASCII hex digit (either case); <see cref="Invalid"/> for every other byte.</summary>
        public static readonly byte[] Values = BuildValues();

        private const ulong Ones = 0x0101010101010101UL;
        private const ulong High = 0x8080808080808080UL;
        private const ulong LowNibbles = 0x0F0F0F0F0F0F0F0FUL;
        private const ulong EvenBytes = 0x00FF00FF00FF00FFUL;

        private static readonly bool Swar = BitConverter.IsLittleEndian;

        private static byte[] BuildValues()
        {
            var values = new byte[256];
            for (var i = 0; i < values.Length; i++) values[i] = Invalid;
            for (var c = '0'; c <= '9'; c++) values[c] = (byte)(c - '0');
            for (var c = 'A'; c <= 'F'; c++) values[c] = (byte)(c - 'A' + 10);
            for (var c = 'a'; c <= 'f'; c++) values[c] = (byte)(c - 'a' + 10);
            return values;
        }

        public static bool IsHex(byte c) => Values[c] != Invalid;

        /// <summary>
        /// Eight characters (little-endian in <paramref name="chars"/>) to four bytes held in the low byte of each
        /// 16-bit lane; <paramref name="invalid"/> is non-zero when any character is not a hex digit.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong DecodeLanes(ulong chars, out ulong invalid)
        {
            var seven = chars & ~High;
            // Per byte (values below 0x80, so no carries cross bytes): bit 7 of x + (0x80 - k) is set when x >= k.
            var atLeast0 = seven + (0x80 - '0') * Ones;
            var above9 = seven + (0x80 - '9' - 1) * Ones;
            var folded = seven | (0x20 * Ones);
            var atLeastA = folded + (0x80 - 'a') * Ones;
            var aboveF = folded + (0x80 - 'f' - 1) * Ones;
            var valid = ((atLeast0 & ~above9) | (atLeastA & ~aboveF)) & High;
            invalid = (valid ^ High) | (chars & High);

            // '0'-'9' -> low nibble; 'A'-'F'/'a'-'f' (bit 6 set) -> low nibble + 9.
            var nibbles = (chars & LowNibbles) + ((chars >> 6) & Ones) * 9;
            return ((nibbles & EvenBytes) << 4) | ((nibbles >> 8) & EvenBytes);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint Pack(ulong lanes)
        {
            lanes = (lanes | (lanes >> 8)) & 0x0000FFFF0000FFFFUL;
            return (uint)(lanes | (lanes >> 16));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint SumLanes(ulong lanes)
        {
            lanes = (lanes & 0x0000FFFF0000FFFFUL) + ((lanes >> 16) & 0x0000FFFF0000FFFFUL);
            return (uint)lanes + (uint)(lanes >> 32);
        }

        /// <summary>The four bytes of eight hex characters, first byte in the low bits; false when one is not a digit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryDecode4(byte* chars, out uint value, out uint sum)
        {
            if (Swar)
            {
                var lanes = DecodeLanes(Unsafe.ReadUnaligned<ulong>(chars), out var invalid);
                value = Pack(lanes);
                sum = SumLanes(lanes);
                return invalid == 0;
            }
            var bytes = stackalloc byte[4];
            sum = 0;
            var ok = TryDecodeScalar(chars, bytes, 4, ref sum);
            value = bytes[0] | ((uint)bytes[1] << 8) | ((uint)bytes[2] << 16) | ((uint)bytes[3] << 24);
            return ok;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes (at most 255) from twice as many characters; adds them to
        /// <paramref name="sum"/>. False when a character is not a hex digit (the output is then meaningless).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryDecode(byte* chars, byte* output, int count, ref uint sum)
        {
            if (!Swar) return TryDecodeScalar(chars, output, count, ref sum);
            ulong lanesSum = 0, invalid = 0;
            var i = 0;
            for (; i + 8 <= count; i += 8)
            {
                var a = DecodeLanes(Unsafe.ReadUnaligned<ulong>(chars + 2 * i), out var badA);
                var b = DecodeLanes(Unsafe.ReadUnaligned<ulong>(chars + 2 * i + 8), out var badB);
                lanesSum += a + b;
                invalid |= badA | badB;
                Unsafe.WriteUnaligned(output + i, Pack(a) | ((ulong)Pack(b) << 32));
            }
            if (i + 4 <= count)
            {
                var a = DecodeLanes(Unsafe.ReadUnaligned<ulong>(chars + 2 * i), out var badA);
                lanesSum += a;
                invalid |= badA;
                Unsafe.WriteUnaligned(output + i, Pack(a));
                i += 4;
            }
            sum += SumLanes(lanesSum);
            var ok = invalid == 0;
            if (i < count) ok &= TryDecodeScalar(chars + 2 * i, output + i, count - i, ref sum);
            return ok;
        }

        private static bool TryDecodeScalar(byte* chars, byte* output, int count, ref uint sum)
        {
            var values = Values;
            var bad = 0;
            for (var i = 0; i < count; i++)
            {
                int hi = values[chars[2 * i]], lo = values[chars[2 * i + 1]];
                bad |= hi | lo;
                var b = (byte)((hi << 4) | lo);
                output[i] = b;
                sum += b;
            }
            return (bad & 0xF0) == 0;
        }

        /// <summary>Value of one pair of hex characters, or -1.</summary>
        public static int Pair(byte* chars)
        {
            int hi = Values[chars[0]], lo = Values[chars[1]];
            return ((hi | lo) & 0xF0) != 0 ? -1 : (hi << 4) | lo;
        }
    }
}
