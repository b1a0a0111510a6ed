using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// One fault on the line of a served simulator, at a chosen byte (the seeded run of hundreds of sessions is the
    /// "faults" benchmark): the write and verify either finish with the image on the device, or fail with an error whose
    /// account of the flash is true. Nothing is blamed on readout protection that the device does not have.
    /// </summary>
    public class UsartLineFaultTests
    {
        private const uint Flash = 0x08000000;

        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        private static readonly Segment[] Image = { new Segment(Flash + 0x10, Pattern(1500, 1)), new Segment(Flash + 0x900, Pattern(700, 2)) };

        private sealed class Line : IDisposable
        {
            public Line(SimulatorOptions? options = null)
            {
                Served = ServedDevice.BehindLineFaults("STM32G474", options);
                Faults = Served.Faults!;
            }

            public ServedDevice Served { get; }

            public LineFaultLink Faults { get; }

            public void Dispose() => Served.Dispose();
        }

        // What Write-Stm32Memory | Test-Stm32Memory do.
        private static void WriteAndVerify(UsartBootloaderTarget target, IReadOnlyList<Segment> image)
        {
            new FlashExecutor(target).Execute(FlashPlanner.Plan(image, target));
            for (var i = 0; i < image.Count; i++) Assert.True(MemoryVerifier.Verify(target, image[i], i + 1).Match, $"segment {i + 1} does not verify");
        }

        private static void AssertHolds(SimulatedDevice device, IEnumerable<Segment> image)
        {
            foreach (var s in image)
            {
                var held = new byte[s.Length];
                device.Read(s.Address, held);
                Assert.Equal(s.Data, held);
            }
        }

        // Host bytes after connecting: Extended Erase of pages 0 and 1 (command 0-1, page list 2-8), then the first Write
        // Memory (command 9-10, address 11-15, length 16, data 17-272, checksum 273). ACKs: the erase's command 0 and list 1,
        // the write's command 2, address 3 and data 4.
        [Theory]
        [InlineData(LineFaultKind.InsertToDevice, 0)]   // before the erase command: the device pairs the stray byte with it
        [InlineData(LineFaultKind.InsertToDevice, 9)]   // before the first Write Memory's command
        [InlineData(LineFaultKind.InsertToDevice, 13)]  // inside its address
        [InlineData(LineFaultKind.DamageToDevice, 12)]  // its address: the device refuses the address
        [InlineData(LineFaultKind.DamageToDevice, 100)] // its data block: the block's checksum fails
        [InlineData(LineFaultKind.DropToDevice, 100)]   // its data block: the device waits for one more byte
        [InlineData(LineFaultKind.AckDamagedToNack, 0)] // the erase command's ACK
        [InlineData(LineFaultKind.AckDamagedToNack, 3)] // the address ACK
        [InlineData(LineFaultKind.AckDamagedToNack, 4)] // the data ACK: the block is programmed already
        [InlineData(LineFaultKind.DropToHost, 4)]
        [InlineData(LineFaultKind.InsertToHost, 3)]
        [InlineData(LineFaultKind.BusyTarget, 40)]
        public void One_fault_during_a_write_and_verify_leaves_the_image_written_and_needs_no_user_retry(LineFaultKind kind, long position)
        {
            using var line = new Line();
            using var target = line.Served.Connect();
            line.Faults.Arm(new LineFault(kind, position, 0x5A, TimeSpan.FromMilliseconds(300)));
            WriteAndVerify(target, Image);
            Assert.True(line.Faults.Fired);
            Assert.True(target.Retries > 0, "the fault cost no retry, so it tested nothing");
            AssertHolds(line.Served.Simulation, Image);
        }

        [Fact]
        public void An_ack_later_than_the_timeout_does_not_put_the_host_one_answer_behind()
        {
            using var line = new Line();
            using var target = line.Served.Connect();
            // The data ACK of the first block comes after the 150 ms write timeout, while the host is realigning.
            line.Faults.Arm(new LineFault(LineFaultKind.LateAck, 5, duration: TimeSpan.FromMilliseconds(400)));
            WriteAndVerify(target, Image);
            Assert.True(line.Faults.Fired);
            AssertHolds(line.Served.Simulation, Image);
        }

        [Fact]
        public void A_read_damaged_on_its_way_back_is_read_again_before_verify_calls_it_a_mismatch()
        {
            using var line = new Line(new SimulatorOptions());
            using var target = line.Served.Connect();
            Assert.False(target.Capabilities.CanChecksum);
            new FlashExecutor(target).Execute(FlashPlanner.Plan(Image, target));
            // Read Memory: ACK, address ACK, length ACK, then the data; the 20th byte of the first reply is damaged.
            line.Faults.Arm(new LineFault(LineFaultKind.DamageToHost, 3 + 20, 0x01));
            var result = MemoryVerifier.Verify(target, Image[0]);
            Assert.True(line.Faults.Fired);
            Assert.True(result.Match);
        }

        [Theory]
        [InlineData(LineFaultKind.DamageToHost, 3)]   // the command count of Get's reply
        [InlineData(LineFaultKind.DamageToHost, 6)]   // a command code in Get's list: the bootloader would seem to lack one
        [InlineData(LineFaultKind.DropToHost, 1)]     // the first byte of Get's reply after its ACK
        [InlineData(LineFaultKind.InsertToDevice, 3)] // a stray byte before Get
        [InlineData(LineFaultKind.DamageToHost, 0)]   // the ACK to 0x7F
        public void Connect_survives_one_fault_and_finds_the_true_device_and_commands(LineFaultKind kind, long position)
        {
            using var clean = new Line();
            using var reference = clean.Served.Connect();
            using var line = new Line();
            line.Faults.Arm(new LineFault(kind, position, 0x24));
            using var target = line.Served.Connect();
            Assert.True(line.Faults.Fired);
            Assert.Equal(reference.Bootloader.Commands, target.Bootloader.Commands);
            Assert.Equal(reference.Device.Name, target.Device.Name);
            Assert.Equal(reference.Device.Layout, target.Device.Layout);
            Assert.Equal(reference.Device.FlashSize, target.Device.FlashSize);
        }

        [Fact]
        public void A_connect_that_meets_a_stale_ack_from_an_abandoned_request_ends_in_step()
        {
            using var line = new Line();
            // A first host (not disposed: that would close the shared line) gives up on Get's late ACK and goes away; the ACK
            // and the list are still on their way when the next one connects.
            var first = line.Served.Bootloader(ServedDevice.FastOptions(retries: 0));
            first.Synchronize();
            line.Faults.Arm(new LineFault(LineFaultKind.LateAck, 0, duration: TimeSpan.FromMilliseconds(300)));
            Assert.Equal(TargetErrorKind.Timeout, Assert.Throws<UsartTransactionException>(() => first.Get()).Kind);
            using var target = line.Served.Connect();
            WriteAndVerify(target, Image);
            AssertHolds(line.Served.Simulation, Image);
        }

        // The stray byte goes in before the block's first data byte; the device then takes the block's last byte as the
        // checksum, so the byte is chosen to make that check pass: (N ^ stray ^ d0..d254) == d255.
        private static byte StrayThatPassesTheChecksum(byte[] data)
        {
            var stray = (byte)((data.Length - 1) ^ data[data.Length - 1]);
            for (var i = 0; i < data.Length - 1; i++) stray ^= data[i];
            return stray;
        }

        [Theory]
        [InlineData(1024)] // the next block's command finds the device out of step
        [InlineData(256)]  // the only block: the executor's confirmation after the last write finds it
        public void A_block_shifted_by_a_stray_byte_that_passes_its_checksum_is_found_and_not_counted_as_written(int length)
        {
            using var line = new Line();
            using var target = line.Served.Connect();
            var plan = FlashPlanner.Plan(new[] { new Segment(Flash, Pattern(length, 3)) }, target);
            var first = plan.Steps.OfType<ProgramStep>().First();
            var data = first.Block.Data.AsSpan(first.Offset, (int)first.Length).ToArray();
            var stray = StrayThatPassesTheChecksum(data);
            // Extended Erase of one page (2 + 5 bytes), then Write Memory's command (2), address (5) and length (1).
            line.Faults.Arm(new LineFault(LineFaultKind.InsertToDevice, 7 + 8, stray));

            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(target).Execute(plan));
            Assert.True(line.Faults.Fired);
            var shifted = new byte[data.Length];
            line.Served.Simulation.Read(first.Address, shifted);
            Assert.Equal(stray, shifted[0]);
            Assert.Equal(data.Take(data.Length - 1), shifted.Skip(1));

            Assert.Equal(AddressRange.FromLength(first.Address, data.Length), ex.TargetError!.NotWritten);
            Assert.DoesNotContain(ex.Programmed, r => r.Overlaps(first.Range));
            Assert.Contains("out of step", ex.Message);
            Assert.Contains($"0x{first.Address:X8}", ex.Message);
            Assert.DoesNotContain("Readout protection", ex.Message, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void An_unplugged_line_fails_the_write_and_what_it_calls_written_is_on_the_device()
        {
            using var line = new Line();
            using var target = line.Served.Connect();
            line.Faults.Arm(new LineFault(LineFaultKind.Unplug, 900));
            var ex = Assert.Throws<FlashOperationException>(() => WriteAndVerify(target, Image));
            Assert.True(line.Faults.Fired);
            Assert.Equal(TargetErrorKind.Disconnected, ex.TargetError!.Kind);
            Assert.NotEmpty(ex.Programmed);
            foreach (var range in ex.Programmed)
            {
                foreach (var s in Image.Where(s => s.Range.Overlaps(range)))
                {
                    var part = s.Range.Intersect(range);
                    var held = new byte[part.Length];
                    line.Served.Simulation.Read(part.Start, held);
                    Assert.Equal(s.Data.Skip((int)(part.Start - s.Address)).Take((int)part.Length), held);
                }
            }
        }
    }
}
