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
    /// <summary>A file that holds no data is the same error in every format, naming what the file held instead.</summary>
    public class EmptyImageTests
    {
        public static TheoryData<string, byte[], ImageFormat?, string> NoData => new TheoryData<string, byte[], ImageFormat?, string>
        {
            { "end.hex", Encoding.ASCII.GetBytes(Lines(End)), null, "an end-of-file record and no data" },
            { "start.hex", Encoding.ASCII.GetBytes(Lines(StartLinear(0x08000101), End)), null, "a start address (0x08000101 (EIP)), an end-of-file record and no data" },
            { "header.srec", Encoding.ASCII.GetBytes(Lines(S(0, 0, (byte)'H', (byte)'D', (byte)'R'), S(9, 0))), null, "an S0 header ('HDR'), a start address (0x00000000 (S-record)), no data" },
            { "empty.bin", Array.Empty<byte>(), ImageFormat.Binary, "0 bytes" },
            { "empty.bin", Array.Empty<byte>(), null, "0 bytes" },
            { "nothing.elf", ElfBuilder.Build(false, 0x08000001, Array.Empty<ElfBuilder.ProgramHeader>()), null, "0 program header(s), 0 PT_LOAD with file bytes" },
        };

        [Theory]
        [MemberData(nameof(NoData))]
        public void A_file_with_no_data_is_an_error_that_says_what_it_held(string name, byte[] bytes, ImageFormat? format, string found)
        {
            var options = new ImageReadOptions { Format = format, Address = 0x08000000 };
            var error = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(new MemoryStream(bytes), options, "/fw/" + name));
            Assert.Equal(ImageErrorKind.Empty, error.Kind);
            Assert.StartsWith("the file holds no data", error.Problem);
            Assert.Equal(found, error.OffendingText);
            Assert.Equal("/fw/" + name, error.File);
        }

        [Fact]
        public void Get_HexSegment_reports_each_empty_file_alike_and_reads_the_others()
        {
            using var temp = new TempFolder();
            temp.Write("end.hex", Lines(End));
            temp.Write("header.srec", Lines(S(0, 0, (byte)'H'), S(9, 0)));
            temp.Write("empty.bin", Array.Empty<byte>());
            temp.Write("data.hex", Lines(Data(0, 1, 2), End));
            var result = PsSession.RunOnce("Get-HexSegment -LiteralPath $args[0], $args[1], $args[2], $args[3] -Address 0x08000000 -WarningAction SilentlyContinue",
                temp.File("end.hex"), temp.File("header.srec"), temp.File("empty.bin"), temp.File("data.hex"));
            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, e => Assert.Equal("InvalidImage,Stm32Flash.Commands.GetHexSegmentCommand", e.FullyQualifiedErrorId));
            Assert.All(result.Errors, e => Assert.Contains(": the file holds no data", e.ToString()));
            Assert.Single(result.Objects<Segment>());
        }
    }
}
