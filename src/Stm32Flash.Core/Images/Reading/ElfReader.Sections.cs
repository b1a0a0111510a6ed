using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Which bytes of the PT_LOAD program headers are loaded: those that an allocated section with contents holds (by file
    /// offset, so armlink's sections at their run addresses count too). The rest (a PT_LOAD that holds only the ELF and
    /// program headers, alignment padding between sections) is left out, as objcopy and the toolchains' own .hex files leave it.
    /// </summary>
    internal sealed partial class ElfReader
    {
        private const uint ShtNobits = 8;
        private const ulong ShfAlloc = 2;
        private const int MaxLeftOutListed = 4;

        /// <summary>The file ranges of the allocated sections with contents, sorted and joined; null when the file has no section table.</summary>
        private List<(ulong Start, ulong End)>? ReadAllocatedSections(byte[] header, bool is64)
        {
            var shoff = is64 ? U64(header, 40) : U32(header, 32);
            var shentsize = U16(header, is64 ? 58 : 46);
            int shnum = U16(header, is64 ? 60 : 48);
            var minimum = is64 ? 64 : 40;
            if (shoff == 0) return null;
            if (shentsize < minimum)
                throw Error(ImageErrorKind.BadStructure, is64 ? 58 : 46, "section header entries are too small", $"{shentsize}", $"at least {minimum} bytes (e_shentsize)");
            var fileLength = (ulong)Stream.Length;
            if (shnum == 0)
            {
                // More than 0xFF00 sections: the count is in section 0's sh_size.
                if (shoff + (ulong)shentsize > fileLength) return null;
                var first = ReadAt((long)shoff, shentsize, "section header 0");
                shnum = (int)System.Math.Min(is64 ? U64(first, 32) : U32(first, 20), (ulong)(int.MaxValue / shentsize));
                if (shnum == 0) return null;
            }
            if (shoff > fileLength || shoff + (ulong)shnum * shentsize > fileLength)
            {
                throw Error(ImageErrorKind.Truncated, (long)System.Math.Min(shoff, fileLength),
                    $"the section header table ({shnum} entries of {shentsize} bytes at 0x{shoff:X}) runs past the end of the file",
                    $"a file of 0x{fileLength:X} bytes", $"at least 0x{shoff + (ulong)shnum * shentsize:X} bytes");
            }
            var table = ReadAt((long)shoff, shnum * shentsize, "the section header table");
            var ranges = new List<(ulong Start, ulong End)>();
            for (var i = 0; i < shnum; i++)
            {
                var at = i * shentsize;
                var type = U32(table, at + 4);
                var flags = is64 ? U64(table, at + 8) : U32(table, at + 8);
                var offset = is64 ? U64(table, at + 24) : U32(table, at + 16);
                var size = is64 ? U64(table, at + 32) : U32(table, at + 20);
                if ((flags & ShfAlloc) == 0 || type == ShtNobits || size == 0) continue;
                ranges.Add((offset, offset + size));
            }
            ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
            var joined = new List<(ulong Start, ulong End)>();
            foreach (var r in ranges)
            {
                if (joined.Count > 0 && r.Start <= joined[joined.Count - 1].End)
                    joined[joined.Count - 1] = (joined[joined.Count - 1].Start, System.Math.Max(joined[joined.Count - 1].End, r.End));
                else
                    joined.Add(r);
            }
            return joined;
        }

        /// <summary>The loaded bytes as chunks; notes what was left out.</summary>
        private List<FileChunk> LoadedChunks(List<LoadHeader> loads, bool useVirtual, List<(ulong Start, ulong End)>? sections, ulong headerEnd)
        {
            var chunks = new List<FileChunk>();
            var leftOut = new List<string>();
            ulong leftOutBytes = 0;
            foreach (var load in loads)
            {
                var address = useVirtual ? load.VirtualAddress : load.PhysicalAddress;
                if (address >= AddressRange.AddressSpaceEnd)
                {
                    throw Error(ImageErrorKind.AddressOverflow, load.Where, $"program header {load.Index} (PT_LOAD) loads at 0x{address:X}, past the 4 GiB address space",
                        $"0x{address:X}", $"a {(useVirtual ? "virtual" : "physical")} address below 0x100000000");
                }
                var kept = sections is null ? new List<(ulong Start, ulong End)> { (load.Offset, load.End) } : Covered(load, sections);
                foreach (var (start, end) in kept)
                {
                    var at = address + (start - load.Offset);
                    CheckedEnd(at, end - start, load.Where, $"program header {load.Index} (PT_LOAD)");
                    chunks.Add(new FileChunk(at, (long)(end - start), (long)start));
                }
                var from = load.Offset;
                foreach (var (start, end) in kept.Concat(new[] { (load.End, load.End) }))
                {
                    if (start > from)
                    {
                        leftOutBytes += start - from;
                        var what = from < headerEnd ? ", the ELF and program headers" : "";
                        leftOut.Add($"0x{start - from:X} bytes at 0x{address + (from - load.Offset):X8} (program header {load.Index}{what})");
                    }
                    from = end;
                }
            }
            if (leftOut.Count > 0)
            {
                var listed = string.Join(", ", leftOut.Take(MaxLeftOutListed)) + (leftOut.Count > MaxLeftOutListed ? $" and {leftOut.Count - MaxLeftOutListed} more" : "");
                Image.Note($"left out {leftOutBytes} byte(s) of PT_LOAD segments that no allocated section holds, as objcopy leaves them out: {listed}");
            }
            return chunks;
        }

        private static List<(ulong Start, ulong End)> Covered(LoadHeader load, List<(ulong Start, ulong End)> sections)
        {
            var parts = new List<(ulong Start, ulong End)>();
            foreach (var s in sections)
            {
                var start = System.Math.Max(s.Start, load.Offset);
                var end = System.Math.Min(s.End, load.End);
                if (start < end) parts.Add((start, end));
            }
            return parts;
        }

        private readonly struct LoadHeader
        {
            public LoadHeader(int index, long where, ulong offset, ulong virtualAddress, ulong physicalAddress, ulong fileSize)
            {
                Index = index;
                Where = where;
                Offset = offset;
                VirtualAddress = virtualAddress;
                PhysicalAddress = physicalAddress;
                FileSize = fileSize;
            }

            public int Index { get; }

            /// <summary>File offset of the program header, for error places.</summary>
            public long Where { get; }

            public ulong Offset { get; }

            public ulong VirtualAddress { get; }

            public ulong PhysicalAddress { get; }

            public ulong FileSize { get; }

            public ulong End => Offset + FileSize;
        }
    }
}
