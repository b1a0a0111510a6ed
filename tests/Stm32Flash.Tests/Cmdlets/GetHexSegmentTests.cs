using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Cmdlets
{
    public sealed class GetHexSegmentTests : IDisposable
    {
        private const string Cmdlet = "Stm32Flash.Commands.GetHexSegmentCommand";
        private readonly TempFolder _temp = new TempFolder();
        private readonly PsSession _ps = new PsSession();

        public void Dispose()
        {
            _ps.Dispose();
            _temp.Dispose();
        }

        private string TwoSegments(string name = "fw.hex") =>
            _temp.Write(name, Lines(Linear(0x0800), Data(0, 1, 2, 3, 4), Data(4, 5, 6), Data(0x100, 9), StartLinear(0x08000101), End));

        private PsResult InTemp(string script, params object[] args) =>
            _ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); " + script, new object[] { _temp.Path }.Concat(args).ToArray());

        [Fact]
        public void Reads_segments_from_a_path_relative_to_the_PowerShell_location()
        {
            TwoSegments();
            Assert.NotEqual(_temp.Path, Environment.CurrentDirectory);
            var segments = InTemp("Get-HexSegment fw.hex").AssertNoErrors().Objects<Segment>().ToList();
            Assert.Equal(new[] { 0x08000000u, 0x08000100u }, segments.Select(s => s.Address));
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, segments[0].Data);
            Assert.Equal(_temp.File("fw.hex"), segments[0].Source.File);
            Assert.Equal(0x08000101u, segments[0].Source.Image!.StartAddress!.Address);
        }

        [Fact]
        public void Takes_paths_from_the_pipeline_by_value_and_provider_items_by_property_name()
        {
            TwoSegments("a.hex");
            TwoSegments("b.hex");
            _temp.Write("c.txt", "not an image");
            var byValue = InTemp("'a.hex', 'b.hex' | Get-HexSegment").AssertNoErrors().Objects<Segment>().ToList();
            Assert.Equal(4, byValue.Count);

            var items = InTemp("$ExecutionContext.InvokeProvider.ChildItem.Get([System.IO.Path]::Combine($args[0], '*.hex'), $false) | Get-HexSegment").AssertNoErrors().Objects<Segment>();
            Assert.Equal(new[] { "a.hex", "a.hex", "b.hex", "b.hex" }, items.Select(s => Path.GetFileName(s.Source.File!)));

            var files = InTemp("[System.IO.DirectoryInfo]::new($args[0]).GetFiles('*.hex') | Get-HexSegment").AssertNoErrors().Objects<Segment>();
            Assert.Equal(4, files.Count());
        }

        [Fact]
        public void Wildcards_expand_and_LiteralPath_does_not()
        {
            TwoSegments("fw[1].hex");
            TwoSegments("fw1.hex");
            var wildcard = InTemp("Get-HexSegment -Path 'fw*.hex'").AssertNoErrors().Objects<Segment>();
            Assert.Equal(4, wildcard.Count());
            var literal = InTemp("Get-HexSegment -LiteralPath 'fw[1].hex'").AssertNoErrors().Objects<Segment>().ToList();
            Assert.Equal(2, literal.Count);
            Assert.EndsWith("fw[1].hex", literal[0].Source.File);
        }

        [Fact]
        public void Bad_input_is_an_InvalidData_error_with_file_line_column_text_and_expectation_and_other_files_still_read()
        {
            TwoSegments("good.hex");
            var bad = _temp.Write("bad.hex", Lines(Data(0, 1, 2), ":0300000001020304", End));
            var result = InTemp("Get-HexSegment bad.hex, good.hex");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"InvalidImage,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(bad, error.TargetObject);
            var message = error.ToString();
            Assert.Contains($"{bad}:2:16", message);
            Assert.Contains("bad checksum", message);
            Assert.Contains("'04'", message);
            Assert.Contains("expected F7", message);
            var format = Assert.IsType<ImageFormatException>(error.Exception);
            Assert.Equal(2L, format.Line);
            Assert.All(result.Objects<Segment>(), s => Assert.EndsWith("good.hex", s.Source.File));
            Assert.Equal(2, result.Objects<Segment>().Count());
        }

        [Fact]
        public void Overlap_conflicts_name_both_places_and_LastWins_resolves_them()
        {
            _temp.Write("overlap.hex", Lines(Data(0, 1, 2, 3), Data(1, 2, 9), StartLinear(0x08000101), End));
            var result = InTemp("Get-HexSegment overlap.hex");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"ImageOverlapConflict,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("overlap.hex:2:12", error.ToString());
            Assert.Contains("overlap.hex:1:14", error.ToString());
            Assert.Contains("-Overlap LastWins", error.ErrorDetails.RecommendedAction);
            var overlap = Assert.IsType<ImageOverlapException>(error.Exception);
            Assert.Equal(2u, overlap.Address);
            Assert.Equal((byte)9, overlap.Value);
            Assert.Equal((byte)3, overlap.EarlierValue);
            Assert.Contains("puts 0x09 where", error.ToString());
            Assert.Empty(result.Output);

            _temp.Write("overlap.srec", Lines(S(0, 0, 0x68, 0x64, 0x72), S(1, 0x20, 1, 2, 3, 4), S(1, 0x10, 5), S(1, 0x21, 2, 8), S(9, 0x20)));
            var srec = Assert.IsType<ImageOverlapException>(Assert.Single(InTemp("Get-HexSegment overlap.srec").Errors).Exception);
            Assert.Equal(0x22u, srec.Address);
            Assert.Equal(4L, srec.Line);
            Assert.Equal(2L, srec.EarlierPlace.Line);
            Assert.Equal((byte)8, srec.Value);
            Assert.Equal((byte)3, srec.EarlierValue);

            var resolved = InTemp("Get-HexSegment overlap.hex -Overlap LastWins").AssertNoErrors().Single<Segment>();
            Assert.Equal(new byte[] { 1, 2, 9 }, resolved.Data);
        }

        [Fact]
        public void Raw_binary_needs_Address_which_takes_any_32_bit_hex_literal()
        {
            _temp.Write("fw.bin", new byte[] { 0x00, 0x50, 0x00, 0x20, 0x95 });
            var missing = InTemp("Get-HexSegment fw.bin");
            var error = Assert.Single(missing.Errors);
            Assert.Equal($"AddressRequired,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-Address", error.ErrorDetails.RecommendedAction);

            Assert.Equal(0x08000000u, InTemp("Get-HexSegment fw.bin -Address 0x08000000").AssertNoErrors().Single<Segment>().Address);
            Assert.Equal(0xE0000000u, InTemp("Get-HexSegment fw.bin -Address 0xE0000000").AssertNoErrors().Single<Segment>().Address);
            Assert.Equal(0x1FFF7800u, InTemp("Get-HexSegment fw.bin -Address '0x1FFF7800'").AssertNoErrors().Single<Segment>().Address);
        }

        [Fact]
        public void Address_on_a_text_image_is_a_warning()
        {
            TwoSegments();
            var result = InTemp("Get-HexSegment fw.hex -Address 0x1000").AssertNoErrors();
            Assert.Contains("-Address", Assert.Single(result.Warnings).Message);
            Assert.Equal(0x08000000u, result.Objects<Segment>().First().Address);
        }

        [Fact]
        public void Format_overrides_detection()
        {
            _temp.Write("looks.hex", ":0100000001FE\n:00000001FF\n");
            var raw = InTemp("Get-HexSegment looks.hex -Format Binary -Address 0").AssertNoErrors().Single<Segment>();
            Assert.Equal((byte)':', raw.Data[0]);
        }

        [Fact]
        public void MaxGap_and_Fill_join_segments()
        {
            TwoSegments();
            var joined = InTemp("Get-HexSegment fw.hex -MaxGap 0x100 -Fill 0").AssertNoErrors().Single<Segment>();
            Assert.Equal(0x101, joined.Length);
            Assert.Equal(0, joined.Data[6]);
            Assert.Equal(9, joined.Data[0x100]);
        }

        [Theory]
        [InlineData("0xFFFFFFFF")]
        [InlineData("0x8000_0000")]
        [InlineData("'0xFFFFFFFF'")]
        public void MaxGap_takes_hex_literals_from_0x80000000_up(string literal)
        {
            TwoSegments();
            Assert.Equal(0x101, InTemp($"Get-HexSegment fw.hex -MaxGap {literal}").AssertNoErrors().Single<Segment>().Length);
        }

        [Fact]
        public void Missing_files_are_ObjectNotFound_errors()
        {
            var result = InTemp("Get-HexSegment nothing.hex; Get-HexSegment nothing*.hex; Get-HexSegment -LiteralPath nothing.hex");
            Assert.Equal(3, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal($"FileNotFound,{Cmdlet}", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            });
        }

        [Fact]
        public void Verbose_tells_format_segments_and_start_address()
        {
            TwoSegments();
            var verbose = InTemp("Get-HexSegment fw.hex -Verbose").AssertNoErrors().Verbose.Single().Message;
            Assert.Contains("IntelHex, 2 segment(s), 7 bytes", verbose);
            Assert.Contains("0x08000101", verbose);
        }

        [Fact]
        public void A_plain_dfu_file_is_its_data_at_Address_with_the_suffix_checked_and_left_out()
        {
            var data = Enumerable.Range(0, 64).Select(i => (byte)(i * 7 + 1)).ToArray();
            _temp.Write("plain.dfu", data);
            ExternalTool.Run("dfu-suffix", _temp.Path, "-v", "0483", "-p", "df11", "-a", "plain.dfu");

            var result = InTemp("Get-HexSegment plain.dfu -Address 0x08000000 -Verbose").AssertNoErrors();
            var segment = result.Single<Segment>();
            Assert.Equal(0x08000000u, segment.Address);
            Assert.Equal(data, segment.Data);
            Assert.Empty(result.Warnings);
            Assert.Contains(result.Verbose, v => v.Message.Contains("plain DFU") && v.Message.Contains("VID 0x0483") && v.Message.Contains("PID 0xDF11"));
            Assert.Equal((ushort)0x0483, segment.Source.Image!.Dfu!.VendorId);

            var missing = Assert.Single(InTemp("Get-HexSegment plain.dfu").Errors);
            Assert.Equal($"AddressRequired,{Cmdlet}", missing.FullyQualifiedErrorId);
            Assert.Contains("plain DFU", missing.ToString());
            Assert.Contains("-Address", missing.ErrorDetails.RecommendedAction);

            var bytes = File.ReadAllBytes(_temp.File("plain.dfu"));
            bytes[3] ^= 0x80;
            File.WriteAllBytes(_temp.File("plain.dfu"), bytes);
            var damaged = InTemp("Get-HexSegment plain.dfu -Address 0x08000000");
            var error = Assert.Single(damaged.Errors);
            Assert.Equal($"InvalidImage,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(_temp.File("plain.dfu"), error.TargetObject);
            Assert.Contains(_temp.File("plain.dfu"), error.ToString());
            Assert.Contains("CRC", error.ToString());
            Assert.Contains($"0x{BitConverter.ToUInt32(bytes, bytes.Length - 4):X8}", error.ToString());
            Assert.Empty(damaged.Output);
        }

        [Fact]
        public void An_object_file_is_an_InvalidData_error_telling_to_link_it()
        {
            _temp.Write("t.c", "int counter = 3; int next(void) { return ++counter; }\n");
            ExternalTool.Run("arm-none-eabi-gcc", _temp.Path, "-mcpu=cortex-m33", "-mthumb", "-c", "t.c", "-o", "t.o");
            var result = InTemp("Get-HexSegment t.o");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"InvalidImage,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(_temp.File("t.o"), error.TargetObject);
            Assert.Contains("object file", error.ToString());
            Assert.Contains("link it first", error.ToString());
            Assert.Empty(result.Output);
        }
    }
}
