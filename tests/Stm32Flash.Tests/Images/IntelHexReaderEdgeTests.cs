using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Intel HEX at its limits: the largest record, records the fast path passes to the careful one, and where errors point.</summary>
    public class IntelHexReaderEdgeTests
    {
        private static ImageInfo ReadText(string text) =>
            ImageReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), null, "/fw/test.hex");

        private static ImageFormatException Fails(string text) => Assert.ThrowsAny<ImageFormatException>(() => ReadText(text));

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 13 + seed)).ToArray();

        [Fact]
        public void A_checksum_that_is_the_plain_sum_of_the_bytes_is_refused()
        {
            // 03 00 00 00 01 02 03 sums to 09; the checksum is its two's complement, F7.
            var error = Fails(Lines(Data(0, 1), ":0300000001020309", End));
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal((2L, 16), (error.Line, error.Column));
            Assert.Equal("09", error.OffendingText);
            Assert.Equal("F7", error.Expected);
        }

        [Fact]
        public void Records_the_careful_path_reads_land_at_their_address_inside_a_segment()
        {
            // A blank after the checksum sends a record to the careful path; these are neither first nor last in their segment.
            var a = Bytes(16, 1);
            var b = Bytes(16, 2);
            var c = Bytes(16, 3);
            var d = Bytes(8, 4);
            var image = ReadText(Lines(Linear(0x0800), Data(0x00, a), Data(0x10, b) + " ", Data(0x20, c) + "\t", Data(0x30, d), End));
            var segment = Assert.Single(image.Segments);
            Assert.Equal(0x08000000u, segment.Address);
            Assert.Equal(a.Concat(b).Concat(c).Concat(d), segment.Data);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData(" \n")]
        [InlineData("\t\r\n")]
        public void A_record_of_255_data_bytes_is_read_by_either_path(string after)
        {
            var data = Bytes(255, 5);
            var image = ReadText(Data(0x0100, Bytes(2, 9)) + "\n" + Data(0x0102, data) + after + End + "\n");
            Assert.Equal(Bytes(2, 9).Concat(data), Assert.Single(image.Segments).Data);
            var last = ReadText(Data(0x0100, data) + "\n" + End + "\n" + "\n");
            Assert.Equal(data, Assert.Single(last.Segments).Data);
        }

        [Fact]
        public void A_record_with_256_data_bytes_is_refused_naming_the_count()
        {
            var body = ":FF010000" + Hex(Bytes(256, 3)) + "00";
            var error = Fails(Lines(Data(0, 1), body, End));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 1), (error.Line, error.Column));
            Assert.Contains("the record has 256 data bytes", error.Message);
            Assert.Equal("at most 255 data bytes per record", error.Expected);
        }

        [Theory]
        [InlineData(584, false)]
        [InlineData(585, true)]
        public void A_line_longer_than_any_record_is_refused_as_such(int digits, bool tooLong)
        {
            var line = ":" + new string('0', digits);
            var error = Fails(Lines(Data(0, 1), line, End));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 1), (error.Line, error.Column));
            if (tooLong)
            {
                Assert.Contains("the line is longer than any Intel HEX record (255 data bytes at most)", error.Message);
                // The offending text is the line's start, cut short with "...".
                Assert.EndsWith("...", error.OffendingText);
                Assert.StartsWith(error.OffendingText!.Substring(0, error.OffendingText.Length - 3), line);
                Assert.Equal("at most 521 characters per record", error.Expected);
            }
            else
            {
                Assert.Contains($"the record has {digits / 2 - 5} data bytes", error.Message);
            }
        }

        [Theory]
        [InlineData(1, new byte[] { 0 }, "01", "00")]
        [InlineData(2, new byte[] { 0x10, 0, 0 }, "03", "02")]
        [InlineData(2, new byte[] { 0x10 }, "01", "02")]
        [InlineData(4, new byte[] { 0x08, 0, 0 }, "03", "02")]
        [InlineData(3, new byte[] { 0, 0, 0 }, "03", "04")]
        [InlineData(5, new byte[] { 0x08, 0, 0, 1, 0 }, "05", "04")]
        public void A_control_record_of_the_wrong_length_is_refused(int type, byte[] data, string found, string expected)
        {
            var error = Fails(Lines(Data(0, 1), Intel(type, 0, data), Data(1, 2), End));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 2), (error.Line, error.Column));
            Assert.Equal(found, error.OffendingText);
            Assert.Equal(expected, error.Expected);
            Assert.Contains($"a record of type {type:X2} carries {System.Convert.ToInt32(expected, 16)} data bytes, this one {data.Length}", error.Message);
        }

        [Theory]
        [InlineData("\n", "\n\n", 6)]
        [InlineData("\r\n", "\r\n\r\n", 6)]
        [InlineData("\r", "\r\r", 6)]
        [InlineData("\n", "\n \n\t\n", 8)]
        [InlineData("\r\n", "\r\n\r\n\r\n", 8)]
        public void Blank_lines_after_fast_records_are_counted_for_later_errors(string eol, string blank, long line)
        {
            var text = Data(0, 1, 2) + blank + Data(2, 3) + eol + Data(3, 4) + blank + ":0300000001020304" + eol + End + eol;
            var error = Fails(text);
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal(line, error.Line);
        }

        [Fact]
        public void A_missing_end_record_points_after_the_last_character()
        {
            var error = Fails(Data(0, 1) + "\n" + Data(1, 2));
            Assert.Equal(ImageErrorKind.MissingEnd, error.Kind);
            Assert.Equal((2L, 14), (error.Line, error.Column));
            Assert.Null(error.OffendingText);
            Assert.Equal("':00000001FF' after the last record", error.Expected);
        }

        [Fact]
        public void Data_past_4_GiB_points_at_the_address_field()
        {
            var error = Fails(Lines(Linear(0xFFFF), Data(0xFFF8, Bytes(16, 0)), End));
            Assert.Equal(ImageErrorKind.AddressOverflow, error.Kind);
            Assert.Equal((2L, 4), (error.Line, error.Column));
            Assert.Equal("FFF8", error.OffendingText);
            Assert.Contains("16 data bytes at 0xFFFFFFF8 run past the 4 GiB address space", error.Message);
            Assert.Equal("data that ends at or below address 0xFFFFFFFF", error.Expected);
        }

        [Fact]
        public void A_second_start_address_points_at_its_data_and_names_the_first()
        {
            var error = Fails(Lines(Data(0, 1), StartLinear(0x08000101), StartLinear(0x08000201), End));
            Assert.Equal(ImageErrorKind.ConflictingStartAddress, error.Kind);
            Assert.Equal((3L, 10), (error.Line, error.Column));
            Assert.Contains("the first is on line 2", error.Message);
            Assert.Equal(StartAddress.Linear(0x08000201).ToString(), error.OffendingText);
            Assert.Equal($"{StartAddress.Linear(0x08000101)} as on line 2, or no second record", error.Expected);
            Assert.Equal(0x08000101u, ReadText(Lines(Data(0, 1), StartLinear(0x08000101), StartLinear(0x08000101), End)).StartAddress!.Address);
        }

        [Fact]
        public void A_length_field_that_disagrees_with_the_data_says_both()
        {
            var error = Fails(Lines(Data(0, 1), ":05000000010203F4", End));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Contains("the length field says 5 data bytes but the record has 3", error.Message);
            Assert.Equal(("05", "03 to match the data"), (error.OffendingText, error.Expected));
        }
            [Fact]
        public void An_empty_data_record_is_accepted_and_holds_nothing()
        {
            var image = ReadText(Lines(Data(0, 1, 2), Data(0x100), Data(2, 3), End));
            Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void The_end_record_may_close_the_file_without_a_line_break()
        {
            Assert.Equal(new byte[] { 1, 2 }, Assert.Single(ReadText(Data(0, 1, 2) + "\n" + End).Segments).Data);
            Assert.Equal(new byte[] { 1, 2 }, Assert.Single(ReadText(Data(0, 1, 2) + "\r\n" + End + "\r").Segments).Data);
        }

        [Fact]
        public void A_record_too_short_for_its_fields_says_how_short()
        {
            var error = Fails(Lines(Data(0, 1), ":00000001", End));
            Assert.Equal(ImageErrorKind.LengthMismatch, error.Kind);
            Assert.Equal((2L, 1), (error.Line, error.Column));
            Assert.Contains("the record is too short (4 bytes)", error.Message);
            Assert.Equal(":00000001", error.OffendingText);
            Assert.Equal("at least a length, address, type and checksum (10 hex digits)", error.Expected);
        }

        [Fact]
        public void Data_after_the_end_record_names_the_end_records_line()
        {
            var error = Fails(Lines(Data(0, 1), End, "", Data(1, 2)));
            Assert.Equal(ImageErrorKind.DataAfterEnd, error.Kind);
            Assert.Equal((4L, 1), (error.Line, error.Column));
            Assert.Contains("data after the end-of-file record on line 2", error.Message);
            Assert.Equal(Data(1, 2), error.OffendingText);
            Assert.Equal("nothing after the end-of-file record but blank lines and a Ctrl-Z (0x1A)", error.Expected);
        }

        [Fact]
        public void A_line_that_is_not_a_record_is_pointed_at_after_its_blanks()
        {
            var error = Fails(Lines(Data(0, 1), " \tjunk", End));
            Assert.Equal(ImageErrorKind.InvalidCharacter, error.Kind);
            Assert.Equal((2L, 3), (error.Line, error.Column));
            Assert.Contains("a line that is not an Intel HEX record", error.Message);
            Assert.Equal("junk", error.OffendingText);
            Assert.Equal("':' at the start of each record", error.Expected);
        }

        [Fact]
        public void An_overlap_with_a_record_the_careful_path_read_names_its_column()
        {
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(Data(0x00, 1, 2, 3, 4) + " ", Data(0x02, 3, 7), End)));
            Assert.Equal((2L, 12), (error.Line, error.Column));
            Assert.Equal((1L, 16), (error.EarlierPlace.Line, error.EarlierPlace.Column));
        }

        [Fact]
        public void An_overlap_in_the_wrapped_part_of_a_segmented_record_names_its_column()
        {
            // After an 02 record, data at 0xFFFE wraps: bytes 3 and 4 go to the segment's start, where line 3 already put bytes.
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(Segment(0x1000), Data(0x0000, 9, 9), Data(0xFFFE, 1, 2, 3, 4), End)));
            Assert.Equal(0x10000u, error.Address);
            Assert.Equal((3L, 14), (error.Line, error.Column));
            Assert.Equal((2L, 10), (error.EarlierPlace.Line, error.EarlierPlace.Column));
            var later = Assert.IsType<ImageOverlapException>(Fails(Lines(Segment(0x1000), Data(0xFFFE, 1, 2, 3, 4), Data(0x0001, 9), End)));
            Assert.Equal((2L, 16), (later.EarlierPlace.Line, later.EarlierPlace.Column));
        }
            [Theory]
        [InlineData(":030000000102G3F7", "a character that is not a hex digit in a record")]
        [InlineData(":0300000001020F3", "the record has an odd number of hex digits (15)")]
        [InlineData(":03000006010203F1", "unknown record type 06")]
        public void Each_refusal_says_what_is_wrong_in_words(string bad, string words)
        {
            Assert.Contains(words, Fails(Lines(Data(0, 1), bad, End)).Message);
            Assert.Contains("no end-of-file record: the file may be truncated", Fails(Lines(Data(0, 1))).Message);
        }
    }
}
