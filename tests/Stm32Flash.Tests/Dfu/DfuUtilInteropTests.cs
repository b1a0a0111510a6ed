using System;
using System.IO;
using System.Linq;
using Stm32Flash.Images;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Dfu;
using Xunit;

namespace Stm32Flash.Tests.Dfu
{
    /// <summary>
    /// dfu-util, a real libusb client, and the module against the same fake bootloader: each reads back what the other
    /// wrote, byte for byte.
    /// </summary>
    public sealed class DfuUtilInteropTests
    {
        private static readonly (uint Address, int Length)[] ForumShape =
        {
            (0x08000000, 0x1C4), (0x080001C6, 0x3A), (0x08004000, 100), (0x08008010, 37), (0x0800F000, 6), (0x08010003, 9000),
        };

        private static UsbDfuTarget Connect(FakeDfuBoard board) =>
            UsbDfuTarget.Connect(new UsbDfuOptions { LibraryPath = board.LibraryPath }, Stm32Flash.Devices.DeviceCatalog.Get("STM32F405"));

        private static void WriteAndVerify(UsbDfuTarget target, Segment[] image) =>
            new FlashExecutor(target).Execute(FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true }));

        [Fact]
        public void Dfu_util_lists_the_fake_device_with_its_alternate_settings()
        {
            using var board = new FakeDfuBoard();
            var output = board.DfuUtil("-l");
            Assert.Contains("Found DFU: [0483:df11]", output);
            Assert.Contains("path=\"1-3.1\", alt=0, name=\"@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg\", serial=\"375A36503036\"", output);
            Assert.Contains("alt=1, name=\"@Option Bytes  /0x1FFFC000/01*016 e\"", output);
        }

        [Fact]
        public void The_module_reads_back_what_dfu_util_wrote()
        {
            using var board = new FakeDfuBoard();
            var firmware = UsbDfuTargetTests.Pattern(70001, 11);
            var bin = Path.Combine(board.Folder, "fw.bin");
            File.WriteAllBytes(bin, firmware);
            var output = board.DfuUtil("-a", "0", "-s", "0x08000000:leave", "-D", bin);
            Assert.Contains("File downloaded successfully", output);
            Assert.Contains("leave 0x08000000", board.Events());
            using var target = Connect(board);
            var back = TargetMemory.Read(target, 0x08000000, firmware.Length);
            Assert.Equal(firmware, back);
            Assert.True(MemoryVerifier.Verify(target, new Segment(0x08000000, firmware)).Match);
        }

        [Fact]
        public void Dfu_util_uploads_what_the_module_wrote_from_the_forum_image()
        {
            using var board = new FakeDfuBoard();
            var random = new Random(552);
            var image = ForumShape.Select(s =>
            {
                var data = new byte[s.Length];
                random.NextBytes(data);
                return new Segment(s.Address, data);
            }).ToArray();
            using (var target = Connect(board)) WriteAndVerify(target, image);
            var upload = Path.Combine(board.Folder, "up.bin");
            const int length = 0x10003 + 9000;
            board.DfuUtil("-a", "0", "-s", $"0x08000000:{length}", "-U", upload);
            var uploaded = File.ReadAllBytes(upload);
            Assert.Equal(length, uploaded.Length);
            foreach (var segment in image) Assert.Equal(segment.Data, uploaded.AsSpan((int)(segment.Address - 0x08000000), segment.Data.Length).ToArray());
            Assert.Equal(0xFF, uploaded[0x1C4]);
            Assert.Equal(0xFF, uploaded[0x08004000 - 0x08000000 + 100]);
        }

        [Fact]
        public void A_dfuse_file_of_several_elements_written_by_dfu_util_and_by_the_module_gives_the_same_flash()
        {
            using var board = new FakeDfuBoard();
            var image = new[]
            {
                new Segment(0x08000000, UsbDfuTargetTests.Pattern(3000, 1)),
                new Segment(0x0800C000, UsbDfuTargetTests.Pattern(17000, 2)),
                new Segment(0x08020010, UsbDfuTargetTests.Pattern(40, 3)),
            };
            var dfu = Path.Combine(board.Folder, "fw.dfu");
            ImageWriter.Write(dfu, image, new ImageWriteOptions { Format = ImageFormat.Dfu, DfuDeviceVersion = 0x2200 });
            board.DfuUtil("-a", "0", "-D", dfu);
            var byDfuUtil = board.Memory();

            using var other = new FakeDfuBoard();
            var segments = ImageReader.ReadSegments(dfu).ToArray();
            Assert.Equal(3, segments.Length);
            using (var target = Connect(other)) WriteAndVerify(target, segments);
            var byModule = other.Memory();
            Assert.Equal(byDfuUtil, byModule);
            foreach (var segment in image) Assert.Equal(segment.Data, byModule.AsSpan((int)(segment.Address - 0x08000000), segment.Data.Length).ToArray());
        }
    }
}
