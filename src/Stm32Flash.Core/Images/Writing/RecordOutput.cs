using System;
using System.IO;
using System.Text;

namespace Stm32Flash.Images.Writing
{
    /// <summary>Builds one text record at a time (upper-case hex, running byte sum) and writes it through a large buffer.</summary>
    internal sealed class RecordOutput
    {
        private static readonly byte[] Digits = Encoding.ASCII.GetBytes("0123456789ABCDEF");

        private readonly Stream _stream;
        private readonly byte[] _newLine;
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _count;

        public RecordOutput(Stream stream, string newLine)
        {
            _stream = stream;
            _newLine = Encoding.ASCII.GetBytes(newLine);
        }

        /// <summary>Sum of the bytes put since <see cref="Begin"/>.</summary>
        public int Sum { get; private set; }

        public long Written { get; private set; }

        public void Begin(string mark)
        {
            Reserve(600);
            foreach (var c in mark) _buffer[_count++] = (byte)c;
            Sum = 0;
        }

        public void Byte(int value)
        {
            _buffer[_count++] = Digits[(value >> 4) & 0xF];
            _buffer[_count++] = Digits[value & 0xF];
            Sum += value & 0xFF;
        }

        public void Bytes(byte[] data, int offset, int count)
        {
            for (var i = offset; i < offset + count; i++) Byte(data[i]);
        }

        public void Bytes(ReadOnlySpan<byte> data)
        {
            foreach (var b in data) Byte(b);
        }

        /// <summary>Writes <paramref name="checksum"/> without adding it to the sum, then the line break.</summary>
        public void End(int checksum)
        {
            _buffer[_count++] = Digits[(checksum >> 4) & 0xF];
            _buffer[_count++] = Digits[checksum & 0xF];
            foreach (var b in _newLine) _buffer[_count++] = b;
        }

        public void Flush()
        {
            if (_count == 0) return;
            _stream.Write(_buffer, 0, _count);
            Written += _count;
            _count = 0;
        }

        private void Reserve(int bytes)
        {
            if (_count + bytes + _newLine.Length > _buffer.Length) Flush();
        }
    }
}
