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
    public sealed class ExportHexSegmentTests : IDisposable
    {
        private const string Cmdlet = "Stm32Flash.Commands.ExportHexSegmentCommand";
        private readonly TempFolder _temp = new TempFolder();
        private readonly PsSession _ps = new PsSession();

        public ExportHexSegmentTests()
        {
            _temp.Write("fw.hex", Lines(Linear(0x0800), Data(0, 1, 2, 3, 4), Data(0x100, 9, 8), StartLinear(0x08000101), End));
            _temp.Write("csip.hex", Lines(Data(0x10, 7, 7), StartSegment(0x1234, 0x0005), End));
            _temp.Write("other.hex", Lines(Linear(0x0801), Data(0, 5), StartLinear(0x08010001), End));
        }

        public void Dispose()
        {
            _ps.Dispose();
            _temp.Dispose();
        }

        private PsResult InTemp(string script, params object[] args) =>
            _ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); " + script, new object[] { _temp.Path }.Concat(args).ToArray());

        [Fact]
        public void Pipeline_round_trip_keeps_segments_and_the_start_record()
        {
            var file = InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex -PassThru").AssertNoErrors().Single<FileInfo>();
            Assert.Equal(_temp.File("out.hex"), file.FullName);
            var original = ImageReader.Read(_temp.File("fw.hex"));
            var copy = ImageReader.Read(file.FullName);
            Assert.Equal(original.Segments.Select(s => (s.Address, Hex(s.Data))), copy.Segments.Select(s => (s.Address, Hex(s.Data))));
            Assert.Equal(original.StartAddress, copy.StartAddress);

            InTemp("Get-HexSegment csip.hex | Export-HexSegment csip2.hex").AssertNoErrors();
            Assert.Equal(StartAddress.SegmentCsIp(0x1234, 0x0005), ImageReader.Read(_temp.File("csip2.hex")).StartAddress);
        }

        [Theory]
        [InlineData("out.srec", ImageFormat.SRecord, "S3")]
        [InlineData("out.s19", ImageFormat.SRecord, null)]
        [InlineData("out.s37", ImageFormat.SRecord, "S3")]
        [InlineData("out.bin", ImageFormat.Binary, null)]
        [InlineData("out.dfu", ImageFormat.Dfu, null)]
        public void Format_follows_the_extension(string name, ImageFormat format, string? recordType)
        {
            var result = InTemp($"Get-HexSegment fw.hex | Export-HexSegment {name} -Verbose");
            if (name == "out.s19")
            {
                var error = Assert.Single(result.Errors);
                Assert.Equal($"ImageOptionInvalid,{Cmdlet}", error.FullyQualifiedErrorId);
                Assert.Contains("S1", error.ToString());
                Assert.False(File.Exists(_temp.File(name)));
                return;
            }
            result.AssertNoErrors();
            var read = ImageReader.Read(_temp.File(name), new ImageReadOptions { Address = 0x08000000 });
            Assert.Equal(format, read.Format);
            if (recordType != null) Assert.StartsWith(recordType, File.ReadAllLines(_temp.File(name))[1]);
            Assert.Empty(result.Warnings);
            var dropped = result.Verbose.Any(v => v.Message.Contains("has no start address record"));
            Assert.Equal(format == ImageFormat.Binary || format == ImageFormat.Dfu, dropped);
        }

        [Fact]
        public void Format_parameter_overrides_the_extension_and_unknown_extensions_need_it()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.txt -Format SRecord").AssertNoErrors();
            Assert.Equal(ImageFormat.SRecord, ImageReader.Read(_temp.File("out.txt")).Format);

            var result = InTemp("Get-HexSegment fw.hex | Export-HexSegment out.dat");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"FormatUnknown,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-Format", error.ErrorDetails.RecommendedAction);

            var elf = InTemp("Get-HexSegment fw.hex | Export-HexSegment out.elf -Format Elf");
            Assert.Contains("ParameterArgumentValidationError", Assert.Single(elf.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void Binary_fills_gaps_with_Fill()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.bin -Fill 0x00").AssertNoErrors();
            var bytes = File.ReadAllBytes(_temp.File("out.bin"));
            Assert.Equal(0x102, bytes.Length);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 0 }, bytes.Take(5));
            Assert.Equal(new byte[] { 9, 8 }, bytes.Skip(0x100));
        }

        [Fact]
        public void StartAddress_and_RecordLength_are_honoured()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex -StartAddress 0x80000001 -RecordLength 2").AssertNoErrors();
            var image = ImageReader.Read(_temp.File("out.hex"));
            Assert.Equal(StartAddress.Linear(0x80000001), image.StartAddress);
            Assert.Contains(File.ReadAllLines(_temp.File("out.hex")), l => l.StartsWith(":02000000", StringComparison.Ordinal));
            Assert.DoesNotContain(File.ReadAllLines(_temp.File("out.hex")), l => l.StartsWith(":04000000", StringComparison.Ordinal));
        }

        [Fact]
        public void Different_start_addresses_need_StartAddress()
        {
            var result = InTemp("Get-HexSegment fw.hex, other.hex | Export-HexSegment merged.hex");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"StartAddressConflict,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Contains("fw.hex", error.ToString());
            Assert.Contains("other.hex", error.ToString());
            Assert.False(File.Exists(_temp.File("merged.hex")));

            InTemp("Get-HexSegment fw.hex, other.hex | Export-HexSegment merged.hex -StartAddress 0x08000101").AssertNoErrors();
            Assert.Equal(3, ImageReader.Read(_temp.File("merged.hex")).Segments.Count);
        }

        [Fact]
        public void Start_records_of_different_kinds_with_the_same_address_agree()
        {
            _temp.Write("same-start.srec", Lines(S(3, 0x08010000, 5), S(7, 0x08000101)));
            var result = InTemp("Get-HexSegment fw.hex, same-start.srec | Export-HexSegment merged.hex");
            result.AssertNoErrors();
            Assert.Equal(StartAddress.Linear(0x08000101), ImageReader.Read(_temp.File("merged.hex")).StartAddress);
        }

        [Fact]
        public void Exported_srecords_are_headed_by_an_S0_record()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.srec").AssertNoErrors();
            var written = ImageReader.Read(_temp.File("out.srec"));
            Assert.Equal("out.srec", written.Header);
            Assert.StartsWith("S0", File.ReadAllLines(_temp.File("out.srec"))[0]);

            _temp.Write("headed.srec", Lines(S(0, 0, (byte)'H', (byte)'D', (byte)'R'), S(1, 0x1000, 1, 2), S(9, 0x1000)));
            InTemp("Get-HexSegment headed.srec | Export-HexSegment copy.srec").AssertNoErrors();
            Assert.Equal("HDR", ImageReader.Read(_temp.File("copy.srec")).Header);
        }

        [Fact]
        public void A_binary_file_that_would_be_mostly_fill_is_refused_without_Force_and_WhatIf_shows_the_file_size()
        {
            const string farApart = "(New-HexSegment 0x08000000 -UInt32 1), (New-HexSegment 0x20010000 -UInt32 2)";
            const string justOver = "(New-HexSegment 0x08000000 -UInt32 1), (New-HexSegment 0x09000008 -UInt32 2)";
            var host = new TextHost(200);
            using (var shown = new PsSession(host))
            {
                shown.SetLocation(_temp.Path);
                shown.Run($"{farApart} | Export-HexSegment small.hex -WhatIf").AssertNoErrors();
                var whatIf = host.Take();
                Assert.False(File.Exists(_temp.File("small.hex")));
                shown.Run($"{farApart} | Export-HexSegment small.hex").AssertNoErrors();
                Assert.Contains($"(2 segment(s), 8 bytes of data, a file of {new FileInfo(_temp.File("small.hex")).Length} bytes)", whatIf);
                shown.Run($"{justOver} | Export-HexSegment near.bin -WhatIf -Force").AssertNoErrors();
                Assert.Contains("a file of 16,777,228 bytes", host.Take());
            }

            var refused = InTemp($"{farApart} | Export-HexSegment far.bin");
            var error = Assert.Single(refused.Errors);
            Assert.Equal($"BinaryTooLarge,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Contains("would be 402,718,724 bytes (384.1 MiB) for 8 bytes of data", error.ToString());
            Assert.Contains("0x08000004..0x20010000", error.ToString());
            Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
            Assert.False(File.Exists(_temp.File("far.bin")));

            Assert.Equal($"BinaryTooLarge,{Cmdlet}", Assert.Single(InTemp($"{justOver} | Export-HexSegment near.bin").Errors).FullyQualifiedErrorId);
            InTemp($"{justOver} | Export-HexSegment near.bin -Force").AssertNoErrors();
            Assert.Equal(16777228L, new FileInfo(_temp.File("near.bin")).Length);
        }

        [Fact]
        public void Conflicting_segments_are_an_InvalidData_error()
        {
            _temp.Write("clash.hex", Lines(Linear(0x0800), Data(2, 7), End));
            var result = InTemp("Get-HexSegment fw.hex, clash.hex | Export-HexSegment merged.hex -StartAddress 0");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"SegmentConflict,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.IsType<Segment>(error.TargetObject);
            Assert.Contains("0x08000002", error.ToString());
        }

        [Fact]
        public void NoClobber_WhatIf_and_read_only_files_are_respected()
        {
            var path = _temp.Write("out.hex", "keep");
            var clobber = InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex -NoClobber");
            Assert.Equal($"FileExists,{Cmdlet}", Assert.Single(clobber.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep", File.ReadAllText(path));

            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex -WhatIf").AssertNoErrors();
            Assert.Equal("keep", File.ReadAllText(path));
            InTemp("Get-HexSegment fw.hex | Export-HexSegment new.hex -WhatIf").AssertNoErrors();
            Assert.False(File.Exists(_temp.File("new.hex")));

            File.SetAttributes(path, FileAttributes.ReadOnly);
            var readOnly = InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex");
            Assert.Equal($"FileReadOnly,{Cmdlet}", Assert.Single(readOnly.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep", File.ReadAllText(path));

            InTemp("Get-HexSegment fw.hex | Export-HexSegment out.hex -Force").AssertNoErrors();
            Assert.Equal(2, ImageReader.Read(path).Segments.Count);
        }

        [Fact]
        public void LiteralPath_writes_names_with_wildcard_characters()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment -LiteralPath 'out[1].hex'").AssertNoErrors();
            Assert.True(File.Exists(_temp.File("out[1].hex")));
        }

        [Fact]
        public void A_Path_with_wildcard_characters_is_a_new_file_as_typed_unless_it_matches_existing_files()
        {
            InTemp("Get-HexSegment fw.hex | Export-HexSegment 'o[1].hex'").AssertNoErrors();
            Assert.Equal(2, ImageReader.Read(_temp.File("o[1].hex")).Segments.Count);

            _temp.Write("only1.hex", "old");
            InTemp("Get-HexSegment fw.hex | Export-HexSegment 'only?.hex'").AssertNoErrors();
            Assert.Equal(2, ImageReader.Read(_temp.File("only1.hex")).Segments.Count);
            Assert.False(File.Exists(_temp.File("only?.hex")));

            _temp.Write("many1.hex", "a");
            _temp.Write("many2.hex", "b");
            var result = InTemp("Get-HexSegment fw.hex | Export-HexSegment 'many*.hex'");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"PathAmbiguous,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("matches 2 files", error.ToString());
            Assert.Equal("a", File.ReadAllText(_temp.File("many1.hex")));
            Assert.False(File.Exists(_temp.File("many*.hex")));
        }

        [Theory]
        [InlineData("x.s19", 0x08000000u, "0x08000003", "16-bit", "S3", ".s37")]
        [InlineData("x.s19", 0x00100000u, "0x00100003", "16-bit", "S2", ".s28")]
        [InlineData("x.s28", 0x08000000u, "0x08000003", "24-bit", "S3", ".s37")]
        public void An_address_too_wide_for_the_extension_says_which_record_type_fits(string name, uint address, string highest, string bits, string fits, string extension)
        {
            var result = InTemp("[Stm32Flash.Segment]::new($args[1], [byte[]](1, 2, 3, 4)) | Export-HexSegment " + name, address);
            var error = Assert.Single(result.Errors);
            Assert.Equal($"ImageOptionInvalid,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            var message = error.ToString();
            Assert.Contains(highest, message);
            Assert.Contains(bits, message);
            Assert.Contains($"({fits} records)", message);
            Assert.DoesNotContain("Parameter", message);
            Assert.DoesNotContain("options", message);
            Assert.Contains(extension, error.ErrorDetails.RecommendedAction);
            Assert.Contains(".srec", error.ErrorDetails.RecommendedAction);
            Assert.IsType<SRecordAddressException>(error.Exception);
            Assert.False(File.Exists(_temp.File(name)));
        }

        [Theory]
        [InlineData("-Path 'nofolder/o.hex'", "nofolder/o.hex")]
        [InlineData("-LiteralPath 'nofolder/o[1].hex'", "nofolder/o[1].hex")]
        [InlineData("-Path 'nofolder/o[1].hex'", "nofolder/o[1].hex")]
        public void A_missing_folder_is_ObjectNotFound_naming_the_path_given(string parameter, string typed)
        {
            var result = InTemp("Get-HexSegment fw.hex | Export-HexSegment " + parameter);
            var error = Assert.Single(result.Errors);
            Assert.Equal($"FolderNotFound,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(typed, error.TargetObject);
            var message = error.ToString();
            Assert.Contains($"'{typed}'", message);
            Assert.Contains(Path.Combine(_temp.Path, "nofolder"), message);
            Assert.Contains("does not exist", message);
            Assert.DoesNotContain(".tmp", message);
            Assert.False(Directory.Exists(_temp.File("nofolder")));
        }

        [Fact]
        public void Dfu_round_trip_keeps_targets_and_ids()
        {
            var segments = new[] { new Segment(0x08000000, new byte[] { 1, 2 }), new Segment(0x1FFF7800, new byte[] { 3 }) };
            var targets = new[]
            {
                new DfuSeTarget(0, "Internal Flash", new[] { AddressRange.FromLength(0x08000000, 2) }),
                new DfuSeTarget(1, "Option Bytes", new[] { AddressRange.FromLength(0x1FFF7800, 1) }),
            };
            ImageWriter.Write(_temp.File("in.dfu"), segments, new ImageWriteOptions { Format = ImageFormat.Dfu, DfuTargets = targets, DfuVendorId = 0x1209, DfuProductId = 0x0001 });
            InTemp("Get-HexSegment in.dfu | Export-HexSegment out.dfu").AssertNoErrors();
            var copy = ImageReader.Read(_temp.File("out.dfu"));
            Assert.Equal((ushort)0x1209, copy.Dfu!.VendorId);
            Assert.Equal(new[] { "Internal Flash", "Option Bytes" }, copy.Dfu.Targets.Select(t => t.Name));
        }

        private static string Hex(byte[] data) => string.Concat(data.Select(b => b.ToString("X2")));
    }
}
