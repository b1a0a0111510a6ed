using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>The bytes of every option-byte area of a chip, as read from it (or as they will be after a change).</summary>
    public sealed class OptionByteImage
    {
        private readonly AddressRange[] _areas;
        private readonly byte[][] _bytes;

        /// <summary>An image over these areas' bytes (kept, not copied: the simulator keeps its option bytes in one).</summary>
        public OptionByteImage(IEnumerable<KeyValuePair<AddressRange, byte[]>> areas)
        {
            var list = areas.ToList();
            if (list.Count == 0) throw new ArgumentException("An option-byte image has at least one area.", nameof(areas));
            foreach (var a in list)
            {
                if (a.Value.Length != a.Key.Length) throw new ArgumentException($"The area {a.Key} needs {a.Key.Length} bytes, not {a.Value.Length}.", nameof(areas));
            }
            _areas = list.Select(a => a.Key).ToArray();
            _bytes = list.Select(a => a.Value).ToArray();
        }

        /// <summary>Every byte 0xFF (erased), in the map's areas.</summary>
        public static OptionByteImage Erased(OptionByteMap map) =>
            new OptionByteImage(map.Areas.Select(a => new KeyValuePair<AddressRange, byte[]>(a, Enumerable.Repeat((byte)0xFF, (int)a.Length).ToArray())));

        public IReadOnlyList<AddressRange> Areas => _areas;

        public bool Contains(AddressRange range) => _areas.Any(a => a.Contains(range));

        /// <summary>The little-endian 32-bit word at <paramref name="address"/>.</summary>
        public uint Word(uint address)
        {
            var (bytes, offset) = Locate(address);
            return BitConverter.ToUInt32(bytes, offset);
        }

        public void SetWord(uint address, uint value)
        {
            var (bytes, offset) = Locate(address);
            BitConverter.GetBytes(value).CopyTo(bytes, offset);
        }

        /// <summary>The bytes of one area (the image's own array).</summary>
        public byte[] AreaBytes(int index) => _bytes[index];

        /// <summary>The bytes of a range within one area, copied.</summary>
        public byte[] Bytes(AddressRange range)
        {
            for (var i = 0; i < _areas.Length; i++)
            {
                if (_areas[i].Contains(range)) return _bytes[i].AsSpan((int)(range.Start - _areas[i].Start), (int)range.Length).ToArray();
            }
            throw new ArgumentOutOfRangeException(nameof(range), $"{range} is not within one option-byte area ({AddressRange.Describe(_areas)}).");
        }

        /// <summary>Every word of every area, in address order.</summary>
        public IEnumerable<OptionWord> Words()
        {
            for (var i = 0; i < _areas.Length; i++)
            {
                for (var offset = 0; offset + 4 <= _bytes[i].Length; offset += 4)
                    yield return new OptionWord(_areas[i].Start + (uint)offset, BitConverter.ToUInt32(_bytes[i], offset), _areas[i]);
            }
        }

        /// <summary>Writes each value byte's (or half's) complement next to it, as the chip stores them.</summary>
        public void Complement(OptionComplement how)
        {
            if (how == OptionComplement.None) return;
            foreach (var bytes in _bytes)
            {
                for (var o = 0; o + 4 <= bytes.Length; o += 4)
                {
                    if (how == OptionComplement.Byte)
                    {
                        bytes[o + 1] = (byte)~bytes[o];
                        bytes[o + 3] = (byte)~bytes[o + 2];
                    }
                    else
                    {
                        bytes[o + 2] = (byte)~bytes[o];
                        bytes[o + 3] = (byte)~bytes[o + 1];
                    }
                }
            }
        }

        public OptionByteImage Clone() =>
            new OptionByteImage(_areas.Select((a, i) => new KeyValuePair<AddressRange, byte[]>(a, (byte[])_bytes[i].Clone())));

        private (byte[] bytes, int offset) Locate(uint address)
        {
            for (var i = 0; i < _areas.Length; i++)
            {
                if (_areas[i].Contains(AddressRange.FromLength(address, 4))) return (_bytes[i], (int)(address - _areas[i].Start));
            }
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:X8} is not a word of the option bytes ({AddressRange.Describe(_areas)}).");
        }
    }
}
