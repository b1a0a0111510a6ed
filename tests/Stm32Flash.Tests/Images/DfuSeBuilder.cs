using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// DfuSe files laid out by hand from UM0391 (prefix, targets of elements, DFU suffix), with the suffix CRC computed bit by
    /// bit here rather than by the module's table, so that reader tests can damage one field and seal the file again.
    /// </summary>
    public static class DfuSeBuilder
    {
        public sealed class Element
        {
            public uint Address { get; set; }
            public byte[] Data { get; set; } = Array.Empty<byte>();
        }

        public sealed class Target
        {
            public byte Alternate { get; set; }
            public string? Name { get; set; }
            public Element[] Elements { get; set; } = Array.Empty<Element>();
        }

        public const int PrefixLength = 11;
        public const int TargetPrefixLength = 274;

        /// <summary>Prefix and targets, then a DfuSe suffix (bcdDFU 0x011A).</summary>
        public static byte[] Build(params Target[] targets) => Seal(Body(targets), 0x011A);

        public static byte[] Body(IReadOnlyList<Target> targets)
        {
            var stream = new MemoryStream();
            var w = new BinaryWriter(stream);
            w.Write(Encoding.ASCII.GetBytes("DfuSe"));
            w.Write((byte)1);
            w.Write(0u);
            w.Write((byte)targets.Count);
            foreach (var t in targets)
            {
                var size = 0;
                foreach (var e in t.Elements) size += 8 + e.Data.Length;
                w.Write(Encoding.ASCII.GetBytes("Target"));
                w.Write(t.Alternate);
                w.Write(t.Name is null ? 0u : 1u);
                var name = new byte[255];
                if (t.Name != null) Encoding.ASCII.GetBytes(t.Name).CopyTo(name, 0);
                w.Write(name);
                w.Write((uint)size);
                w.Write((uint)t.Elements.Length);
                foreach (var e in t.Elements)
                {
                    w.Write(e.Address);
                    w.Write((uint)e.Data.Length);
                    w.Write(e.Data);
                }
            }
            var body = stream.ToArray();
            BitConverter.GetBytes((uint)body.Length).CopyTo(body, 6);
            return body;
        }

        /// <summary>The body followed by a DFU suffix (vendor 0x0483, product 0xDF11, device 0x0200) whose CRC covers both.</summary>
        public static byte[] Seal(byte[] body, ushort bcdDfu, ushort vendor = 0x0483, ushort product = 0xDF11, ushort device = 0x0200)
        {
            var file = new byte[body.Length + 16];
            body.CopyTo(file, 0);
            var s = body.Length;
            BitConverter.GetBytes(device).CopyTo(file, s);
            BitConverter.GetBytes(product).CopyTo(file, s + 2);
            BitConverter.GetBytes(vendor).CopyTo(file, s + 4);
            BitConverter.GetBytes(bcdDfu).CopyTo(file, s + 6);
            file[s + 8] = (byte)'U';
            file[s + 9] = (byte)'F';
            file[s + 10] = (byte)'D';
            file[s + 11] = 16;
            return Reseal(file);
        }

        /// <summary>Writes the suffix CRC again after a test changed bytes before it.</summary>
        public static byte[] Reseal(byte[] file)
        {
            BitConverter.GetBytes(Crc(file, file.Length - 4)).CopyTo(file, file.Length - 4);
            return file;
        }

        /// <summary>DFU 1.1's dwCRC: the reflected CRC-32 (polynomial 0xEDB88320) from 0xFFFFFFFF, without the final inversion.</summary>
        public static uint Crc(byte[] bytes, int count)
        {
            var crc = 0xFFFFFFFFu;
            for (var i = 0; i < count; i++)
            {
                crc ^= bytes[i];
                for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            return crc;
        }
    }
}
