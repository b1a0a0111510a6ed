using System;
using System.Diagnostics;

namespace Stm32Flash.Targets.Usart
{
    public static class ByteLinkExtensions
    {
        /// <summary>Reads exactly the destination's length, or throws <see cref="LinkTimeoutException"/> when the bytes do not all come within the timeout.</summary>
        public static void ReadExactly(this IByteLink link, Span<byte> destination, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            var done = 0;
            while (done < destination.Length)
            {
                var left = timeout - watch.Elapsed;
                var n = left > TimeSpan.Zero ? link.ReadSome(destination.Slice(done), left) : 0;
                if (n == 0) throw new LinkTimeoutException(destination.Length, done, timeout);
                done += n;
            }
        }

        public static byte ReadByte(this IByteLink link, TimeSpan timeout)
        {
            Span<byte> b = stackalloc byte[1];
            link.ReadExactly(b, timeout);
            return b[0];
        }

        /// <summary>The time <paramref name="bytes"/> take on the link's wire; zero on an instant link.</summary>
        public static TimeSpan WireTime(this IByteLink link, int bytes) =>
            link.BytesPerSecond > 0 ? TimeSpan.FromTicks((long)bytes * TimeSpan.TicksPerSecond / link.BytesPerSecond) : TimeSpan.Zero;
    }
}
