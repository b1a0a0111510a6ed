using System;
using System.Threading;
using Stm32Flash.Targets;

namespace Stm32Flash.Planning
{
    /// <summary>Transfers larger than one device transaction, cut to the target's limits.</summary>
    public static class TargetMemory
    {
        /// <summary>Reads a range in chunks of at most MaxRead bytes; <paramref name="progress"/> gets the bytes of each chunk.</summary>
        public static byte[] Read(ITarget target, uint address, int length, Action<int>? progress = null, CancellationToken cancellation = default)
        {
            var result = new byte[length];
            Read(target, address, result, progress, cancellation);
            return result;
        }

        public static void Read(ITarget target, uint address, byte[] destination, Action<int>? progress = null, CancellationToken cancellation = default)
        {
            var max = Math.Max(1, target.Capabilities.MaxRead);
            for (var offset = 0; offset < destination.Length;)
            {
                cancellation.ThrowIfCancellationRequested();
                var n = Math.Min(max, destination.Length - offset);
                target.Read(address + (uint)offset, destination.AsSpan(offset, n));
                offset += n;
                progress?.Invoke(n);
            }
        }
    }
}
