using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.Checksums;
using Stm32Flash.Images.Reading;

namespace Stm32Flash.Images.Writing
{
    /// <summary>
    /// ST's DfuSe container: a target per alternate setting, an element per address-contiguous run, and the DFU
    /// suffix (DfuSe 0x011A) with the CRC of everything before it. DFUImageSize excludes the suffix (UM0391 errata).
    /// </summary>
    internal static class DfuSeWriter
    {
        public static long Write(Stream stream, List<Piece> pieces, ImageWriteOptions options)
        {
            var targets = Group(pieces, options.DfuTargets);
            if (targets.Count > 255) throw new ArgumentException($"A DfuSe file holds at most 255 targets; the data needs {targets.Count}.");
            var output = new CrcOutput(stream);
            var imageSize = DfuSeReader.PrefixLength + targets.Sum(t => DfuSeReader.TargetPrefixLength + t.Size);

            var prefix = new byte[DfuSeReader.PrefixLength];
            Encoding.ASCII.GetBytes("DfuSe").CopyTo(prefix, 0);
            prefix[5] = 1;
            PutU32(prefix, 6, (uint)imageSize);
            prefix[10] = (byte)targets.Count;
            output.Write(prefix);

            foreach (var target in targets)
            {
                var header = new byte[DfuSeReader.TargetPrefixLength];
                Encoding.ASCII.GetBytes("Target").CopyTo(header, 0);
                header[6] = target.AlternateSetting;
                PutU32(header, 7, 1);
                var name = Encoding.ASCII.GetBytes(target.Name);
                Array.Copy(name, 0, header, 11, Math.Min(name.Length, 254));
                PutU32(header, 266, (uint)target.Size);
                PutU32(header, 270, (uint)target.Elements.Count);
                output.Write(header);
                foreach (var element in target.Elements)
                {
                    var elementHeader = new byte[8];
                    PutU32(elementHeader, 0, element[0].Address);
                    PutU32(elementHeader, 4, (uint)element.Sum(p => (long)p.Count));
                    output.Write(elementHeader);
                    foreach (var piece in element) output.Write(piece.Segment.Data, piece.Offset, piece.Count);
                }
            }

            var suffix = new byte[DfuSeReader.SuffixLength];
            PutU16(suffix, 0, options.DfuDeviceVersion);
            PutU16(suffix, 2, options.DfuProductId);
            PutU16(suffix, 4, options.DfuVendorId);
            PutU16(suffix, 6, DfuSeReader.DfuSeSpecification);
            suffix[8] = (byte)'U';
            suffix[9] = (byte)'F';
            suffix[10] = (byte)'D';
            suffix[11] = DfuSeReader.SuffixLength;
            output.Write(suffix, 0, 12);
            PutU32(suffix, 12, output.Crc);
            output.Write(suffix, 12, 4);
            return output.Written;
        }

        private static List<TargetPlan> Group(List<Piece> pieces, IReadOnlyList<DfuSeTarget>? templates)
        {
            var targets = new List<TargetPlan>();
            foreach (var piece in pieces)
            {
                var template = templates?.FirstOrDefault(t => t.Elements.Any(e => e.Contains(piece.Address)));
                var alternate = template?.AlternateSetting ?? 0;
                var name = template?.Name ?? ImageWriteOptions.DefaultDfuTargetName;
                var target = targets.FirstOrDefault(t => t.AlternateSetting == alternate && t.Name == name);
                if (target == null)
                {
                    target = new TargetPlan(alternate, name);
                    targets.Add(target);
                }
                var last = target.Elements.Count == 0 ? null : target.Elements[target.Elements.Count - 1];
                if (last != null && last[last.Count - 1].End == piece.Address) last.Add(piece);
                else target.Elements.Add(new List<Piece> { piece });
            }
            foreach (var target in targets) target.Size = target.Elements.Sum(e => 8 + e.Sum(p => (long)p.Count));
            return targets;
        }

        private static void PutU16(byte[] b, int i, ushort v)
        {
            b[i] = (byte)v;
            b[i + 1] = (byte)(v >> 8);
        }

        private static void PutU32(byte[] b, int i, uint v)
        {
            b[i] = (byte)v;
            b[i + 1] = (byte)(v >> 8);
            b[i + 2] = (byte)(v >> 16);
            b[i + 3] = (byte)(v >> 24);
        }

        private sealed class TargetPlan
        {
            public TargetPlan(byte alternateSetting, string name)
            {
                AlternateSetting = alternateSetting;
                Name = name;
            }

            public byte AlternateSetting { get; }

            public string Name { get; }

            public List<List<Piece>> Elements { get; } = new List<List<Piece>>();

            /// <summary>Bytes of the elements with their headers (dwTargetSize).</summary>
            public long Size { get; set; }
        }

        private sealed class CrcOutput
        {
            private readonly Stream _stream;

            public CrcOutput(Stream stream) => _stream = stream;

            public uint Crc { get; private set; } = 0xFFFFFFFF;

            public long Written { get; private set; }

            public void Write(byte[] data) => Write(data, 0, data.Length);

            public void Write(byte[] data, int offset, int count)
            {
                Crc = Crc32Reflected.Update(Crc, new ReadOnlySpan<byte>(data, offset, count));
                _stream.Write(data, offset, count);
                Written += count;
            }
        }
    }
}
