using System;
using System.Collections.Generic;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>
    /// The host's end of a line with faults on it: a rule sees every write (with its number, from 1) and may damage the bytes
    /// or lose some of the device's next reply bytes. Everything the host writes and reads is recorded.
    /// </summary>
    public sealed class FaultyLink : IByteLink
    {
        private readonly IByteLink _inner;
        private int _dropIncoming;
        private int _writes;

        public FaultyLink(IByteLink inner) => _inner = inner;

        /// <summary>Called with each write and its number; returns the bytes to send instead (null: as they are).</summary>
        public Func<byte[], int, byte[]?>? Damage { get; set; }

        /// <summary>Called with each write and its number; returns how many of the device's next bytes are lost.</summary>
        public Func<byte[], int, int>? LoseReply { get; set; }

        public List<byte[]> Written { get; } = new List<byte[]>();

        public List<byte> Received { get; } = new List<byte>();

        public string Description => "faulty " + _inner.Description;

        public int BytesPerSecond => _inner.BytesPerSecond;

        public void Write(ReadOnlySpan<byte> data)
        {
            var bytes = data.ToArray();
            var number = ++_writes;
            Written.Add(bytes);
            _dropIncoming += LoseReply?.Invoke(bytes, number) ?? 0;
            _inner.Write(Damage?.Invoke(bytes, number) ?? bytes);
        }

        public int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            while (true)
            {
                var n = _inner.ReadSome(destination, timeout);
                if (n == 0) return 0;
                var skip = Math.Min(_dropIncoming, n);
                _dropIncoming -= skip;
                if (skip == n) continue;
                destination.Slice(skip, n - skip).CopyTo(destination);
                for (var i = 0; i < n - skip; i++) Received.Add(destination[i]);
                return n - skip;
            }
        }

        public void DiscardInput() => _inner.DiscardInput();

        public void Dispose() => _inner.Dispose();
    }
}
