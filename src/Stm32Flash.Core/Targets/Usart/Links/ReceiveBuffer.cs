using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>Bytes received and not read yet, in arrival order.</summary>
    internal sealed class ReceiveBuffer
    {
        private byte[] _bytes = new byte[4096];
        private int _head;
        private int _count;

        public int Count => _count;

        public void Append(ReadOnlySpan<byte> data)
        {
            if (_head + _count + data.Length > _bytes.Length)
            {
                if (_count + data.Length > _bytes.Length)
                {
                    var bigger = new byte[Math.Max(_bytes.Length * 2, _count + data.Length)];
                    Array.Copy(_bytes, _head, bigger, 0, _count);
                    _bytes = bigger;
                }
                else
                {
                    Array.Copy(_bytes, _head, _bytes, 0, _count);
                }
                _head = 0;
            }
            data.CopyTo(_bytes.AsSpan(_head + _count));
            _count += data.Length;
        }

        public int Take(Span<byte> destination)
        {
            var n = Math.Min(_count, destination.Length);
            _bytes.AsSpan(_head, n).CopyTo(destination);
            _head += n;
            _count -= n;
            if (_count == 0) _head = 0;
            return n;
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}
