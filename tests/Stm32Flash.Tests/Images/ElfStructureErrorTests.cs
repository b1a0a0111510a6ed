using System;
using System.IO;
using System.Linq;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.BinaryFieldErrors;
using static Stm32Flash.Tests.Images.ElfBuilder;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// Damaged or unusual ELF headers: each is refused with the field's file offset, what was found and what was expected, or
    /// read as the ELF specification says (ELF64 fields are 8 bytes wide).
    /// </summary>
    public class ElfStructureErrorTests
    {
        private static ImageInfo Read(byte[] bytes) =>
            ImageReader.Read(new MemoryStream(bytes), new ImageReadOptions { Format = ImageFormat.Elf }, "/fw/test.elf");

        private static ImageFormatException Fails(byte[] bytes) => Assert.ThrowsAny<ImageFormatException>(() => Read(bytes));

        private static byte[] Data(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 5 + 3)).ToArray();

        private static byte[] OneLoad(bool is64, ulong entry = 0x08000101) =>
            Build(is64, entry, new[] { new ProgramHeader { PhysicalAddress = 0x08000000, VirtualAddress = 0x08000000, Data = Data(0x40) } });

        [Theory]
        [InlineData(0, "00 45 4C 46")]
        [InlineData(1, "7F 00 4C 46")]
        [InlineData(2, "7F 45 00 46")]
        [InlineData(3, "7F 45 4C 00")]
        public void Any_byte_of_the_magic_number_wrong_is_not_an_elf_file(int at, string found)
        {
            var bytes = OneLoad(false);
            bytes[at] = 0;
            AssertError(Fails(bytes), ImageErrorKind.BadStructure, 0, "not an ELF file", found, "7F 45 4C 46 ('\\x7FELF')");
        }

        [Fact]
        public void A_file_shorter_than_the_identification_says_so()
        {
            AssertError(Fails(OneLoad(false).Take(12).ToArray()), ImageErrorKind.Truncated, 0, "the ELF identification", "a file of 0xC bytes", "at least 0x10 bytes");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        public void An_unknown_class_is_refused(byte elfClass)
        {
            var bytes = OneLoad(false);
            bytes[4] = elfClass;
            AssertError(Fails(bytes), ImageErrorKind.BadStructure, 4, "unknown ELF class", $"{elfClass}", "1 (ELF32) or 2 (ELF64)");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(3)]
        public void An_unknown_data_encoding_is_refused(byte encoding)
        {
            var bytes = OneLoad(true);
            bytes[5] = encoding;
            AssertError(Fails(bytes), ImageErrorKind.BadStructure, 5, "unknown ELF data encoding", $"{encoding}", "1 (little-endian)");
        }

        [Fact]
        public void A_big_endian_file_is_unsupported_saying_why()
        {
            var bytes = OneLoad(false);
            bytes[5] = 2;
            AssertError(Fails(bytes), ImageErrorKind.Unsupported, 5, "a big-endian ELF file", "2 (big-endian)", "1 (little-endian), as ARM Cortex-M toolchains write");
        }

        [Theory]
        [InlineData(0, ImageErrorKind.BadStructure, "ET_NONE", "e_type 0 (ET_NONE)", "e_type 2 (ET_EXEC, executable)")]
        [InlineData(4, ImageErrorKind.Unsupported, "a core dump (ET_CORE)", "e_type 4 (ET_CORE)", "e_type 2 (ET_EXEC, executable)")]
        [InlineData(0xFE00, ImageErrorKind.Unsupported, "an ELF file type this reader does not know", "e_type 0xFE00", "e_type 2 (ET_EXEC, executable) or 3 (ET_DYN)")]
        [InlineData(1, ImageErrorKind.Empty, "an object file (ET_REL)", "e_type 1 (ET_REL, relocatable)", "e_type 2 (ET_EXEC, executable)")]
        public void File_types_other_than_executables_are_refused_by_name(int type, ImageErrorKind kind, string problem, string found, string expected)
        {
            AssertError(Fails(Set16(OneLoad(false), 16, type)), kind, 16, problem, found, expected);
        }

        [Fact]
        public void A_position_independent_executable_is_read()
        {
            Assert.Equal(0x08000000u, Assert.Single(Read(Set16(OneLoad(false), 16, 3)).Segments).Address);
        }

        [Theory]
        [InlineData(false, 44)]
        [InlineData(true, 56)]
        public void The_extended_program_header_count_is_unsupported(bool is64, int at)
        {
            AssertError(Fails(Set16(OneLoad(is64), at, 0xFFFF)), ImageErrorKind.Unsupported, at, "more than 65534 program headers (PN_XNUM)", "0xFFFF", "fewer program headers");
        }

        [Theory]
        [InlineData(false, 42, 31, 32)]
        [InlineData(true, 54, 55, 56)]
        [InlineData(true, 54, 32, 56)]
        public void Program_header_entries_smaller_than_the_class_needs_are_refused(bool is64, int at, int size, int minimum)
        {
            AssertError(Fails(Set16(OneLoad(is64), at, size)), ImageErrorKind.BadStructure, at, "program header entries are too small", $"{size}",
                $"at least {minimum} bytes (e_phentsize)");
        }

        [Theory]
        [InlineData(false, 28)]
        [InlineData(true, 32)]
        public void No_program_headers_is_an_empty_file_whatever_the_entry_size_and_table_offset_say(bool is64, int phoffAt)
        {
            var bytes = OneLoad(is64);
            Set16(bytes, is64 ? 56 : 44, 0);
            Set16(bytes, is64 ? 54 : 42, 0);
            Set32(bytes, phoffAt, 0x10000);
            AssertError(Fails(bytes), ImageErrorKind.Empty, phoffAt, "the file holds no data (nothing to load): none of its 0 program headers",
                "0 program header(s), 0 PT_LOAD with file bytes", "a linked program with at least one PT_LOAD segment holding code or data");
        }

        [Fact]
        public void Program_headers_that_load_nothing_are_counted_in_the_empty_error()
        {
            var bytes = Build(true, 0, new[]
            {
                new ProgramHeader { Type = 4, PhysicalAddress = 0x08000000, Data = Data(8) },
                new ProgramHeader { PhysicalAddress = 0x20000000, MemorySize = 0x100 },
            });
            AssertError(Fails(bytes), ImageErrorKind.Empty, 32, "none of its 2 program headers", "2 program header(s), 0 PT_LOAD with file bytes", null);
        }

        [Fact]
        public void A_program_header_table_that_starts_inside_the_file_and_runs_past_its_end_names_its_size()
        {
            var bytes = OneLoad(false);
            Set32(bytes, 28, (uint)bytes.Length - 16);
            AssertError(Fails(bytes), ImageErrorKind.Truncated, bytes.Length - 16,
                $"the program header table (1 entries of 32 bytes at 0x{bytes.Length - 16:X}) runs past the end of the file",
                $"a file of 0x{bytes.Length:X} bytes", $"at least 0x{bytes.Length + 16:X} bytes");
        }

        [Fact]
        public void A_program_header_table_that_ends_with_the_file_is_read()
        {
            // Data first, then the table: the header's table offset points at the last 32 bytes.
            var data = Data(0x20);
            var bytes = OneLoad(false).Take(52).Concat(data).Concat(new byte[32]).ToArray();
            Set32(bytes, 28, 52 + 0x20);
            var entry = 52 + 0x20;
            Set32(bytes, entry, 1);
            Set32(bytes, entry + 4, 52);
            Set32(bytes, entry + 8, 0x08000000);
            Set32(bytes, entry + 12, 0x08000000);
            Set32(bytes, entry + 16, 0x20);
            Set32(bytes, entry + 20, 0x20);
            Assert.Equal(data, Assert.Single(Read(bytes).Segments).Data);
        }

        [Fact]
        public void Segment_data_past_the_end_of_the_file_names_the_program_header_and_the_size_needed()
        {
            var bytes = OneLoad(false);
            Set32(bytes, 52 + 16, 0x1000);
            AssertError(Fails(bytes), ImageErrorKind.Truncated, 52, "program header 0 (PT_LOAD) has 0x1000 bytes at file offset 0x54, past the end of the file",
                $"a file of 0x{bytes.Length:X} bytes", "at least 0x1054 bytes");
        }

        [Fact]
        public void An_elf64_entry_point_above_4_GiB_is_no_start_address()
        {
            Assert.Null(Read(OneLoad(true, 0x1_0000_0000)).StartAddress);
            Assert.Null(Read(OneLoad(true, 0x1_0800_0101)).StartAddress);
            Assert.Equal(0x08000101u, Read(OneLoad(true, 0x0800_0101)).StartAddress!.Address);
            Assert.Equal(0xFFFFFFFFu, Read(OneLoad(true, 0xFFFF_FFFF)).StartAddress!.Address);
        }

        [Fact]
        public void Elf64_program_headers_all_at_physical_address_0_load_at_their_64_bit_virtual_addresses()
        {
            var image = Read(Build(true, 0, new[]
            {
                new ProgramHeader { VirtualAddress = 0x08000000, PhysicalAddress = 0, Data = Data(0x10) },
                new ProgramHeader { VirtualAddress = 0x08000100, PhysicalAddress = 0, Data = Data(0x08) },
            }));
            Assert.Equal(new[] { 0x08000000u, 0x08000100u }, image.Segments.Select(s => s.Address));
        }

        [Fact]
        public void Program_header_bytes_a_load_segment_holds_are_left_out_and_named_as_headers()
        {
            // One PT_LOAD from the program header table (file offset 52) to the end of the data; one allocated section holds the data.
            var data = Data(0x40);
            var bytes = OneLoad(false, 0).ToList();
            var shoff = bytes.Count;
            bytes.AddRange(new byte[40]);
            bytes.AddRange(Section(type: 1, flags: 2, offset: 84, size: 0x40));
            var elf = bytes.ToArray();
            Set32(elf, 32, (uint)shoff);
            Set16(elf, 46, 40);
            Set16(elf, 48, 2);
            Set32(elf, 52 + 4, 52);
            Set32(elf, 52 + 12, 0x08000000 - 32);
            Set32(elf, 52 + 16, 0x60);
            Set32(elf, 52 + 20, 0x60);
            var image = Read(elf);
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x08000000u, segment.Address);
            Assert.Equal(data, segment.Data);
            Assert.Contains(image.Notes, n => n.EndsWith("0x20 bytes at 0x07FFFFE0 (program header 0, the ELF and program headers)", StringComparison.Ordinal));
        }

        private static byte[] Section(uint type, uint flags, uint offset, uint size)
        {
            var entry = new byte[40];
            Set32(entry, 4, type);
            Set32(entry, 8, flags);
            Set32(entry, 16, offset);
            Set32(entry, 20, size);
            return entry;
        }
    }
}
