using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>Bytes by address, as a reference tool gives them, joined into address-contiguous runs; and a start address.</summary>
    public sealed class ByteMap
    {
        private readonly List<(ulong Address, byte[] Data)> _pieces = new List<(ulong Address, byte[] Data)>();

        public uint? Start { get; set; }

        public void Add(ulong address, byte[] data)
        {
            if (data.Length > 0) _pieces.Add((address, data));
        }

        /// <summary>The runs in address order; pieces that overlap must agree.</summary>
        public IReadOnlyList<(uint Address, byte[] Data)> Runs()
        {
            var runs = new List<(ulong Address, List<byte> Data)>();
            foreach (var (address, data) in _pieces.OrderBy(p => p.Address))
            {
                var last = runs.Count == 0 ? default : runs[runs.Count - 1];
                var lastEnd = runs.Count == 0 ? 0 : last.Address + (ulong)last.Data.Count;
                if (runs.Count > 0 && address <= lastEnd)
                {
                    for (var i = 0; i < data.Length; i++)
                    {
                        var at = address + (ulong)i;
                        if (at < lastEnd)
                        {
                            if (last.Data[(int)(at - last.Address)] != data[i]) throw new XunitException($"The reference puts two values at 0x{at:X8}.");
                        }
                        else
                        {
                            last.Data.Add(data[i]);
                        }
                    }
                }
                else
                {
                    runs.Add((address, new List<byte>(data)));
                }
            }
            return runs.Select(r => ((uint)r.Address, r.Data.ToArray())).ToList();
        }

        public static string Describe(IEnumerable<(uint Address, byte[] Data)> runs) =>
            string.Join(", ", runs.Select(r => $"0x{r.Address:X8}+0x{r.Data.Length:X}"));

        /// <summary>The data and start address of S-record text (what srec_cat and objcopy write).</summary>
        public static ByteMap FromSRecords(string text)
        {
            var map = new ByteMap();
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length < 4 || line[0] != 'S') continue;
                var type = line[1] - '0';
                var bytes = Enumerable.Range(0, (line.Length - 2) / 2).Select(i => byte.Parse(line.Substring(2 + 2 * i, 2), NumberStyles.HexNumber)).ToArray();
                var width = type switch { 1 => 2, 2 => 3, 3 => 4, 7 => 4, 8 => 3, 9 => 2, _ => 0 };
                if (width == 0) continue;
                ulong address = 0;
                for (var i = 0; i < width; i++) address = address << 8 | bytes[1 + i];
                if (type <= 3) map.Add(address, bytes.Skip(1 + width).Take(bytes[0] - width - 1).ToArray());
                else map.Start = (uint)address;
            }
            return map;
        }
    }
}
