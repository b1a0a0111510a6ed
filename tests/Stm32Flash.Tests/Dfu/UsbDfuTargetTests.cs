using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Dfu;
using Xunit;

namespace Stm32Flash.Tests.Dfu
{
    /// <summary>The module's DfuSe host against the fake libusb: finding the device, the catalog check, writes and reads through the planner.</summary>
    public sealed class UsbDfuTargetTests
    {
        internal static byte[] Pattern(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed + (i >> 8))).ToArray();

        private static UsbDfuTarget Connect(FakeDfuBoard board, DeviceInfo? device = null) =>
            UsbDfuTarget.Connect(new UsbDfuOptions { LibraryPath = board.LibraryPath }, device);

        [Fact]
        public void Lists_the_device_its_alternate_settings_and_their_sectors()
        {
            using var board = new FakeDfuBoard();
            var device = Assert.Single(LibUsbLibrary.Load(board.LibraryPath).ListDevices());
            Assert.Equal("375A36503036", device.SerialNumber);
            Assert.Equal("1-3.1", device.Path);
            Assert.Equal("STM32  BOOTLOADER", device.Product);
            Assert.Equal(2048, device.TransferSize);
            Assert.Equal(0x011A, device.DfuVersion);
            Assert.Equal(2, device.Alternates.Count);
            var flash = device.Flash!;
            Assert.Equal("Internal Flash", flash.Name);
            Assert.Equal(12, flash.Sectors.Count);
            Assert.Equal(new[] { 16384, 16384, 16384, 16384, 65536, 131072 }, flash.Sectors.Take(6).Select(s => s.Size));
            Assert.True(flash.Sectors.All(s => s.Readable && s.Erasable && s.Writable));
            var options = device.Alternates[1];
            Assert.Equal(0x1FFFC000u, options.BaseAddress);
            Assert.True(options.Sectors[0].Readable && options.Sectors[0].Writable && !options.Sectors[0].Erasable);
        }

        [Fact]
        public void Picks_the_catalog_device_by_the_layout_it_reports_and_checks_a_named_one()
        {
            using var board = new FakeDfuBoard();
            var warnings = new System.Collections.Generic.List<string>();
            using (var target = UsbDfuTarget.Connect(new UsbDfuOptions { LibraryPath = board.LibraryPath }, null,
                (level, text) => { if (level == TargetLogLevel.Warning) warnings.Add(text); }))
            {
                Assert.Null(DfuSeCatalog.Difference(target.Device, target.Usb.Flash!));
                Assert.Equal(2048, target.Capabilities.MaxWrite);
                // F2, F405, F42x ... share this layout; DFU has no Get ID, so it says so
                var warning = Assert.Single(warnings);
                Assert.Contains("STM32F405", warning);
                Assert.Contains("-Device", warning);
            }
            using (var named = Connect(board, DeviceCatalog.Get("STM32F407")))
                Assert.Equal(0x413, named.Device.ProductId);
            var ex = Assert.Throws<DfuLayoutMismatchException>(() => Connect(board, DeviceCatalog.Get("STM32G474")));
            Assert.Contains("STM32G474", ex.Message);
            Assert.Contains("STM32F405", ex.LikelyCause);
            var smaller = Assert.Throws<DfuLayoutMismatchException>(() => Connect(board, DeviceCatalog.Get("STM32F401xD")));
            Assert.Contains("beyond STM32F401xD's 512 KiB", smaller.Message);
        }

        [Fact]
        public void Writes_and_verifies_a_plan_of_several_segments_with_the_planner()
        {
            using var board = new FakeDfuBoard();
            using var target = Connect(board);
            var image = new[] { new Segment(0x08000000, Pattern(5000, 1)), new Segment(0x08004100, Pattern(70000, 2)), new Segment(0x08020000, Pattern(3, 3)) };
            var plan = FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true });
            var result = new FlashExecutor(target).Execute(plan);
            Assert.Equal(3, result.Verified.Count);
            var flash = board.Memory();
            Assert.Equal(image[0].Data, flash.AsSpan(0, 5000).ToArray());
            Assert.Equal(image[1].Data, flash.AsSpan(0x4100, 70000).ToArray());
            Assert.Equal(image[2].Data, flash.AsSpan(0x20000, 3).ToArray());
            Assert.Equal(0xFF, flash[0x20003]);
            // the sectors the image touches, and no others
            Assert.Equal(new[] { "erase 0x08000000", "erase 0x08004000", "erase 0x08008000", "erase 0x0800C000", "erase 0x08010000", "erase 0x08020000" },
                board.Events().Where(e => e.StartsWith("erase")).ToArray());
        }

        [Fact]
        public void Consecutive_full_blocks_need_one_set_address_and_reads_stream_the_same_way()
        {
            using var board = new FakeDfuBoard();
            using var target = Connect(board);
            target.ErasePages(new[] { 0 });
            var before = target.Requests;
            var data = Pattern(8 * 2048, 5);
            for (var i = 0; i < 8; i++) target.Write(0x08000000 + (uint)(i * 2048), data.AsSpan(i * 2048, 2048));
            // set address + GETSTATUS x2, then per block DNLOAD + GETSTATUS x2
            Assert.Equal(3 + 8 * 3, target.Requests - before);
            before = target.Requests;
            var back = new byte[data.Length];
            for (var i = 0; i < 8; i++) target.Read(0x08000000 + (uint)(i * 2048), back.AsSpan(i * 2048, 2048));
            Assert.Equal(data, back);
            // set address, GETSTATUS x2, ABORT, then one UPLOAD per block
            Assert.Equal(4 + 8, target.Requests - before);
        }

        [Fact]
        public void A_write_over_programmed_flash_names_the_dfu_state_status_and_address()
        {
            using var board = new FakeDfuBoard();
            using var target = Connect(board);
            target.ErasePages(new[] { 0 });
            target.Write(0x08000000, new byte[] { 0x00, 0x11 });
            var ex = Assert.Throws<DfuException>(() => target.Write(0x08000000, new byte[] { 0xFF, 0x22 }));
            Assert.Equal("errVERIFY", ex.StatusName);
            Assert.Equal("dfuERROR", ex.StateName);
            Assert.Equal(0x08000000u, ex.Address);
            Assert.Contains("errVERIFY in dfuERROR", ex.Message);
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            // the device was cleared: the next operation works (flash ANDs what is programmed over it)
            var back = new byte[2];
            target.Read(0x08000000, back);
            Assert.Equal(new byte[] { 0x00, 0x00 }, back);
        }

        [Fact]
        public void A_programming_fault_is_errWRITE_with_the_address()
        {
            using var board = new FakeDfuBoard();
            board.Settings["fault_write"] = "0x08000804";
            board.WriteConfig();
            using var target = Connect(board);
            var image = new[] { new Segment(0x08000000, Pattern(4096, 9)) };
            var plan = FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true });
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(target).Execute(plan));
            var dfu = Assert.IsType<DfuException>(ex.InnerException);
            Assert.Equal("errWRITE", dfu.StatusName);
            Assert.Equal(0x08000800u, dfu.Address);
            Assert.Contains("0x08000000", ex.Message);
        }

        [Fact]
        public void A_stalled_request_is_cleared_and_sent_again()
        {
            using var board = new FakeDfuBoard();
            board.Settings["fault_stall"] = "12";
            board.WriteConfig();
            using var target = Connect(board);
            var image = new[] { new Segment(0x08000000, Pattern(6000, 4)) };
            new FlashExecutor(target).Execute(FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true }));
            Assert.Contains("stall", board.Events());
            Assert.Equal(1, target.Retries);
            Assert.Equal(image[0].Data, board.Memory().AsSpan(0, 6000).ToArray());
        }

        [Fact]
        public void A_device_that_leaves_the_bus_is_reported_as_disconnected()
        {
            using var board = new FakeDfuBoard();
            board.Settings["fault_disconnect"] = "20";
            board.WriteConfig();
            using var target = Connect(board);
            var image = new[] { new Segment(0x08000000, Pattern(40000, 4)) };
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(target).Execute(FlashPlanner.Plan(image, target, new FlashPlanOptions())));
            var usb = Assert.IsType<LibUsbTransferException>(ex.InnerException);
            Assert.Equal(TargetErrorKind.Disconnected, usb.Kind);
            Assert.Contains("LIBUSB_ERROR_NO_DEVICE", usb.Message);
        }

        [Fact]
        public void Poll_timeouts_are_waited_for()
        {
            using var board = new FakeDfuBoard();
            board.Settings["erase_ms_per_kb"] = "5";
            board.WriteConfig();
            using var target = Connect(board);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var before = target.Requests;
            target.ErasePages(new[] { 0 });
            Assert.True(clock.ElapsedMilliseconds >= 75, $"a 16 KiB erase at 5 ms/KiB took {clock.ElapsedMilliseconds} ms");
            // DNLOAD, GETSTATUS (dfuDNBUSY, 80 ms), then after the wait GETSTATUS (dfuDNLOAD-IDLE): no polling in between
            Assert.InRange(target.Requests - before, 3, 4);
        }

        [Fact]
        public void A_cancelled_wait_stops_the_operation_and_the_next_one_waits_for_the_device()
        {
            using var board = new FakeDfuBoard();
            board.Settings["erase_ms_per_kb"] = "10";
            board.WriteConfig();
            using var target = Connect(board);
            var erase = System.Threading.Tasks.Task.Run(() => target.ErasePages(new[] { 5 }));
            // the device has started the 1.3 s erase (and the host waits its poll timeout)
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!board.Events().Contains("erase 0x08020000") && clock.Elapsed < TimeSpan.FromSeconds(10)) System.Threading.Thread.Sleep(10);
            System.Threading.Thread.Sleep(50);
            target.CancelCurrentOperation();
            var ex = Assert.ThrowsAny<OperationCanceledException>(() => erase.GetAwaiter().GetResult());
            Assert.Contains("cancelled", ex.Message);
            var back = new byte[16];
            target.Read(0x08020000, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
            Assert.Equal(0, target.Retries);
        }

        [Fact]
        public void Go_leaves_dfu_mode_at_the_address()
        {
            using var board = new FakeDfuBoard();
            using var target = Connect(board);
            target.Go(0x08000000);
            Assert.Contains("leave 0x08000000", board.Events());
            var ex = Assert.Throws<TargetException>(() => target.Read(0x08000000, new byte[4]));
            Assert.Equal(TargetErrorKind.Disconnected, ex.Kind);
        }

        [Fact]
        public void Parses_memory_strings_with_several_groups_and_units()
        {
            var m = DfuSeMemory.Parse(1, "@Option Bytes  /0x1FFEC000/01*016 e/0x1FFFC000/01*016 e");
            Assert.Equal("Option Bytes", m.Name);
            Assert.Equal(new uint[] { 0x1FFEC000, 0x1FFFC000 }, m.Sectors.Select(s => s.Address));
            Assert.All(m.Sectors, s => Assert.Equal(16, s.Size));
            var f = DfuSeMemory.Parse(0, "@Internal Flash   /0x08000000/256*02Kg");
            Assert.Equal(512 * 1024, f.Size);
            Assert.Throws<FormatException>(() => DfuSeMemory.Parse(0, "@Flash /0x08000000/4*16Kz"));
        }
    }
}
