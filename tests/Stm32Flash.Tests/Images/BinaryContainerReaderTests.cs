using System;
using System.IO;
using System.Linq;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.ElfBuilder;

namespace Stm32Flash.Tests.Images
{
    /// <summary>ELF and raw binary files built in memory; DfuSe files are checked against dfu-util's tools in the oracle tests.</summary>
    public class BinaryContainerReaderTests
    {
        private static ImageInfo Read(byte[] bytes, ImageReadOptions? options = null) => ImageReader.Read(new MemoryStream(bytes), options, "/fw/test.bin");

        private static ImageFormatException Fails(byte[] bytes, ImageReadOptions? options = null) => Assert.ThrowsAny<ImageFormatException>(() => Read(bytes, options));

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 13 + seed)).ToArray();

        private static ProgramHeader[] Firmware() => new[]
        {
            new ProgramHeader { PhysicalAddress = 0x08000000, VirtualAddress = 0x08000000, Data = Bytes(0x40, 1) },
            new ProgramHeader { Type = 4, PhysicalAddress = 0x08000400, Data = Bytes(8, 9) },
            new ProgramHeader { PhysicalAddress = 0x08000040, VirtualAddress = 0x20000000, Data = Bytes(0x10, 2), MemorySize = 0x100 },
            new ProgramHeader { PhysicalAddress = 0x20000010, VirtualAddress = 0x20000010, MemorySize = 0x400 },
            new ProgramHeader { PhysicalAddress = 0x08080000, VirtualAddress = 0x08080000, Data = Bytes(3, 3) },
        };

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Elf_load_segments_land_at_their_physical_addresses(bool is64)
        {
            var image = Read(Build(is64, 0x08000011, Firmware()));
            Assert.Equal(ImageFormat.Elf, image.Format);
            Assert.Equal(new[] { 0x08000000u, 0x08080000u }, image.Segments.Select(s => s.Address));
            Assert.Equal(Bytes(0x40, 1).Concat(Bytes(0x10, 2)), image.Segments[0].Data);
            Assert.Equal(Bytes(3, 3), image.Segments[1].Data);
            Assert.Equal(StartAddressKind.ElfEntry, image.StartAddress!.Kind);
            Assert.Equal(0x08000011u, image.StartAddress.Address);
            Assert.Equal(is64 ? 64 + 5 * 56 : 52 + 5 * 32, image.Segments[0].Source.Offset);
        }

        [Fact]
        public void Big_endian_elf_is_unsupported()
        {
            var bytes = Build(false, 0, Firmware());
            bytes[5] = 2;
            var error = Fails(bytes);
            Assert.Equal(ImageErrorKind.Unsupported, error.Kind);
            Assert.Equal(5L, error.Offset);
        }

        [Fact]
        public void Truncated_elf_header_is_an_error()
        {
            var error = Fails(Build(false, 0, Firmware()).Take(40).ToArray(), new ImageReadOptions { Format = ImageFormat.Elf });
            Assert.Equal(ImageErrorKind.Truncated, error.Kind);
            Assert.Contains("ELF header", error.Message);
        }

        [Fact]
        public void Truncated_program_header_table_is_an_error()
        {
            var error = Fails(Build(false, 0, Firmware()).Take(52 + 70).ToArray());
            Assert.Equal(ImageErrorKind.Truncated, error.Kind);
            Assert.Equal(52L, error.Offset);
            Assert.Contains("program header table", error.Message);
        }

        [Fact]
        public void Truncated_segment_data_is_an_error_naming_the_program_header()
        {
            var bytes = Build(false, 0, Firmware());
            var error = Fails(bytes.Take(bytes.Length - 1).ToArray());
            Assert.Equal(ImageErrorKind.Truncated, error.Kind);
            Assert.Equal(52L + 4 * 32, error.Offset);
            Assert.Contains("program header 4", error.Message);
        }

        [Fact]
        public void Elf64_physical_address_past_4_GiB_is_an_error()
        {
            var error = Fails(Build(true, 0, new[] { new ProgramHeader { PhysicalAddress = 0x1_0000_0000, Data = Bytes(4, 0) } }));
            Assert.Equal(ImageErrorKind.AddressOverflow, error.Kind);
        }

        [Theory]
        [InlineData((ushort)1, ImageErrorKind.Empty, "object file")]
        [InlineData((ushort)4, ImageErrorKind.Unsupported, "core dump")]
        [InlineData((ushort)0, ImageErrorKind.BadStructure, "ET_NONE")]
        [InlineData((ushort)0xFE00, ImageErrorKind.Unsupported, "does not know")]
        public void Elf_files_that_are_not_programs_are_refused_whatever_they_hold(ushort type, ImageErrorKind kind, string words)
        {
            var error = Fails(Build(false, 0x08000011, Firmware(), type));
            Assert.Equal(kind, error.Kind);
            Assert.Equal(16L, error.Offset);
            Assert.Contains(words, error.Message);
            Assert.Equal("/fw/test.bin", error.File);
        }

        [Fact]
        public void Position_independent_elf_loads_like_an_executable()
        {
            var image = Read(Build(false, 0x08000011, Firmware(), type: 3));
            Assert.Equal(new[] { 0x08000000u, 0x08080000u }, image.Segments.Select(s => s.Address));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Elf_with_nothing_to_load_is_an_error_not_an_empty_image(bool hasHeaders)
        {
            var headers = hasHeaders
                ? new[] { new ProgramHeader { Type = 4, Data = Bytes(8, 1) }, new ProgramHeader { PhysicalAddress = 0x20000000, MemorySize = 0x100 } }
                : Array.Empty<ProgramHeader>();
            var error = Fails(Build(false, 0x08000011, headers));
            Assert.Equal(ImageErrorKind.Empty, error.Kind);
            Assert.Contains("nothing to load", error.Message);
            Assert.Contains($"{headers.Length} program header", error.Message);
        }

        [Fact]
        public void Raw_binary_needs_an_address()
        {
            var error = Fails(Bytes(10, 0));
            Assert.Equal(ImageErrorKind.MissingAddress, error.Kind);
            Assert.Equal("the address of its first byte as the load address", error.Expected);
            var image = Read(Bytes(10, 0), new ImageReadOptions { Address = 0x08004000 });
            Assert.Equal(ImageFormat.Binary, image.Format);
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x08004000u, segment.Address);
            Assert.Equal(Bytes(10, 0), segment.Data);
            Assert.Equal(0L, segment.Source.Offset);
        }

        [Fact]
        public void Raw_binary_past_4_GiB_is_an_error()
        {
            Assert.Equal(ImageErrorKind.AddressOverflow, Fails(Bytes(10, 0), new ImageReadOptions { Address = 0xFFFFFFF8 }).Kind);
        }

        [Fact]
        public void An_empty_file_holds_no_data_whatever_its_format()
        {
            Assert.Equal(ImageErrorKind.Empty, Fails(Array.Empty<byte>()).Kind);
            Assert.Equal(ImageErrorKind.Empty, Fails(Array.Empty<byte>(), new ImageReadOptions { Format = ImageFormat.Binary, Address = 0 }).Kind);
        }

        [Theory]
        [InlineData("\x7F" + "ELF\x01", ImageFormat.Elf)]
        [InlineData("DfuSe\x01", ImageFormat.Dfu)]
        [InlineData(":10000000", ImageFormat.IntelHex)]
        [InlineData("\r\n\r\n  :020000040800F2", ImageFormat.IntelHex)]
        [InlineData("S00600004844521B", ImageFormat.SRecord)]
        [InlineData("s1", ImageFormat.Binary)]
        [InlineData("\x00\x50\x00\x20\x95\x01\x00\x08", ImageFormat.Binary)]
        [InlineData(":x", ImageFormat.Binary)]
        public void Formats_are_detected_from_content(string start, ImageFormat expected)
        {
            Assert.Equal(expected, FormatDetector.Detect(start.Select(c => (byte)c).ToArray()));
        }
    }
}
