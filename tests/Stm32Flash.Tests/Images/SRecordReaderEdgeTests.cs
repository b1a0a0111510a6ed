using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    /// <summary>S-records at their limits: the largest record, headers, counts, and where each error points and what it says.</summary>
    public class SRecordReaderEdgeTests
    {
        private static ImageInfo ReadText(string text) =>
            ImageReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), null, "/fw/test.s19");

        private static ImageFormatException Fails(string text) => Assert.ThrowsAny<ImageFormatException>(() => ReadText(text));

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 11 + seed)).ToArray();

        [Fact]
        public void A_record_of_255_bytes_after_the_count_is_read_and_one_more_is_refused()
        {
            var data = Bytes(250, 1);
            var image = ReadText(Lines(S(3, 0x08000000, 1, 2), S(3, 0x08000002, data), S(7, 0x08000000)));
            Assert.Equal(new byte[] { 1, 2 }.Concat(data), Assert.Single(image.Segments).Data);

            // The count field cannot say 256; the record is refused by its length before that.
            var over = "S3FF08000000" + Hex(Bytes(251, 2)) + "00";
            var error = Fails(Lines(S(1, 0, 1), over));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 1), (error.Line, error.Column));
            Assert.Contains("the record has 256 bytes after the count", error.Message);
            Assert.Equal("at most 255", error.Expected);
        }

        [Theory]
        [InlineData(576, false)]
        [InlineData(577, true)]
        public void A_line_longer_than_any_record_is_refused_as_such(int digits, bool tooLong)
        {
            var line = "S3" + new string('0', digits);
            var error = Fails(Lines(S(1, 0, 1), line));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 1), (error.Line, error.Column));
            if (tooLong)
            {
                Assert.Contains("the line is longer than any S-record (255 bytes after the type)", error.Message);
                Assert.Equal("at most 514 characters per record", error.Expected);
            }
            else
            {
                Assert.Contains($"the record has {digits / 2 - 1} bytes after the count", error.Message);
            }
        }

        [Fact]
        public void The_header_is_the_first_S0_up_to_a_nul()
        {
            var image = ReadText(Lines(S(0, 0, 0x66, 0x77, 0x00, 0x78), S(0, 0, 0x79), S(1, 0x10, 1), S(9, 0)));
            Assert.Equal("fw", image.Header);
            Assert.Equal(new byte[] { 1 }, Assert.Single(image.Segments).Data);
            Assert.Equal("", ReadText(Lines(S(0, 0), S(1, 0x10, 1))).Header);
            Assert.Null(ReadText(Lines(S(1, 0x10, 1))).Header);
        }

        [Fact]
        public void An_empty_data_record_counts_for_S5_but_holds_nothing()
        {
            var image = ReadText(Lines(S(1, 0x10, 1, 2), S(1, 0x40), S(5, 2), S(9, 0)));
            Assert.Equal(new byte[] { 1, 2 }, Assert.Single(image.Segments).Data);
            var error = Fails(Lines(S(1, 0x10, 1, 2), S(1, 0x40), S(5, 1)));
            Assert.Equal(ImageErrorKind.CountMismatch, error.Kind);
        }

        [Fact]
        public void A_wrong_S6_count_says_what_it_counts_and_what_the_file_has()
        {
            var error = Fails(Lines(S(2, 0x10000, 1), S(2, 0x10001, 2), S(2, 0x10002, 3), S(6, 0x10)));
            Assert.Equal(ImageErrorKind.CountMismatch, error.Kind);
            Assert.Equal((4L, 5), (error.Line, error.Column));
            Assert.Equal("000010", error.OffendingText);
            Assert.Equal("3 (0x3)", error.Expected);
            Assert.Contains("the S6 record counts 16 data records but the file has 3 before it", error.Message);
            Assert.Null(ReadText(Lines(S(2, 0x10000, 1), S(6, 1))).StartAddress);
        }

        [Theory]
        [InlineData(5, 2)]
        [InlineData(9, 1)]
        [InlineData(7, 3)]
        public void Count_and_termination_records_carrying_data_are_refused(int type, int extra)
        {
            var record = S(type, 0, Bytes(extra, 3));
            var error = Fails(Lines(S(1, 0x10, 1), record));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 3), (error.Line, error.Column));
            Assert.Equal(record.Substring(2, 2), error.OffendingText);
            var addressBytes = type switch { 7 => 4, _ => 2 };
            Assert.Equal((addressBytes + 1).ToString("X2"), error.Expected);
            Assert.Contains($"an S{type} record carries no data, this one has {extra} bytes", error.Message);
        }

        [Theory]
        [InlineData("S", 2)]
        [InlineData("SX030000FC", 2)]
        [InlineData("S:030000FC", 2)]
        public void A_record_without_a_type_digit_is_refused(string bad, int column)
        {
            var error = Fails(Lines(S(1, 0x10, 1), bad));
            Assert.Equal(ImageErrorKind.UnknownRecordType, error.Kind);
            Assert.Equal((2L, column), (error.Line, error.Column));
            Assert.Equal(bad, error.OffendingText);
            Assert.Equal("S0 to S9", error.Expected);
        }

        [Fact]
        public void A_too_short_record_says_what_its_type_needs()
        {
            var error = Fails(Lines(S(1, 0x10, 1), "S2030000FC"));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Contains("the record is too short (4 bytes)", error.Message);
            Assert.Equal("at least a count, 3 address bytes and a checksum for S2", error.Expected);
            Assert.Equal(0x10u, ReadText(Lines(S(2, 0x10, 1))).Segments.Single().Address);
        }

        [Fact]
        public void A_record_after_a_ctrl_z_names_the_line_of_the_first_ctrl_z()
        {
            var error = Fails("S107000001020304EE\r\n\x1A\r\n\x1A\r\nS107000401020304EA\r\n");
            Assert.Equal(ImageErrorKind.DataAfterEnd, error.Kind);
            Assert.Equal((4L, 1), (error.Line, error.Column));
            Assert.Contains("a record after the DOS end-of-file character (Ctrl-Z, 0x1A) on line 2", error.Message);
            Assert.Equal("S107000401020304EA", error.OffendingText);
            Assert.Equal("nothing after the Ctrl-Z but blank lines", error.Expected);
        }

        [Fact]
        public void A_record_after_the_termination_record_names_its_line()
        {
            var error = Fails(Lines(S(1, 0, 1), S(9, 0), "", S(1, 1, 2)));
            Assert.Equal((4L, 1), (error.Line, error.Column));
            Assert.Contains("a record after the termination record on line 2", error.Message);
            Assert.Equal(S(1, 1, 2), error.OffendingText);
            Assert.Equal("nothing after the S7, S8 or S9 record", error.Expected);
        }

        [Fact]
        public void Data_past_4_GiB_points_at_the_address_and_says_how_many_bytes()
        {
            var error = Fails(Lines(S(3, 0xFFFFFFFE, 1, 2, 3)));
            Assert.Equal(ImageErrorKind.AddressOverflow, error.Kind);
            Assert.Equal("FFFFFFFE", error.OffendingText);
            Assert.Contains("3 data bytes at 0xFFFFFFFE run past the 4 GiB address space", error.Message);
            Assert.Equal(0x1_0000_0000UL, ReadText(Lines(S(3, 0xFFFFFFFE, 1, 2))).Segments.Single().EndAddress);
        }

        [Theory]
        [InlineData("\n", "\n\n", 6)]
        [InlineData("\r\n", "\r\n\r\n", 6)]
        [InlineData("\r", "\r\r", 6)]
        [InlineData("\n", "\n \t\n", 6)]
        public void Blank_lines_are_counted_for_later_errors_and_sources(string eol, string blank, long line)
        {
            var text = S(1, 0, 1) + blank + S(1, 1, 2) + eol + S(1, 0x20, 3) + blank + "S1050000010200" + eol;
            var error = Fails(text);
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal(line, error.Line);
            var image = ReadText(S(1, 0, 1) + blank + S(1, 0x20, 2) + eol);
            Assert.Equal(3L, image.Segments[1].Source.Line);
        }
            [Fact]
        public void A_large_file_read_across_refills_comes_back_exactly_with_its_lines()
        {
            var expected = Bytes(20000 * 16, 5);
            var lines = Enumerable.Range(0, 20000).Select(i => S(3, 0x08000000u + (uint)i * 16, expected.Skip(i * 16).Take(16).ToArray())).ToList();
            lines.Insert(0, S(0, 0, 0x68, 0x64, 0x72));
            lines.Add(S(7, 0x08000101));
            var image = ReadText(string.Join("\r\n", lines));
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x08000000u, segment.Address);
            Assert.Equal(expected, segment.Data);
            Assert.Equal("hdr", image.Header);
            Assert.Equal(0x08000101u, image.StartAddress!.Address);

            lines[15000] = lines[15000].Substring(0, lines[15000].Length - 2) + "00";
            var error = Fails(string.Join("\n", lines));
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal(15001L, error.Line);
        }
            [Theory]
        [InlineData(":0100000001FE", "a line that is not an S-record")]
        [InlineData("SX030000FC", "an S-record without a type digit")]
        [InlineData("S4050000010200", "record type S4 is reserved")]
        [InlineData("S10500000102Z7", "a character that is not a hex digit in a record")]
        [InlineData("S105000001020", "the record has an odd number of hex digits (11)")]
        [InlineData("S1070000010200F7", "the count field says 7 bytes follow but the record has 6")]
        [InlineData("S105000001020A", "bad checksum")]
        public void Each_refusal_says_what_is_wrong_in_words(string bad, string words)
        {
            Assert.Contains(words, Fails(Lines(S(1, 0x10, 1), bad)).Message);
        }

        [Fact]
        public void A_bad_checksum_names_the_right_one_whatever_the_wrong_one_was()
        {
            var error = Fails(Lines(S(1, 0x10, 1), "S105000001020A"));
            Assert.Equal(("0A", "F7"), (error.OffendingText, error.Expected));
            Assert.Equal("data that ends at or below address 0xFFFFFFFF", Fails(Lines(S(3, 0xFFFFFFFE, 1, 2, 3))).Expected);
        }

        [Fact]
        public void An_overlap_points_at_the_data_bytes_of_both_records()
        {
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(S(1, 0x10, 1, 2, 3), S(1, 0x12, 4))));
            Assert.Equal((2L, 9), (error.Line, error.Column));
            Assert.Equal((1L, 13), (error.EarlierPlace.Line, error.EarlierPlace.Column));
            var wide = Assert.IsType<ImageOverlapException>(Fails(Lines(S(3, 0x08000010, 1, 2, 3), S(3, 0x08000012, 4))));
            Assert.Equal((2L, 13), (wide.Line, wide.Column));
        }
    }
}
