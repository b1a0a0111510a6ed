using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// srec_cat, srec_cmp and arm-none-eabi-objcopy as oracles: files they make must read back as the data they were made from, and
    /// files we write must compare equal in their hands.
    /// </summary>
    public class PeerToolOracleTests
    {
        private static List<Segment> RandomSegments(int seed, bool below1MiB)
        {
            var random = new Random(seed);
            var address = below1MiB ? (ulong)random.Next(0, 0x8000) : 0x08000000UL + (ulong)random.Next(0, 0x100) * 4;
            var segments = new List<Segment>();
            var count = random.Next(3, 6);
            for (var i = 0; i < count; i++)
            {
                var data = new byte[random.Next(1, 3000)];
                random.NextBytes(data);
                segments.Add(new Segment((uint)address, data));
                // Gaps of a few bytes to most of 64 KiB, so segments start and end on both sides of 64 KiB lines.
                address += (ulong)data.Length + (ulong)(random.Next(2) == 0 ? random.Next(1, 16) : random.Next(0x4000, 0xF000));
            }
            return segments;
        }

        /// <summary>The segments as srec_cat inputs: one binary file per segment, each with its offset.</summary>
        private static List<string> SrecCatInputs(TempFolder temp, IReadOnlyList<Segment> segments)
        {
            var args = new List<string>();
            for (var i = 0; i < segments.Count; i++)
            {
                var name = $"truth{i}.bin";
                File.WriteAllBytes(temp.File(name), segments[i].Data);
                args.AddRange(new[] { name, "-binary", "-offset", $"0x{segments[i].Address:X}" });
            }
            return args;
        }

        private static void SameSegments(IReadOnlyList<Segment> expected, ImageInfo actual, string what)
        {
            Assert.True(expected.Select(s => s.Address).SequenceEqual(actual.Segments.Select(s => s.Address)),
                $"{what}: segments at {string.Join(", ", actual.Segments.Select(s => $"0x{s.Address:X8}+{s.Length}"))}, expected {string.Join(", ", expected.Select(s => $"0x{s.Address:X8}+{s.Length}"))}");
            for (var i = 0; i < expected.Count; i++)
                Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual.Segments[i].Data), $"{what}: bytes of segment {i} at 0x{expected[i].Address:X8} differ");
        }

        private static byte[] Flatten(IReadOnlyList<Segment> segments, byte fill)
        {
            var first = segments[0].Address;
            var flat = Enumerable.Repeat(fill, (int)(segments[segments.Count - 1].EndAddress - first)).ToArray();
            foreach (var s in segments) s.Data.CopyTo(flat, (int)(s.Address - first));
            return flat;
        }

        [Theory]
        [InlineData(1, 4, 16)]
        [InlineData(2, 4, 32)]
        [InlineData(3, 4, 255)]
        [InlineData(4, 4, 7)]
        [InlineData(5, 3, 16)]
        [InlineData(6, 3, 1)]
        [InlineData(7, 3, 64)]
        public void Srec_cat_images_and_their_conversions_read_back_byte_for_byte(int seed, int addressLength, int blockSize)
        {
            using var temp = new TempFolder();
            var segmented = addressLength == 3;
            var truth = RandomSegments(seed, segmented);
            var start = truth[0].Address + 1;
            var generate = SrecCatInputs(temp, truth);
            generate.AddRange(new[] { $"-execution-start-address=0x{start:X}", "-o", "gen.hex", "-intel", $"--address-length={addressLength}", $"-Output_Block_Size={blockSize}" });
            ExternalTool.Run("srec_cat", temp.Path, generate.ToArray());

            var text = File.ReadAllText(temp.File("gen.hex"));
            Assert.Contains(segmented ? ":02000002" : ":02000004", text);
            var generated = ImageReader.Read(temp.File("gen.hex"));
            SameSegments(truth, generated, "srec_cat Intel HEX");
            Assert.Equal(segmented ? StartAddressKind.SegmentCsIp : StartAddressKind.LinearEip, generated.StartAddress!.Kind);
            Assert.Equal(start, generated.StartAddress.Address);

            var width = segmented ? 3 : 4;
            ExternalTool.Run("srec_cat", temp.Path, "gen.hex", "-intel", "-o", "conv.srec", "-motorola", $"-address-length={width}");
            var srec = ImageReader.Read(temp.File("conv.srec"));
            SameSegments(truth, srec, "srec_cat S-record");
            Assert.Equal(start, srec.StartAddress!.Address);

            // 02 records become 04 ones; 04 ones (at 0x08000000, beyond 20 bits) only change record size.
            ExternalTool.Run("srec_cat", temp.Path, "gen.hex", "-intel", "-o", "conv.hex", "-intel", "--address-length=4", "-Output_Block_Size=13");
            SameSegments(truth, ImageReader.Read(temp.File("conv.hex")), "srec_cat Intel HEX, converted");

            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-I", "ihex", "-O", "srec", "gen.hex", "objcopy.srec");
            SameSegments(truth, ImageReader.Read(temp.File("objcopy.srec")), "arm-none-eabi-objcopy S-record");

            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-I", "ihex", "-O", "ihex", "gen.hex", "objcopy.hex");
            var objcopyHex = ImageReader.Read(temp.File("objcopy.hex"));
            SameSegments(truth, objcopyHex, "arm-none-eabi-objcopy Intel HEX");
            Assert.Equal(start, objcopyHex.StartAddress!.Address);

            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-I", "ihex", "-O", "binary", "gen.hex", "objcopy.bin");
            var binary = ImageReader.Read(temp.File("objcopy.bin"), new ImageReadOptions { Address = truth[0].Address });
            Assert.Equal(Flatten(truth, 0x00), Assert.Single(binary.Segments).Data);
        }

        [Theory]
        [InlineData(11, ImageFormat.IntelHex, 16, false)]
        [InlineData(12, ImageFormat.IntelHex, 255, false)]
        [InlineData(13, ImageFormat.IntelHex, 3, true)]
        [InlineData(14, ImageFormat.SRecord, 32, false)]
        [InlineData(15, ImageFormat.SRecord, 250, false)]
        [InlineData(16, ImageFormat.SRecord, 5, true)]
        public void Files_we_write_compare_equal_in_srec_cmp_and_objcopy(int seed, ImageFormat format, int recordLength, bool below1MiB)
        {
            using var temp = new TempFolder();
            var truth = RandomSegments(seed, below1MiB);
            var start = StartAddress.Linear(truth[0].Address + 0x41);
            var name = format == ImageFormat.IntelHex ? "ours.hex" : "ours.srec";
            ImageWriter.Write(temp.File(name), truth, new ImageWriteOptions { Format = format, RecordLength = recordLength, StartAddress = start, NewLine = "\n" });

            var kind = format == ImageFormat.IntelHex ? "-intel" : "-motorola";
            var compare = new List<string> { name, kind, "(" };
            compare.AddRange(SrecCatInputs(temp, truth));
            compare.Add(")");
            ExternalTool.Run("srec_cmp", temp.Path, compare.ToArray());

            var info = ExternalTool.Run("srec_info", temp.Path, name, kind);
            var reported = Regex.Match(info, @"Execution Start Address:\s*([0-9A-Fa-f]+)");
            Assert.True(reported.Success, info);
            Assert.Equal(start.Address, uint.Parse(reported.Groups[1].Value, NumberStyles.HexNumber));

            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-I", format == ImageFormat.IntelHex ? "ihex" : "srec", "-O", "binary", "--gap-fill", "0xFF", name, "objcopy.bin");
            Assert.Equal(Flatten(truth, 0xFF), File.ReadAllBytes(temp.File("objcopy.bin")));
        }

        [Fact]
        public void A_changed_byte_is_caught_by_us_and_by_srec_cat_alike()
        {
            using var temp = new TempFolder();
            var truth = RandomSegments(21, false);
            var path = temp.File("ours.hex");
            ImageWriter.Write(path, truth, new ImageWriteOptions { NewLine = "\n" });
            var lines = File.ReadAllLines(path);
            var line = lines[5].ToCharArray();
            line[12] = line[12] == '0' ? '1' : '0';
            lines[5] = new string(line);
            File.WriteAllLines(path, lines);

            var (exit, _, errors) = ExternalTool.TryRun("srec_cat", temp.Path, "ours.hex", "-intel", "-o", "x.bin", "-binary");
            Assert.NotEqual(0, exit);
            Assert.Contains("checksum", errors);
            var error = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(path));
            Assert.Equal(ImageErrorKind.BadChecksum, error.Kind);
            Assert.Equal(6L, error.Line);
        }
    }
}
