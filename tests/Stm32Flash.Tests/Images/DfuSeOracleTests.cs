using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>DfuSe files against dfu-util's tools: dfuse-pack builds and dumps them, dfu-suffix/dfu-prefix check the suffix.</summary>
    public class DfuSeOracleTests
    {
        private static byte[] Random(int count, int seed)
        {
            var bytes = new byte[count];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        [Fact]
        public void Files_built_by_dfuse_pack_read_with_every_target_and_element()
        {
            using var temp = new TempFolder();
            File.WriteAllBytes(temp.File("a.bin"), Random(1000, 1));
            File.WriteAllBytes(temp.File("b.bin"), Random(300, 2));
            File.WriteAllBytes(temp.File("c.bin"), Random(16, 3));
            ExternalTool.Run("dfuse-pack", temp.Path, "-b", "0x08000000:a.bin", "-b", "0x08010000:b.bin", "-b", "0x1FFF7800@1:c.bin", "-D", "0x0483:0xdf11", "fw.dfu");

            var image = ImageReader.Read(temp.File("fw.dfu"));
            Assert.Equal(ImageFormat.Dfu, image.Format);
            Assert.Equal(new[] { 0x08000000u, 0x08010000u, 0x1FFF7800u }, image.Segments.Select(s => s.Address));
            Assert.Equal(Random(1000, 1), image.Segments[0].Data);
            Assert.Equal(Random(300, 2), image.Segments[1].Data);
            Assert.Equal(Random(16, 3), image.Segments[2].Data);
            Assert.Equal((ushort)0x0483, image.Dfu!.VendorId);
            Assert.Equal((ushort)0xDF11, image.Dfu.ProductId);
            Assert.Equal(new byte[] { 0, 1 }, image.Dfu.Targets.Select(t => t.AlternateSetting));
            Assert.Equal(2, image.Dfu.Targets[0].Elements.Count);
            Assert.Equal("ST...", image.Dfu.Targets[1].Name);
            Assert.Equal(11L + 274 + 8, image.Segments[0].Source.Offset);
        }

        [Fact]
        public void A_damaged_file_fails_the_suffix_crc_for_us_and_for_dfu_suffix()
        {
            using var temp = new TempFolder();
            File.WriteAllBytes(temp.File("a.bin"), Random(200, 4));
            ExternalTool.Run("dfuse-pack", temp.Path, "-b", "0x08000000:a.bin", "fw.dfu");
            var bytes = File.ReadAllBytes(temp.File("fw.dfu"));
            bytes[400] ^= 0x40;
            File.WriteAllBytes(temp.File("fw.dfu"), bytes);

            Assert.NotEqual(0, ExternalTool.TryRun("dfu-suffix", temp.Path, "-c", "fw.dfu").ExitCode);
            var error = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(temp.File("fw.dfu")));
            Assert.Equal(ImageErrorKind.BadCrc, error.Kind);
            Assert.Equal(bytes.Length - 4L, error.Offset);
            Assert.Matches("^0x[0-9A-F]{8}$", error.OffendingText);
            Assert.Matches("^0x[0-9A-F]{8}$", error.Expected);
        }

        [Fact]
        public void Files_we_write_pass_dfu_suffix_and_dfu_prefix_and_dump_back_in_dfuse_pack()
        {
            using var temp = new TempFolder();
            var segments = new[] { new Segment(0x08000000, Random(700, 5)), new Segment(0x08004000, Random(50, 6)) };
            ImageWriter.Write(temp.File("ours.dfu"), segments, new ImageWriteOptions { Format = ImageFormat.Dfu, DfuVendorId = 0x0483, DfuProductId = 0xDF11, DfuDeviceVersion = 0x2200 });

            var suffix = ExternalTool.Run("dfu-suffix", temp.Path, "-c", "ours.dfu");
            Assert.Matches(@"Vendor ID:\s*0x0483", suffix);
            Assert.Matches(@"Product ID:\s*0xDF11", suffix);
            Assert.Matches(@"BCD device:\s*0x2200", suffix);
            Assert.Matches(@"BCD DFU:\s*0x011A", suffix);
            ExternalTool.Run("dfu-prefix", temp.Path, "-c", "ours.dfu");

            var dump = ExternalTool.Run("dfuse-pack", temp.Path, "-d", "ours.dfu");
            Assert.DoesNotContain("ERROR", dump);
            Assert.Contains("targets: 1", dump);
            Assert.Contains("address: 0x08000000, size: 700", dump);
            Assert.Contains("address: 0x08004000, size: 50", dump);
            Assert.Equal(segments[0].Data, File.ReadAllBytes(temp.File("ours.dfu.target0.image0.bin")));
            Assert.Equal(segments[1].Data, File.ReadAllBytes(temp.File("ours.dfu.target0.image1.bin")));
        }

        [Fact]
        public void A_DfuSe_body_with_a_suffix_added_by_dfu_suffix_reads()
        {
            using var temp = new TempFolder();
            var data = Random(64, 7);
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write("DfuSe".ToCharArray());
            w.Write((byte)1);
            w.Write((uint)(11 + 274 + 8 + data.Length));
            w.Write((byte)1);
            w.Write("Target".ToCharArray());
            w.Write((byte)0);
            w.Write(1u);
            w.Write("Internal Flash".PadRight(255, '\0').ToCharArray());
            w.Write((uint)(8 + data.Length));
            w.Write(1u);
            w.Write(0x08000000u);
            w.Write((uint)data.Length);
            w.Write(data);
            File.WriteAllBytes(temp.File("body.dfu"), body.ToArray());
            ExternalTool.Run("dfu-suffix", temp.Path, "-a", "body.dfu", "-v", "0483", "-p", "df11", "-d", "0x0100", "-S", "0x011a");

            var image = ImageReader.Read(temp.File("body.dfu"));
            Assert.Equal(data, Assert.Single(image.Segments).Data);
            Assert.Equal("Internal Flash", image.Dfu!.Targets.Single().Name);
            Assert.Equal((ushort)0x0100, image.Dfu.DeviceVersion);
        }

        [Fact]
        public void A_plain_dfu_file_made_by_dfu_suffix_reads_as_its_data_without_the_suffix()
        {
            using var temp = new TempFolder();
            var data = Random(64, 8);
            File.WriteAllBytes(temp.File("plain.dfu"), data);
            ExternalTool.Run("dfu-suffix", temp.Path, "-v", "0483", "-p", "df11", "-a", "plain.dfu");
            Assert.Equal(80, File.ReadAllBytes(temp.File("plain.dfu")).Length);
            Assert.Equal(ImageFormat.Dfu, ImageReader.DetectFormat(temp.File("plain.dfu")));

            var missing = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(temp.File("plain.dfu")));
            Assert.Equal(ImageErrorKind.MissingAddress, missing.Kind);
            Assert.Contains("plain DFU file", missing.Message);

            foreach (var format in new ImageFormat?[] { null, ImageFormat.Dfu })
            {
                var image = ImageReader.Read(temp.File("plain.dfu"), new ImageReadOptions { Address = 0x08000000, Format = format });
                Assert.Equal(ImageFormat.Dfu, image.Format);
                var segment = Assert.Single(image.Segments);
                Assert.Equal(0x08000000u, segment.Address);
                Assert.Equal(data, segment.Data);
                Assert.Equal(0L, segment.Source.Offset);
                Assert.Equal(0x08000000u, image.LoadAddress);
                Assert.False(image.Dfu!.IsDfuSe);
                Assert.Empty(image.Dfu.Targets);
                Assert.Equal((ushort)0x0483, image.Dfu.VendorId);
                Assert.Equal((ushort)0xDF11, image.Dfu.ProductId);
                Assert.Equal((ushort)0x0100, image.Dfu.DfuVersion);
            }

            var raw = ImageReader.Read(temp.File("plain.dfu"), new ImageReadOptions { Address = 0x08000000, Format = ImageFormat.Binary });
            Assert.Equal(80, Assert.Single(raw.Segments).Length);
        }

        [Fact]
        public void A_plain_dfu_file_whose_crc_does_not_match_is_an_error_for_us_and_for_dfu_suffix()
        {
            using var temp = new TempFolder();
            File.WriteAllBytes(temp.File("plain.dfu"), Random(64, 9));
            ExternalTool.Run("dfu-suffix", temp.Path, "-v", "0483", "-p", "df11", "-a", "plain.dfu");
            var bytes = File.ReadAllBytes(temp.File("plain.dfu"));
            var good = ImageReader.Read(temp.File("plain.dfu"), new ImageReadOptions { Address = 0 });
            var stored = BitConverter.ToUInt32(bytes, bytes.Length - 4);
            bytes[10] ^= 0x01;
            File.WriteAllBytes(temp.File("plain.dfu"), bytes);

            Assert.NotEqual(0, ExternalTool.TryRun("dfu-suffix", temp.Path, "-c", "plain.dfu").ExitCode);
            Assert.Equal(ImageFormat.Dfu, ImageReader.DetectFormat(temp.File("plain.dfu")));
            var error = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(temp.File("plain.dfu"), new ImageReadOptions { Address = 0 }));
            Assert.Equal(ImageErrorKind.BadCrc, error.Kind);
            Assert.Equal(temp.File("plain.dfu"), error.File);
            Assert.Equal(bytes.Length - 4L, error.Offset);
            Assert.Equal($"0x{stored:X8}", error.OffendingText);
            Assert.Matches("^0x[0-9A-F]{8}$", error.Expected);
            Assert.NotEqual(error.OffendingText, error.Expected);
            Assert.Contains(temp.File("plain.dfu"), error.Message);
            Assert.Single(good.Segments);
        }
    }
}
