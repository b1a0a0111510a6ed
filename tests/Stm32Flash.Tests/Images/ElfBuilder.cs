using System;
using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Minimal little-endian ELF files laid out by hand from the ELF specification, for reader tests.</summary>
    public static class ElfBuilder
    {
        public sealed class ProgramHeader
        {
            public uint Type { get; set; } = 1;
            public ulong VirtualAddress { get; set; }
            public ulong PhysicalAddress { get; set; }
            public byte[] Data { get; set; } = Array.Empty<byte>();
            public ulong MemorySize { get; set; }
        }

        /// <summary>An ELF file with the program headers and no section table; machine 0 is ARM (40) for ELF32, AArch64 (183) for ELF64.</summary>
        public static byte[] Build(bool is64, ulong entry, IReadOnlyList<ProgramHeader> headers, ushort type = 2, ushort machine = 0)
        {
            var headerSize = is64 ? 64 : 52;
            var entrySize = is64 ? 56 : 32;
            var dataStart = headerSize + entrySize * headers.Count;
            var stream = new MemoryStream();
            var w = new BinaryWriter(stream);
            w.Write(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', (byte)(is64 ? 2 : 1), 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
            w.Write(type);
            w.Write(machine != 0 ? machine : (ushort)(is64 ? 0xB7 : 0x28));
            w.Write(1u);
            if (is64)
            {
                w.Write(entry);
                w.Write((ulong)headerSize);
                w.Write(0UL);
            }
            else
            {
                w.Write((uint)entry);
                w.Write((uint)headerSize);
                w.Write(0u);
            }
            w.Write(0u);
            w.Write((ushort)headerSize);
            w.Write((ushort)entrySize);
            w.Write((ushort)headers.Count);
            w.Write((ushort)(is64 ? 64 : 40));
            w.Write((ushort)0);
            w.Write((ushort)0);

            var offset = (ulong)dataStart;
            foreach (var h in headers)
            {
                var size = (ulong)h.Data.Length;
                if (is64)
                {
                    w.Write(h.Type);
                    w.Write(5u);
                    w.Write(offset);
                    w.Write(h.VirtualAddress);
                    w.Write(h.PhysicalAddress);
                    w.Write(size);
                    w.Write(Math.Max(size, h.MemorySize));
                    w.Write(4UL);
                }
                else
                {
                    w.Write(h.Type);
                    w.Write((uint)offset);
                    w.Write((uint)h.VirtualAddress);
                    w.Write((uint)h.PhysicalAddress);
                    w.Write((uint)size);
                    w.Write((uint)Math.Max(size, h.MemorySize));
                    w.Write(5u);
                    w.Write(4u);
                }
                offset += size;
            }
            foreach (var h in headers) w.Write(h.Data);
            return stream.ToArray();
        }
    }
}
