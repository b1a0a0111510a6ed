using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>Reads the DT_NEEDED entries (the libraries a shared object asks the dynamic linker for) of an ELF file.</summary>
    internal static class ElfDependencies
    {
        private const uint PtLoad = 1, PtDynamic = 2;
        private const long DtNull = 0, DtNeeded = 1, DtStrtab = 5;

        /// <summary>The needed library names, or an empty list for a file that is not ELF (e.g. a Mach-O dylib).</summary>
        public static IReadOnlyList<string> Read(string path)
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var ident = ReadAt(f, 0, 16);
            if (ident.Length < 16 || ident[0] != 0x7F || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
                return Array.Empty<string>();
            var is64 = ident[4] == 2;
            var littleEndian = ident[5] == 1;

            ulong U(byte[] b, int offset, int size)
            {
                ulong v = 0;
                for (var i = 0; i < size; i++)
                    v |= (ulong)b[offset + (littleEndian ? i : size - 1 - i)] << (8 * i);
                return v;
            }

            var header = ReadAt(f, 0, is64 ? 64 : 52);
            var phoff = is64 ? U(header, 0x20, 8) : U(header, 0x1C, 4);
            var phentsize = (int)U(header, is64 ? 0x36 : 0x2A, 2);
            var phnum = (int)U(header, is64 ? 0x38 : 0x2C, 2);

            var loads = new List<(ulong vaddr, ulong offset, ulong size)>();
            (ulong offset, ulong size)? dynamic = null;
            for (var i = 0; i < phnum; i++)
            {
                var ph = ReadAt(f, (long)phoff + (long)i * phentsize, phentsize);
                var type = (uint)U(ph, 0, 4);
                var offset = is64 ? U(ph, 8, 8) : U(ph, 4, 4);
                var vaddr = is64 ? U(ph, 16, 8) : U(ph, 8, 4);
                var filesz = is64 ? U(ph, 32, 8) : U(ph, 16, 4);
                if (type == PtLoad) loads.Add((vaddr, offset, filesz));
                else if (type == PtDynamic) dynamic = (offset, filesz);
            }
            if (dynamic is null) return Array.Empty<string>();

            var entrySize = is64 ? 16 : 8;
            var table = ReadAt(f, (long)dynamic.Value.offset, (int)dynamic.Value.size);
            var needed = new List<ulong>();
            ulong? strtab = null;
            for (var o = 0; o + entrySize <= table.Length; o += entrySize)
            {
                var tag = (long)U(table, o, entrySize / 2);
                var value = U(table, o + entrySize / 2, entrySize / 2);
                if (tag == DtNull) break;
                if (tag == DtNeeded) needed.Add(value);
                else if (tag == DtStrtab) strtab = value;
            }
            if (strtab is null) return Array.Empty<string>();

            long? strtabOffset = null;
            foreach (var (vaddr, offset, size) in loads)
            {
                if (strtab.Value >= vaddr && strtab.Value < vaddr + size)
                    strtabOffset = (long)(strtab.Value - vaddr + offset);
            }
            if (strtabOffset is null) return Array.Empty<string>();

            var names = new List<string>();
            foreach (var n in needed)
                names.Add(ReadString(f, strtabOffset.Value + (long)n));
            return names;
        }

        private static byte[] ReadAt(FileStream f, long offset, int count)
        {
            var buffer = new byte[count];
            f.Position = offset;
            var read = 0;
            while (read < count)
            {
                var n = f.Read(buffer, read, count - read);
                if (n == 0) break;
                read += n;
            }
            if (read < count) Array.Resize(ref buffer, read);
            return buffer;
        }

        private static string ReadString(FileStream f, long offset)
        {
            f.Position = offset;
            var bytes = new List<byte>();
            int b;
            while ((b = f.ReadByte()) > 0 && bytes.Count < 4096) bytes.Add((byte)b);
            return Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}
