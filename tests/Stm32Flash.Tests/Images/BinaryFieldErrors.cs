using System;
using Stm32Flash.Images;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>For tests of binary containers: change one little-endian field, and check the error that names it.</summary>
    public static class BinaryFieldErrors
    {
        public static byte[] Set16(byte[] bytes, long at, int value)
        {
            BitConverter.GetBytes((ushort)value).CopyTo(bytes, at);
            return bytes;
        }

        public static byte[] Set32(byte[] bytes, long at, uint value)
        {
            BitConverter.GetBytes(value).CopyTo(bytes, at);
            return bytes;
        }

        /// <summary>The kind, the file offset, the problem (in part) and, when given, what was found and what was expected.</summary>
        public static void AssertError(ImageFormatException error, ImageErrorKind kind, long offset, string problem, string? found, string? expected)
        {
            Assert.Equal(kind, error.Kind);
            Assert.Equal(offset, error.Offset);
            Assert.Contains(problem, error.Problem);
            if (found != null) Assert.Equal(found, error.OffendingText);
            if (expected != null) Assert.Equal(expected, error.Expected);
        }
    }
}
