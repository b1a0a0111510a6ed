using System;
using System.Threading;
using Stm32Flash.Checksums;
using Stm32Flash.Targets;

namespace Stm32Flash.Planning
{
    /// <summary>
    /// Checks that bytes are on a device: by the device's CRC where the target offers one (the word-aligned middle of the
    /// range; the up to 3 bytes at each unaligned end are read back), else by reading back. A CRC mismatch is located by
    /// reading back.
    /// </summary>
    public static class MemoryVerifier
    {
        public static VerifyResult Verify(ITarget target, Segment expected, int segmentNumber = 1, Action<int>? progress = null, CancellationToken cancellation = default)
        {
            if (expected.Length == 0) return new VerifyResult(expected, segmentNumber, true, VerifyMethod.ReadBack);
            if (!target.Capabilities.CanChecksum) return ReadBack(target, expected, segmentNumber, 0, expected.Length, VerifyMethod.ReadBack, progress, cancellation);

            var start = expected.Address;
            var alignedStart = (uint)Math.Min(((ulong)start + 3) & ~3UL, expected.EndAddress);
            var alignedEnd = (uint)Math.Max(expected.EndAddress & ~3UL, alignedStart);
            var head = (int)(alignedStart - start);
            var middle = (int)(alignedEnd - alignedStart);

            if (head > 0)
            {
                var r = ReadBack(target, expected, segmentNumber, 0, head, VerifyMethod.DeviceCrc, progress, cancellation);
                if (!r.Match) return r;
            }
            var method = VerifyMethod.DeviceCrc;
            if (middle > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                var device = target.Checksum(alignedStart, middle);
                // A target that finds out it cannot compute a CRC after all answers from the bytes it read back.
                if (!target.Capabilities.CanChecksum) method = VerifyMethod.ReadBack;
                var host = Crc32Mpeg2.OfWords(expected.Data.AsSpan(head, middle));
                progress?.Invoke(middle);
                if (device != host)
                {
                    var located = ReadBack(target, expected, segmentNumber, head, middle, method, null, cancellation);
                    // The CRCs differ, so a read-back that finds no difference means the reads and the CRC disagree.
                    return located.Match
                        ? throw new TargetException(TargetErrorKind.Protocol, "Get Checksum",
                            $"the device CRC of {AddressRange.FromLength(alignedStart, middle)} is 0x{device:X8}, the image's is 0x{host:X8}, yet reading it back finds the same bytes.",
                            alignedStart, $"CRC 0x{device:X8}", "The checksum reply was damaged in transit, or the device computes a different CRC.")
                        : located;
                }
            }
            var tail = expected.Length - head - middle;
            if (tail > 0)
            {
                var r = ReadBack(target, expected, segmentNumber, head + middle, tail, method, progress, cancellation);
                if (!r.Match) return r;
            }
            return new VerifyResult(expected, segmentNumber, true, method);
        }

        private static VerifyResult ReadBack(ITarget target, Segment expected, int segmentNumber, int offset, int length, VerifyMethod method,
            Action<int>? progress, CancellationToken cancellation)
        {
            var max = Math.Max(1, target.Capabilities.MaxRead);
            var buffer = new byte[Math.Min(max, length)];
            for (var done = 0; done < length;)
            {
                cancellation.ThrowIfCancellationRequested();
                var n = Math.Min(max, length - done);
                var address = expected.Address + (uint)(offset + done);
                target.Read(address, buffer.AsSpan(0, n));
                var mismatch = FirstMismatch(buffer, n, expected.Data, offset + done);
                if (mismatch >= 0)
                {
                    // A read can be damaged on its way (the USART bootloader's Read Memory carries no checksum): a difference
                    // counts only when a second read shows it too.
                    target.Read(address, buffer.AsSpan(0, n));
                    mismatch = FirstMismatch(buffer, n, expected.Data, offset + done);
                    if (mismatch >= 0)
                        return new VerifyResult(expected, segmentNumber, false, method, address + (uint)mismatch, expected.Data[offset + done + mismatch], buffer[mismatch]);
                }
                done += n;
                progress?.Invoke(n);
            }
            return new VerifyResult(expected, segmentNumber, true, method);
        }

        private static int FirstMismatch(byte[] read, int count, byte[] expected, int offset)
        {
            for (var i = 0; i < count; i++)
            {
                if (read[i] != expected[offset + i]) return i;
            }
            return -1;
        }
    }
}
