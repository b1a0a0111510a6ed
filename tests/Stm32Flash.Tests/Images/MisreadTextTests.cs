using System.IO;
using System.Text;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Text that no image format reads is refused with what it looks like, not taken for raw binary.</summary>
    public class MisreadTextTests
    {
        private static readonly string Hex = Lines(Data(0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), End);

        private static ImageFormatException Fails(byte[] bytes, ImageReadOptions? options = null) =>
            Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(new MemoryStream(bytes), options, "/fw/fw.hex"));

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Utf16_text_is_named_as_such(bool bigEndian)
        {
            var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
            var bytes = encoding.GetPreamble().Length > 0 ? Concat(encoding.GetPreamble(), encoding.GetBytes(Hex)) : encoding.GetBytes(Hex);
            var error = Fails(bytes);
            Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
            Assert.Contains("image records saved as UTF-16 text", error.Problem);
            Assert.Contains(":10000000", error.OffendingText);
            Assert.Contains("Set-Content -Encoding Ascii", error.Expected);
            Assert.Equal(ImageErrorKind.NotAnImage, Fails(Encoding.Unicode.GetBytes(Hex)).Kind);
        }

        [Fact]
        public void An_html_page_is_named_as_such()
        {
            var error = Fails(Encoding.UTF8.GetBytes("\n<!DOCTYPE html>\n<html lang=\"en\"><head><title>fw.hex</title></head><body></body></html>\n"));
            Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
            Assert.Contains("HTML page", error.Problem);
            Assert.Equal("<!DOCTYPE html>", error.OffendingText);
            Assert.Equal(2L, error.Line);
            Assert.Contains("Raw", error.Expected);
        }

        [Fact]
        public void Hex_lines_without_a_colon_are_not_intel_hex_records_at_1_1()
        {
            var error = Fails(Encoding.ASCII.GetBytes(Hex.Replace(":", "")));
            Assert.Equal(ImageErrorKind.NotAnImage, error.Kind);
            Assert.StartsWith("/fw/fw.hex:1:1: the file is text, and line 1 is not an Intel HEX record", error.Message);
            Assert.Equal("':' at the start of each record", error.Expected);
        }

        [Fact]
        public void Text_is_refused_even_with_an_address_and_read_as_binary_only_with_Format_Binary()
        {
            var text = Encoding.ASCII.GetBytes(Hex.Replace(":", ""));
            Assert.Equal(ImageErrorKind.NotAnImage, Fails(text, new ImageReadOptions { Address = 0x08000000 }).Kind);
            var image = ImageReader.Read(new MemoryStream(text), new ImageReadOptions { Format = ImageFormat.Binary, Address = 0x08000000 });
            Assert.Equal(text.Length, Assert.Single(image.Segments).Length);
            Assert.Equal(ImageErrorKind.MissingAddress, Fails(new byte[] { 0x00, 0x20, 0x00, 0x20, 0x09, 0x01, 0x00, 0x08 }).Kind);
        }

        [Fact]
        public void Get_HexSegment_says_what_the_file_looks_like_instead_of_advising_Address()
        {
            using var temp = new TempFolder();
            temp.Write("utf16.hex", Concat(Encoding.Unicode.GetPreamble(), Encoding.Unicode.GetBytes(Hex)));
            var result = PsSession.RunOnce("Get-HexSegment -LiteralPath $args[0]", temp.File("utf16.hex"));
            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidImage,Stm32Flash.Commands.GetHexSegmentCommand", error.FullyQualifiedErrorId);
            Assert.Contains("UTF-16 text", error.ToString());
            Assert.DoesNotContain("-Address", error.ToString() + error.ErrorDetails?.RecommendedAction);
        }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            var all = new byte[a.Length + b.Length];
            a.CopyTo(all, 0);
            b.CopyTo(all, a.Length);
            return all;
        }
    }
}
