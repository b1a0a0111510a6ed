using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A full-duplex byte link to a device: a serial port, a pseudo-terminal, or any duplex stream. Bytes that arrive are
    /// buffered until read. One thread writes and reads at a time; <see cref="IDisposable.Dispose"/> may come from any thread.
    /// </summary>
    public interface IByteLink : IDisposable
    {
        /// <summary>What the link is, e.g. "/dev/ttyUSB0 at 115200 8E1".</summary>
        string Description { get; }

        /// <summary>The line's byte rate, so that timeouts can allow for the time bytes take on the wire; 0 when instant or unknown.</summary>
        int BytesPerSecond { get; }

        void Write(ReadOnlySpan<byte> data);

        /// <summary>
        /// Waits up to <paramref name="timeout"/> for at least one byte and returns the bytes that are there (at most the
        /// destination's length); 0 when none came. Throws <see cref="LinkClosedException"/> once the link is gone.
        /// </summary>
        int ReadSome(Span<byte> destination, TimeSpan timeout);

        /// <summary>Forgets the bytes received and not read yet.</summary>
        void DiscardInput();
    }
}
