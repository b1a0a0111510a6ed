using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    public class SRecordReaderTests
    {
        private static ImageInfo ReadText(string text) =>
            ImageReader.Read(new MemoryStream(Encoding.ASCII.GetBytes(text)), null, "/fw/test.s19");

        private static ImageFormatException Fails(string text) => Assert.ThrowsAny<ImageFormatException>(() => ReadText(text));

        [Fact]
        public void Reads_header_data_of_every_width_count_and_start()
        {
            var image = ReadText(Lines(S(0, 0, Encoding.ASCII.GetBytes("fw v1")), S(1, 0x1000, 1, 2, 3), S(2, 0x123456, 4, 5),
                S(3, 0x08000000, 6, 7, 8, 9), S(3, 0x08000004, 10), S(5, 4), S(7, 0x08000101)));
            Assert.Equal(ImageFormat.SRecord, image.Format);
            Assert.Equal("fw v1", image.Header);
            Assert.Equal(new[] { 0x1000u, 0x123456u, 0x08000000u }, image.Segments.Select(s => s.Address));
            Assert.Equal(new byte[] { 6, 7, 8, 9, 10 }, image.Segments[2].Data);
            Assert.Equal(4L, image.Segments[2].Source.Line);
            Assert.Equal(StartAddressKind.SRecord, image.StartAddress!.Kind);
            Assert.Equal(0x08000101u, image.StartAddress.Address);
        }

        [Theory]
        [InlineData(9, 0x1234u)]
        [InlineData(8, 0x123456u)]
        [InlineData(7, 0x12345678u)]
        public void Each_termination_record_gives_the_start_address(int type, uint start)
        {
            Assert.Equal(start, ReadText(Lines(S(1, 0, 1), S(type, start))).StartAddress!.Address);
        }

        [Fact]
        public void No_termination_record_means_no_start_address_as_srec_cat_writes_it()
        {
            var image = ReadText(Lines(S(1, 0x100, 1, 2), S(5, 1)));
            Assert.Null(image.StartAddress);
            Assert.Equal(new byte[] { 1, 2 }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void Lower_case_and_CRLF_are_accepted()
        {
            var image = ReadText(S(1, 0x100, 0xAB, 0xCD).ToLowerInvariant() + "\r\n" + S(9, 0) + "\r\n");
            Assert.Equal(new byte[] { 0xAB, 0xCD }, Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void A_wrong_record_count_is_an_error()
        {
            var error = Fails(Lines(S(1, 0, 1), S(1, 1, 2), S(5, 3)));
            Assert.Equal(ImageErrorKind.CountMismatch, error.Kind);
            Assert.Equal(3L, error.Line);
            Assert.Equal(5, error.Column);
            Assert.Equal("0003", error.OffendingText);
            Assert.StartsWith("2", error.Expected);
        }

        [Fact]
        public void Records_after_the_termination_record_are_an_error()
        {
            var error = Fails(Lines(S(1, 0, 1), S(9, 0), S(1, 1, 2)));
            Assert.Equal(ImageErrorKind.DataAfterEnd, error.Kind);
            Assert.Equal(3L, error.Line);
        }

        [Theory]
        [InlineData("S9030000FC\r\n\x1A")]
        [InlineData("S9030000FC\r\n\x1A\r\n \x1A\x1A\r\n")]
        [InlineData("S5030001FB\r\n\x1A\r\n")]
        public void A_ctrl_z_after_the_last_record_is_the_dos_end_of_file(string tail)
        {
            var image = ReadText("S107000001020304EE\r\n" + tail);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, Assert.Single(image.Segments).Data);
        }

        [Theory]
        [InlineData("S9030000FC\r\n\x1AS107000401020304EA\r\n", ImageErrorKind.DataAfterEnd)]
        [InlineData("\x1A\r\nS107000401020304EA\r\n", ImageErrorKind.DataAfterEnd)]
        [InlineData("S9030000FC\r\n\x1Ajunk\r\n", ImageErrorKind.InvalidCharacter)]
        public void Records_or_text_after_a_ctrl_z_stay_an_error(string tail, ImageErrorKind kind)
        {
            var error = Fails("S107000001020304EE\r\n" + tail);
            Assert.Equal(kind, error.Kind);
        }

        [Theory]
        [InlineData("S1050000010200", ImageErrorKind.BadChecksum, 13, "00", "F7")]
        [InlineData("S4050000010200", ImageErrorKind.UnknownRecordType, 1, "S4", "S0")]
        [InlineData("S105000001020", ImageErrorKind.OddDigitCount, 13, "S105000001020", "two hex digits")]
        [InlineData("S1070000010200F7", ImageErrorKind.LengthMismatch, 3, "07", "06")]
        [InlineData("S10500000102Z7", ImageErrorKind.InvalidCharacter, 13, "Z", "hex digit")]
        [InlineData("S903000F", ImageErrorKind.LengthMismatch, 1, "S903000F", "count")]
        [InlineData(":0100000001FE", ImageErrorKind.InvalidCharacter, 1, ":0100000001FE", "'S'")]
        public void Bad_records_are_errors_at_line_and_column(string bad, ImageErrorKind kind, int column, string found, string expected)
        {
            var error = Fails(Lines(S(1, 0x10, 1), bad));
            Assert.Equal(kind, error.Kind);
            Assert.Equal(2L, error.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal(found, error.OffendingText);
            Assert.Contains(expected, error.Expected);
            Assert.StartsWith($"/fw/test.s19:2:{column}: ", error.Message);
        }

        [Fact]
        public void S3_data_past_4_GiB_is_an_error()
        {
            var error = Fails(Lines(S(3, 0xFFFFFFFE, 1, 2, 3)));
            Assert.Equal(ImageErrorKind.AddressOverflow, error.Kind);
            Assert.Equal(5, error.Column);
        }

        [Fact]
        public void Conflicting_overlap_names_both_lines()
        {
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(S(1, 0x10, 1, 2, 3), S(1, 0x12, 4))));
            Assert.Equal(2L, error.Line);
            Assert.Equal(1L, error.EarlierPlace.Line);
            Assert.Equal(0x12u, error.Address);
            Assert.Equal((byte)4, error.Value);
            Assert.Equal((byte)3, error.EarlierValue);
            Assert.Contains("puts 0x04 where", error.Message);
            Assert.Contains("already put 0x03", error.Message);
        }

        [Fact]
        public void Conflicting_overlap_reports_both_bytes_though_naming_the_earlier_place_reads_other_records_again()
        {
            // Finding the earlier record rescans the file, decoding the header and start records on the way.
            var error = Assert.IsType<ImageOverlapException>(Fails(Lines(S(0, 0, 0x68, 0x64, 0x72), S(1, 0x10, 1, 2, 3), S(1, 0x12, 4, 5), S(9, 0x10))));
            Assert.Equal(0x12u, error.Address);
            Assert.Equal((byte)4, error.Value);
            Assert.Equal((byte)3, error.EarlierValue);
            Assert.Equal(2L, error.EarlierPlace.Line);
        }
    }
}
