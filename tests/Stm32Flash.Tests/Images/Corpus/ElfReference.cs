using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>
    /// An ELF file's load image from readelf's program and section headers: the bytes of the PT_LOAD segments that an
    /// allocated section with contents holds, at the segment's physical address plus their offset in it (its virtual
    /// address when every PT_LOAD with bytes has physical address 0, as GNU BFD takes it). objcopy cannot be the reference
    /// for every file: it places sections by their own addresses, and armlink gives RW data its run address there.
    /// </summary>
    public sealed class ElfReference
    {
        private static readonly Regex Load = new Regex(@"^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)", RegexOptions.Multiline);

        // "[ 9] PResetPRG  PROGBITS  ffff8000 000314 000046 00  AX  0   0  1": type, address, offset, size, entry size, flags.
        private static readonly Regex Section = new Regex(@"^\s*\[\s*\d+\].*?\s(\S+)\s+([0-9a-f]{8,16})\s([0-9a-f]{6,16})\s([0-9a-f]{6,16})\s[0-9a-f]{2}\s([A-Za-z ]*?)\s+\d+\s+\d+\s+\d+\s*$", RegexOptions.Multiline);

        private ElfReference(List<LoadSegment> loads, List<ElfSection> sections, ulong entry)
        {
            Loads = loads;
            Sections = sections;
            Entry = entry;
        }

        public List<LoadSegment> Loads { get; }

        public List<ElfSection> Sections { get; }

        public ulong Entry { get; }

        /// <summary>objcopy places every section right only where each lies in a PT_LOAD's virtual address range.</summary>
        public bool ObjcopyPlacesEverySection =>
            Sections.Where(s => s.Loaded).All(s => Loads.Any(l => s.Address >= l.VirtualAddress && s.Address < l.VirtualAddress + l.MemorySize));

        public static ElfReference Parse(string path)
        {
            var text = ExternalTool.Run("readelf", Path.GetDirectoryName(path)!, "-h", "-l", "-S", "-W", path);
            var loads = Load.Matches(text).Select(m => new LoadSegment(Hex(m, 1), Hex(m, 2), Hex(m, 3), Hex(m, 4), Hex(m, 5))).ToList();
            var sections = Section.Matches(text).Select(m => new ElfSection(m.Groups[1].Value, Hex(m, 2), Hex(m, 3), Hex(m, 4), m.Groups[5].Value)).ToList();
            var entry = Regex.Match(text, @"Entry point address:\s+0x([0-9a-f]+)");
            return new ElfReference(loads, sections, entry.Success ? ulong.Parse(entry.Groups[1].Value, NumberStyles.HexNumber) : 0);
        }

        public static ByteMap FromReadelf(string path) => Parse(path).Map(File.ReadAllBytes(path));

        public ByteMap Map(byte[] file)
        {
            var withBytes = Loads.Where(l => l.FileSize > 0).ToList();
            var virtualAddresses = withBytes.Count > 1 && withBytes.All(l => l.PhysicalAddress == 0);
            var map = new ByteMap { Start = Entry == 0 ? (uint?)null : (uint)Entry };
            foreach (var load in withBytes)
            {
                var address = virtualAddresses ? load.VirtualAddress : load.PhysicalAddress;
                foreach (var s in Sections.Where(s => s.Loaded))
                {
                    var from = Math.Max(s.Offset, load.Offset);
                    var to = Math.Min(s.Offset + s.Size, load.Offset + load.FileSize);
                    if (from < to) map.Add(address + (from - load.Offset), file.AsSpan((int)from, (int)(to - from)).ToArray());
                }
            }
            return map;
        }

        private static ulong Hex(Match m, int group) => ulong.Parse(m.Groups[group].Value, NumberStyles.HexNumber);

        public sealed record LoadSegment(ulong Offset, ulong VirtualAddress, ulong PhysicalAddress, ulong FileSize, ulong MemorySize);

        public sealed record ElfSection(string Type, ulong Address, ulong Offset, ulong Size, string Flags)
        {
            /// <summary>Allocated and with contents in the file.</summary>
            public bool Loaded => Flags.Contains('A') && Type != "NOBITS" && Size > 0;
        }
    }
}
