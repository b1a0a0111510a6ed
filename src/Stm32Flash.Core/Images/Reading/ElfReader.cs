using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// ELF32/ELF64 little-endian: the file bytes of every PT_LOAD program header at its physical (load) address, so
    /// initialised data lands in flash where the startup code copies it from, and of those only the bytes an allocated
    /// section holds, as objcopy takes them. e_entry is the start address.
    /// </summary>
    internal sealed partial class ElfReader : BinaryFormatReader
    {
        private const uint PtLoad = 1;
        private const ushort EmArm = 40;
        private const ushort EtRel = 1;
        private const ushort EtExec = 2;
        private const ushort EtDyn = 3;
        private const ushort EtCore = 4;

        public ElfReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        protected override List<FileChunk> ParseStructure()
        {
            var ident = ReadAt(0, 16, "the ELF identification");
            if (ident[0] != 0x7F || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F')
                throw Error(ImageErrorKind.BadStructure, 0, "not an ELF file", Hex(ident, 0, 4), "7F 45 4C 46 ('\\x7FELF')");
            var is64 = ident[4] switch
            {
                1 => false,
                2 => true,
                _ => throw Error(ImageErrorKind.BadStructure, 4, "unknown ELF class", $"{ident[4]}", "1 (ELF32) or 2 (ELF64)"),
            };
            if (ident[5] == 2) throw Error(ImageErrorKind.Unsupported, 5, "a big-endian ELF file", "2 (big-endian)", "1 (little-endian), as ARM Cortex-M toolchains write");
            if (ident[5] != 1) throw Error(ImageErrorKind.BadStructure, 5, "unknown ELF data encoding", $"{ident[5]}", "1 (little-endian)");

            var header = ReadAt(0, is64 ? 64 : 52, "the ELF header");
            CheckType(U16(header, 16));
            var entry = is64 ? U64(header, 24) : U32(header, 24);
            var phoff = is64 ? U64(header, 32) : U32(header, 28);
            var phentsize = U16(header, is64 ? 54 : 42);
            var phnum = U16(header, is64 ? 56 : 44);
            var minimum = is64 ? 56 : 32;
            if (phnum == 0xFFFF) throw Error(ImageErrorKind.Unsupported, is64 ? 56 : 44, "more than 65534 program headers (PN_XNUM)", "0xFFFF", "fewer program headers");
            if (phnum > 0 && phentsize < minimum)
                throw Error(ImageErrorKind.BadStructure, is64 ? 54 : 42, "program header entries are too small", $"{phentsize}", $"at least {minimum} bytes (e_phentsize)");

            var fileLength = Stream.Length;
            if (phnum > 0 && (phoff > (ulong)fileLength || phoff + (ulong)phnum * phentsize > (ulong)fileLength))
            {
                throw Error(ImageErrorKind.Truncated, (long)System.Math.Min(phoff, (ulong)fileLength),
                    $"the program header table ({phnum} entries of {phentsize} bytes at 0x{phoff:X}) runs past the end of the file",
                    $"a file of 0x{fileLength:X} bytes", $"at least 0x{phoff + (ulong)phnum * phentsize:X} bytes");
            }
            var table = phnum == 0 ? new byte[0] : ReadAt((long)phoff, phnum * phentsize, "the program header table");
            var loads = new List<LoadHeader>();
            for (var i = 0; i < phnum; i++)
            {
                var at = i * phentsize;
                if (U32(table, at) != PtLoad) continue;
                var load = new LoadHeader(i, (long)phoff + at,
                    is64 ? U64(table, at + 8) : U32(table, at + 4),
                    is64 ? U64(table, at + 16) : U32(table, at + 8),
                    is64 ? U64(table, at + 24) : U32(table, at + 12),
                    is64 ? U64(table, at + 32) : U32(table, at + 16));
                if (load.FileSize == 0) continue;
                if (load.Offset > (ulong)fileLength || load.Offset + load.FileSize > (ulong)fileLength)
                {
                    throw Error(ImageErrorKind.Truncated, load.Where, $"program header {i} (PT_LOAD) has 0x{load.FileSize:X} bytes at file offset 0x{load.Offset:X}, past the end of the file",
                        $"a file of 0x{fileLength:X} bytes", $"at least 0x{load.Offset + load.FileSize:X} bytes");
                }
                loads.Add(load);
            }

            var machine = U16(header, 18);
            if (machine != EmArm) Image.Warn(ElfMachines.Warning(machine));
            var useVirtual = UsesVirtualAddresses(loads);
            var headerEnd = System.Math.Max((ulong)(is64 ? 64 : 52), phoff + (ulong)phnum * phentsize);
            var chunks = LoadedChunks(loads, useVirtual, ReadAllocatedSections(header, is64), headerEnd);
            if (chunks.Count == 0)
            {
                throw Error(ImageErrorKind.Empty, is64 ? 32 : 28,
                    $"the file holds no data (nothing to load): none of its {phnum} program headers is a PT_LOAD with file bytes that an allocated section covers",
                    $"{phnum} program header(s), {loads.Count} PT_LOAD with file bytes", "a linked program with at least one PT_LOAD segment holding code or data");
            }
            if (entry != 0 && entry < AddressRange.AddressSpaceEnd) Image.StartAddress = StartAddress.FromElf((uint)entry);
            return chunks;
        }

        /// <summary>Executables (ET_EXEC) and position-independent ones (ET_DYN) carry load addresses; other types are refused.</summary>
        private void CheckType(ushort type)
        {
            switch (type)
            {
                case EtExec:
                case EtDyn:
                    return;
                case EtRel:
                    throw Error(ImageErrorKind.Empty, 16, "an object file (ET_REL): it has no load addresses and nothing to load; link it first (e.g. arm-none-eabi-gcc with a linker script) and read the linked .elf",
                        "e_type 1 (ET_REL, relocatable)", "e_type 2 (ET_EXEC, executable)");
                case EtCore:
                    throw Error(ImageErrorKind.Unsupported, 16, "a core dump (ET_CORE): its segments are a snapshot of memory, not a program to flash",
                        "e_type 4 (ET_CORE)", "e_type 2 (ET_EXEC, executable)");
                case 0:
                    throw Error(ImageErrorKind.BadStructure, 16, "the ELF file type is ET_NONE", "e_type 0 (ET_NONE)", "e_type 2 (ET_EXEC, executable)");
                default:
                    throw Error(ImageErrorKind.Unsupported, 16, "an ELF file type this reader does not know", $"e_type 0x{type:X4}", "e_type 2 (ET_EXEC, executable) or 3 (ET_DYN)");
            }
        }

        /// <summary>
        /// Some linkers (Renesas CC-RX) write 0 as every physical address: then the virtual ones are the load addresses,
        /// as GNU BFD and OpenOCD take them when more than one PT_LOAD has physical address 0 and none another.
        /// </summary>
        private bool UsesVirtualAddresses(List<LoadHeader> loads)
        {
            if (loads.Count < 2 || loads.Exists(l => l.PhysicalAddress != 0) || !loads.Exists(l => l.VirtualAddress != 0)) return false;
            Image.Note($"every PT_LOAD program header with file bytes ({loads.Count}) has physical address 0, so their virtual addresses are taken as load addresses, as GNU objcopy and OpenOCD take them");
            return true;
        }

        private static ushort U16(byte[] b, int i) => (ushort)(b[i] | b[i + 1] << 8);

        private static uint U32(byte[] b, int i) => (uint)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24);

        private static ulong U64(byte[] b, int i) => U32(b, i) | (ulong)U32(b, i + 4) << 32;

        private static string Hex(byte[] b, int from, int count)
        {
            var parts = new string[count];
            for (var i = 0; i < count; i++) parts[i] = b[from + i].ToString("X2");
            return string.Join(" ", parts);
        }
    }
}
