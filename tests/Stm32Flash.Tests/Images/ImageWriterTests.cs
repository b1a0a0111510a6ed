using System;
using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    public class ImageWriterTests
    {
        private static string WriteText(ImageWriteOptions options, params Segment[] segments)
        {
            var stream = new MemoryStream();
            ImageWriter.Write(stream, segments, options);
            return Encoding.ASCII.GetString(stream.ToArray());
        }

        private static string[] Lines(string text) => text.Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i + seed)).ToArray();

        [Fact]
        public void Intel_hex_repeats_04_at_each_segment_and_64K_line_and_splits_records_there()
        {
            var text = WriteText(new ImageWriteOptions { RecordLength = 16, StartAddress = StartAddress.Linear(0x08000195) },
                new Segment(0x0800FFF8, Bytes(24, 0)), new Segment(0x08020000, Bytes(2, 7)));
            Assert.Equal(new[]
            {
                HexText.Linear(0x0800), Data(0xFFF8, Bytes(8, 0)), HexText.Linear(0x0801), Data(0x0000, Bytes(16, 8)),
                HexText.Linear(0x0802), Data(0x0000, Bytes(2, 7)), StartLinear(0x08000195), End,
            }, Lines(text));
        }

        [Fact]
        public void Intel_hex_below_64K_needs_no_address_record_and_keeps_a_CS_IP_start()
        {
            var text = WriteText(new ImageWriteOptions { RecordLength = 4, StartAddress = StartAddress.SegmentCsIp(0x1234, 0x0010), NewLine = "\n" },
                new Segment(0x100, Bytes(6, 1)));
            Assert.Equal(Data(0x100, Bytes(4, 1)) + "\n" + Data(0x104, Bytes(2, 5)) + "\n" + StartSegment(0x1234, 0x0010) + "\n" + End + "\n", text);
        }

        [Fact]
        public void SRecord_uses_the_narrowest_width_counts_records_and_terminates_with_the_start()
        {
            var text = WriteText(new ImageWriteOptions { Format = ImageFormat.SRecord, RecordLength = 4, Header = "HDR", StartAddress = StartAddress.Linear(0x123456) },
                new Segment(0x100, Bytes(6, 1)));
            Assert.Equal(new[] { S(0, 0, Encoding.ASCII.GetBytes("HDR")), S(2, 0x100, Bytes(4, 1)), S(2, 0x104, Bytes(2, 5)), S(5, 2), S(8, 0x123456) }, Lines(text));
        }

        [Fact]
        public void SRecord_width_can_be_forced_but_not_too_narrow()
        {
            var text = WriteText(new ImageWriteOptions { Format = ImageFormat.SRecord, SRecordAddressBytes = 4 }, new Segment(0x100, Bytes(2, 1)));
            Assert.Equal(new[] { S(3, 0x100, Bytes(2, 1)), S(5, 1) }, Lines(text));
            var narrow = Assert.Throws<SRecordAddressException>(() => WriteText(new ImageWriteOptions { Format = ImageFormat.SRecord, SRecordAddressBytes = 2 }, new Segment(0x10000, Bytes(2, 1))));
            Assert.Equal((0x10001u, 2, 3), (narrow.Address, narrow.AddressBytes, narrow.RequiredAddressBytes));
            Assert.Null(narrow.ParamName);
            Assert.Throws<ArgumentOutOfRangeException>(() => WriteText(new ImageWriteOptions { Format = ImageFormat.SRecord, SRecordAddressBytes = 4, RecordLength = 251 }, new Segment(0, Bytes(2, 1))));
        }

        [Fact]
        public void Writing_into_a_missing_folder_names_the_file_asked_for_not_the_temporary_one()
        {
            using var temp = new TempFolder();
            var path = temp.File(Path.Combine("missing", "o.hex"));
            var error = Assert.Throws<DirectoryNotFoundException>(() => ImageWriter.Write(path, new[] { new Segment(0, Bytes(2, 1)) }, new ImageWriteOptions()));
            Assert.Contains($"'{path}'", error.Message);
            Assert.Contains("does not exist", error.Message);
            Assert.DoesNotContain(".tmp", error.Message);
        }

        [Fact]
        public void Identical_overlapping_segments_are_written_once()
        {
            var stream = new MemoryStream();
            var summary = ImageWriter.Write(stream, new[] { new Segment(0x10, Bytes(8, 0)), new Segment(0x14, Bytes(8, 4)), new Segment(0x12, Bytes(2, 2)) },
                new ImageWriteOptions { RecordLength = 32 });
            Assert.Equal(12, summary.DataBytes);
            Assert.Equal(1, summary.SegmentCount);
            Assert.Equal(new[] { Data(0x10, Bytes(8, 0)), Data(0x18, Bytes(4, 8)), End }, Lines(Encoding.ASCII.GetString(stream.ToArray())));
        }

        [Fact]
        public void Conflicting_segments_are_an_error_naming_both()
        {
            var a = new Segment(0x10, Bytes(8, 0), SegmentSource.FromLine("/x/a.hex", 3));
            var b = new Segment(0x14, new byte[] { 4, 5, 9 }, SegmentSource.FromLine("/x/b.hex", 7));
            var error = Assert.Throws<SegmentConflictException>(() => WriteText(new ImageWriteOptions(), a, b));
            Assert.Equal(0x16u, error.Address);
            Assert.Same(a, error.First);
            Assert.Same(b, error.Second);
            Assert.Contains("a.hex:3", error.Message);
            Assert.Contains("b.hex:7", error.Message);
        }

        [Fact]
        public void Binary_fills_gaps_from_the_lowest_address()
        {
            var stream = new MemoryStream();
            var summary = ImageWriter.Write(stream, new[] { new Segment(0x08000004, new byte[] { 9 }), new Segment(0x08000000, new byte[] { 1, 2 }) },
                new ImageWriteOptions { Format = ImageFormat.Binary, Fill = 0xEE, StartAddress = StartAddress.Linear(1) });
            Assert.Equal(new byte[] { 1, 2, 0xEE, 0xEE, 9 }, stream.ToArray());
            Assert.Equal(new AddressRange(0x08000000, 0x08000005), summary.Span);
            Assert.Null(summary.StartAddress);
        }

        [Fact]
        public void DfuSe_targets_follow_the_source_image()
        {
            var targets = new[]
            {
                new DfuSeTarget(0, "Internal Flash", new[] { AddressRange.FromLength(0x08000000, 0x100) }),
                new DfuSeTarget(1, "Option Bytes", new[] { AddressRange.FromLength(0x1FFF7800, 0x10) }),
            };
            var stream = new MemoryStream();
            ImageWriter.Write(stream, new[] { new Segment(0x1FFF7800, Bytes(16, 1)), new Segment(0x08000000, Bytes(4, 2)), new Segment(0x08000004, Bytes(4, 6)) },
                new ImageWriteOptions { Format = ImageFormat.Dfu, DfuTargets = targets, DfuVendorId = 0x1234, DfuProductId = 0x5678, DfuDeviceVersion = 0x0200 });
            stream.Position = 0;
            var image = ImageReader.Read(stream);
            Assert.Equal(ImageFormat.Dfu, image.Format);
            Assert.Equal((ushort)0x1234, image.Dfu!.VendorId);
            Assert.Equal((ushort)0x5678, image.Dfu.ProductId);
            Assert.Equal((ushort)0x0200, image.Dfu.DeviceVersion);
            Assert.Equal(new[] { "0 Internal Flash 0x08000000..0x08000008", "1 Option Bytes 0x1FFF7800..0x1FFF7810" },
                image.Dfu.Targets.Select(t => $"{t.AlternateSetting} {t.Name} {AddressRange.Describe(t.Elements)}"));
            Assert.Equal(Bytes(4, 2).Concat(Bytes(4, 6)), image.Segments[0].Data);
        }

        [Fact]
        public void Elf_cannot_be_written()
        {
            Assert.Throws<NotSupportedException>(() => WriteText(new ImageWriteOptions { Format = ImageFormat.Elf }, new Segment(0, Bytes(1, 0))));
        }

        [Fact]
        public void Writing_a_file_replaces_it_only_when_complete()
        {
            using var temp = new Infrastructure.TempFolder();
            var path = temp.Write("fw.hex", "old");
            var conflicting = new[] { new Segment(0, new byte[] { 1 }), new Segment(0, new byte[] { 2 }) };
            Assert.Throws<SegmentConflictException>(() => ImageWriter.Write(path, conflicting, new ImageWriteOptions()));
            Assert.Equal("old", File.ReadAllText(path));
            ImageWriter.Write(path, new[] { new Segment(0, new byte[] { 1 }) }, new ImageWriteOptions());
            Assert.Equal(new byte[] { 1 }, ImageReader.Read(path).Segments.Single().Data);
            Assert.Single(Directory.GetFiles(temp.Path));
        }

        [Theory]
        [InlineData("a.hex", ImageFormat.IntelHex, 0)]
        [InlineData("a.IHEX", ImageFormat.IntelHex, 0)]
        [InlineData("a.s19", ImageFormat.SRecord, 2)]
        [InlineData("a.s28", ImageFormat.SRecord, 3)]
        [InlineData("a.s37", ImageFormat.SRecord, 4)]
        [InlineData("a.srec", ImageFormat.SRecord, 0)]
        [InlineData("a.mot", ImageFormat.SRecord, 0)]
        [InlineData("a.bin", ImageFormat.Binary, 0)]
        [InlineData("a.dfu", ImageFormat.Dfu, 0)]
        public void Extensions_imply_formats(string name, ImageFormat format, int width)
        {
            Assert.Equal(format, ImageWriter.FormatFromExtension(name));
            Assert.Equal(width, ImageWriter.SRecordAddressBytesFromExtension(name));
        }

        [Fact]
        public void Unknown_extensions_imply_nothing()
        {
            Assert.Null(ImageWriter.FormatFromExtension("a.txt"));
            Assert.Null(ImageWriter.FormatFromExtension("a"));
        }
    }
}
