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
    public class IntelHexReaderTests
    {
        private static ImageInfo ReadText(string text, ImageReadOptions? options = null) =>
            ImageReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), options, "/fw/test.hex");

        private static ImageFormatException Fails(string text, ImageReadOptions? options = null) =>
            Assert.ThrowsAny<ImageFormatException>(() => ReadText(text, options));

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + seed)).ToArray();

        [Fact]
        public void Contiguous_records_become_one_segment_and_a_gap_splits()
        {
            var a = Bytes(16, 1);
            var b = Bytes(16, 2);
            var c = Bytes(5, 3);
            var image = ReadText(Lines(Linear(0x0800), Data(0x0000, a), Data(0x0010, b), Data(0x0100, c), End));
            Assert.Equal(ImageFormat.IntelHex, image.Format);
            Assert.Equal(2, image.Segments.Count);
            var first = image.Segments[0];
            Assert.Equal(0x08000000u, first.Address);
            Assert.Equal(a.Concat(b), first.Data);
            Assert.Equal(0x08000020UL, first.EndAddress);
            Assert.Equal(2L, first.Source.Line);
            Assert.Equal("/fw/test.hex", first.Source.File);
            Assert.Same(image, first.Source.Image);
            Assert.Equal(0x08000100u, image.Segments[1].Address);
            Assert.Equal(c, image.Segments[1].Data);
            Assert.Equal(4L, image.Segments[1].Source.Line);
            Assert.Null(image.StartAddress);
        }

        [Fact]
        public void Records_out_of_order_are_joined_and_sorted()
        {
            var a = Bytes(16, 1);
            var b = Bytes(16, 2);
            var image = ReadText(Lines(Data(0x0110, b), Data(0x0100, a), End));
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x100u, segment.Address);
            Assert.Equal(a.Concat(b), segment.Data);
            Assert.Equal(2L, segment.Source.Line);
        }

        [Fact]
        public void Extended_segment_address_multiplies_by_16_and_wraps_inside_the_segment()
        {
            var data = Bytes(16, 9);
            var image = ReadText(Lines(Segment(0x1000), Data(0xFFF8, data), End));
            Assert.Equal(2, image.Segments.Count);
            Assert.Equal(0x10000u, image.Segments[0].Address);
            Assert.Equal(data.Skip(8), image.Segments[0].Data);
            Assert.Equal(0x1FFF8u, image.Segments[1].Address);
            Assert.Equal(data.Take(8), image.Segments[1].Data);
        }

        [Fact]
        public void The_last_address_record_wins_whichever_kind()
        {
            var image = ReadText(Lines(Segment(0x1000), Linear(0x0800), Data(0x0000, 1), Segment(0x0100), Data(0x0000, 2), End));
            Assert.Equal(new[] { 0x1000u, 0x08000000u }, image.Segments.Select(s => s.Address));
        }

        [Fact]
        public void Start_address_records_are_kept()
        {
            var linear = ReadText(Lines(Data(0, 1), StartLinear(0x08000195), End)).StartAddress!;
            Assert.Equal(StartAddressKind.LinearEip, linear.Kind);
            Assert.Equal(0x08000195u, linear.Address);

            var csip = ReadText(Lines(Data(0, 1), StartSegment(0x1234, 0x5678), End)).StartAddress!;
            Assert.Equal(StartAddressKind.SegmentCsIp, csip.Kind);
            Assert.Equal((ushort)0x1234, csip.CodeSegment);
            Assert.Equal((ushort)0x5678, csip.InstructionPointer);
            Assert.Equal(0x12340u + 0x5678u, csip.Address);
        }

        [Fact]
        public void Lower_case_CRLF_CR_blank_lines_and_trailing_blanks_are_accepted()
        {
            var data = Bytes(32, 4);
            var text = "\r\n" + Linear(0x0800).ToLowerInvariant() + "\r\n\r\n" + Data(0, data).ToLowerInvariant() + "  \t\r" +
                       Data(0x20, 1, 2) + "\n\n" + End + "\r\n\r\n";
            var image = ReadText(text);
            var segment = Assert.Single(image.Segments);
            Assert.Equal(data.Concat(new byte[] { 1, 2 }), segment.Data);
            Assert.Equal(4L, segment.Source.Line);
        }

        [Fact]
        public void A_byte_order_mark_is_skipped()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.ASCII.GetBytes(Lines(Data(0, 1, 2), End))).ToArray();
            var image = ImageReader.Read(new MemoryStream(bytes));
            Assert.Equal(new byte[] { 1, 2 }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void MaxGap_joins_small_gaps_with_the_fill_byte()
        {
            var text = Lines(Data(0x00, 1, 2), Data(0x04, 3), Data(0x20, 4), End);
            var joined = ReadText(text, new ImageReadOptions { MaxGap = 2, Fill = 0xAA });
            Assert.Equal(2, joined.Segments.Count);
            Assert.Equal(new byte[] { 1, 2, 0xAA, 0xAA, 3 }, joined.Segments[0].Data);
            var all = ReadText(text, new ImageReadOptions { MaxGap = 0x1B });
            Assert.Equal(new byte[] { 1, 2, 0xFF, 0xFF, 3 }.Concat(Enumerable.Repeat((byte)0xFF, 0x1B)).Concat(new byte[] { 4 }), Assert.Single(all.Segments).Data);
        }

        [Fact]
        public void Identical_overlaps_are_accepted()
        {
            var image = ReadText(Lines(Data(0x00, 1, 2, 3, 4), Data(0x02, 3, 4, 5), End));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void Conflicting_overlap_names_both_places()
        {
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(Data(0x00, 1, 2, 3, 4), Data(0x10, 9), Data(0x02, 3, 7), End)));
            Assert.Equal(ImageErrorKind.ConflictingOverlap, error.Kind);
            Assert.Equal(3L, error.Line);
            Assert.Equal(12, error.Column);
            Assert.Equal(1L, error.EarlierPlace.Line);
            Assert.Equal(16, error.EarlierPlace.Column);
            Assert.Equal(3u, error.Address);
            Assert.Equal((byte)7, error.Value);
            Assert.Equal((byte)4, error.EarlierValue);
            Assert.Contains("puts 0x07 where", error.Message);
            Assert.Contains("already put 0x04", error.Message);
            Assert.Contains("test.hex:3:12", error.Message);
            Assert.Contains("test.hex:1:16", error.Message);
        }

        [Fact]
        public void Conflicting_overlap_reports_both_bytes_though_naming_the_earlier_place_reads_other_records_again()
        {
            // Finding the earlier record rescans the file, decoding the extended-address and start records on the way.
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(Linear(0x0800), Data(0x00, 1, 2, 3, 4), Data(0x02, 7, 9),
                StartLinear(0x08000101), End)));
            Assert.Equal(0x08000002u, error.Address);
            Assert.Equal((byte)7, error.Value);
            Assert.Equal((byte)3, error.EarlierValue);
            Assert.Equal(2L, error.EarlierPlace.Line);
            Assert.Contains("puts 0x07 where", error.Message);
        }

        [Fact]
        public void Last_wins_takes_the_later_bytes()
        {
            var image = ReadText(Lines(Data(0x00, 1, 2, 3, 4), Data(0x02, 8, 9), Data(0x03, 7), End), new ImageReadOptions { Overlap = OverlapPolicy.LastWins });
            Assert.Equal(new byte[] { 1, 2, 8, 7 }, Assert.Single(image.Segments).Data);
        }

        [Theory]
        [InlineData(":0300000001020304", ImageErrorKind.BadChecksum, 16, "04", "F7")]
        [InlineData(":03000006010203F1", ImageErrorKind.UnknownRecordType, 8, "06", "00 (data)")]
        [InlineData(":0300000001020F3", ImageErrorKind.OddDigitCount, 16, ":0300000001020F3", "two hex digits per byte")]
        [InlineData(":04000000010203F6", ImageErrorKind.LengthMismatch, 2, "04", "03")]
        [InlineData(":030000000102G3F7", ImageErrorKind.InvalidCharacter, 14, "G", "hex digit")]
        [InlineData(":0200000401", ImageErrorKind.LengthMismatch, 2, "02", "00")]
        [InlineData("x:0100000001FE", ImageErrorKind.InvalidCharacter, 1, "x:0100000001FE", "':'")]
        public void Bad_records_are_errors_at_line_and_column(string bad, ImageErrorKind kind, int column, string found, string expected)
        {
            var error = Fails(Lines(Data(0, 1), bad, End));
            Assert.Equal(kind, error.Kind);
            Assert.Equal(2L, error.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal(found, error.OffendingText);
            Assert.Contains(expected, error.Expected);
            Assert.StartsWith($"/fw/test.hex:2:{column}: ", error.Message);
        }

        [Fact]
        public void Data_after_end_of_file_is_an_error()
        {
            var error = Fails(Lines(Data(0, 1), End, Data(1, 2)));
            Assert.Equal(ImageErrorKind.DataAfterEnd, error.Kind);
            Assert.Equal(3L, error.Line);
        }

        [Theory]
        [InlineData("\x1A")]
        [InlineData("\x1A\r\n")]
        [InlineData("\r\n\x1A\x1A \r\n\t\x1A\n")]
        public void A_ctrl_z_after_the_end_of_file_record_is_the_dos_end_of_file(string tail)
        {
            var image = ReadText(":0400000001020304F2\r\n:00000001FF\r\n" + tail);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void A_ctrl_z_file_reads_here_as_in_srec_cat()
        {
            using var temp = new TempFolder();
            temp.Write("dos.hex", Encoding.ASCII.GetBytes(":0400000001020304F2\r\n:00000001FF\r\n\x1A"));
            ExternalTool.Run("srec_cat", temp.Path, "dos.hex", "-intel", "-o", "copy.hex", "-intel");
            Assert.Equal(ImageReader.Read(temp.File("copy.hex")).Segments.Single().Data, ImageReader.Read(temp.File("dos.hex")).Segments.Single().Data);
        }

        [Theory]
        [InlineData("\x1A:0400040005060708DE\r\n", 3)]
        [InlineData("\x1A\r\n\x1Ajunk\r\n", 4)]
        [InlineData("\r\nnot hex\x1A", 4)]
        public void Anything_else_after_the_end_of_file_record_stays_an_error(string tail, long line)
        {
            var error = Fails(":0400000001020304F2\r\n:00000001FF\r\n" + tail);
            Assert.Equal(ImageErrorKind.DataAfterEnd, error.Kind);
            Assert.Equal(line, error.Line);
        }

        [Fact]
        public void A_ctrl_z_before_the_end_of_file_record_is_an_error()
        {
            var error = Fails(":0400000001020304F2\r\n\x1A\r\n:00000001FF\r\n");
            Assert.Equal(ImageErrorKind.InvalidCharacter, error.Kind);
            Assert.Equal(2L, error.Line);
        }

        [Fact]
        public void A_missing_end_of_file_record_is_an_error()
        {
            var error = Fails(Lines(Data(0, 1), Data(1, 2)));
            Assert.Equal(ImageErrorKind.MissingEnd, error.Kind);
            Assert.Equal(3L, error.Line);
        }

        [Fact]
        public void Data_past_4_GiB_is_an_error()
        {
            var error = Fails(Lines(Linear(0xFFFF), Data(0xFFF8, Bytes(16, 0)), End));
            Assert.Equal(ImageErrorKind.AddressOverflow, error.Kind);
            Assert.Equal(2L, error.Line);
            Assert.Equal(4, error.Column);
        }

        [Fact]
        public void Data_up_to_the_last_address_is_fine()
        {
            var image = ReadText(Lines(Linear(0xFFFF), Data(0xFFF0, Bytes(16, 0)), End));
            Assert.Equal(0x1_0000_0000UL, Assert.Single(image.Segments).EndAddress);
        }

        [Fact]
        public void Conflicting_start_addresses_are_an_error()
        {
            var error = Fails(Lines(StartLinear(1), Data(0, 1), StartLinear(2), End));
            Assert.Equal(ImageErrorKind.ConflictingStartAddress, error.Kind);
            Assert.Equal(3L, error.Line);
        }

        [Fact]
        public void An_error_after_a_refill_is_still_reported_on_its_line()
        {
            var lines = Enumerable.Range(0, 20000).Select(i => Data((i * 16) & 0xFFFF, Bytes(16, i))).ToList();
            lines.Insert(0, Linear(0x0800));
            lines[15000] = lines[15000].Substring(0, lines[15000].Length - 2) + "00";
            lines.Add(End);
            var error = Fails(Lines(lines.ToArray()));
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal(15001L, error.Line);
        }

        [Fact]
        public void Large_file_with_refills_reads_back_exactly()
        {
            var expected = Bytes(20000 * 16, 5);
            var lines = Enumerable.Range(0, 20000).Select(i => Data((i * 16) & 0xFFFF, expected.Skip(i * 16).Take(16).ToArray())).ToList();
            for (var upper = 4; upper >= 0; upper--) lines.Insert(upper * 4096, Linear((uint)(0x0800 + upper)));
            lines.Add(End);
            var image = ReadText(string.Join("\r\n", lines));
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x08000000u, segment.Address);
            Assert.Equal(expected, segment.Data);
        }

        [Fact]
        public void Reads_from_a_file_path()
        {
            using var temp = new TempFolder();
            var path = temp.Write("a.hex", Lines(Data(0, 1, 2), End));
            var image = ImageReader.Read(path);
            Assert.Equal(path, image.Path);
            Assert.Equal(path, image.Segments[0].Source.File);
        }
    }
}
