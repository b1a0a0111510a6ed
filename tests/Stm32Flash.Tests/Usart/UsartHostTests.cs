using System;
using System.Linq;
using Stm32Flash.Checksums;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>The protocol host against the device-side server over an in-memory line: every command, and what the device answers.</summary>
    public class UsartHostTests
    {
        private static byte[] Pattern(int length, int seed = 1)
        {
            var r = new Random(seed);
            var b = new byte[length];
            r.NextBytes(b);
            return b;
        }

        [Fact]
        public void Connect_identifies_the_device_by_its_product_id_and_takes_capabilities_from_the_get_list()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            Assert.Equal("STM32G474", target.Device.Name);
            Assert.Equal(0x469, target.Bootloader.ProductId);
            Assert.Equal(0x33, target.Bootloader.ProtocolVersion);
            Assert.Equal(served.Server.Profile.Commands, target.Bootloader.Commands);
            Assert.True(target.Capabilities.CanChecksum);
            Assert.True(target.Capabilities.CanEraseBank);
            Assert.False(target.Capabilities.CanReset);
            Assert.Equal(TargetInterface.Usart, target.Interface);
            Assert.Contains("bootloader protocol 3.3", target.Description);
            // 0x7F, a probe that the device is in step (FF 00 draws one NACK), then Get, Get Version, Get ID until two rounds
            // agree: the host sent exactly these frames.
            var identify = new[] { new byte[] { 0x00, 0xFF }, new byte[] { 0x01, 0xFE }, new byte[] { 0x02, 0xFD } };
            Assert.Equal(new[] { new byte[] { 0x7F }, new byte[] { 0xFF, 0x00 } }.Concat(identify).Concat(identify), served.Line.Written.Take(8));
        }

        [Fact]
        public void A_bootloader_without_get_checksum_or_with_the_legacy_erase_is_used_as_listed()
        {
            using (var f4 = new ServedDevice("STM32F405", new SimulatorOptions()))
            using (var target = f4.Connect())
            {
                Assert.False(target.Capabilities.CanChecksum);
                Assert.Equal(UsartCodes.ExtendedErase, target.Bootloader.EraseCommand);
                Assert.Throws<TargetException>(() => target.Checksum(0x08000000, 4));
            }
            using (var f1 = new ServedDevice("STM32F103x8", new SimulatorOptions()))
            using (var target = f1.Connect())
            {
                Assert.Equal(UsartCodes.Erase, target.Bootloader.EraseCommand);
                Assert.False(target.Capabilities.CanEraseBank);
                var data = Pattern(1024);
                target.Write(0x08000400, data.AsSpan(0, 256));
                target.ErasePages(new[] { 1 });
                var back = new byte[256];
                target.Read(0x08000400, back);
                Assert.All(back, b => Assert.Equal(0xFF, b));
                // The legacy erase went as 0x43 with a one-byte count and page number.
                Assert.Contains(f1.Line.Written, w => w.SequenceEqual(new byte[] { 0x43, 0xBC }));
                Assert.Contains(f1.Line.Written, w => w.SequenceEqual(new byte[] { 0x00, 0x01, 0x01 }));
                target.MassErase();
                Assert.Contains(f1.Line.Written, w => w.SequenceEqual(new byte[] { 0xFF, 0x00 }));
            }
        }

        [Fact]
        public void Write_read_and_get_checksum_move_the_bytes_and_the_crc_matches_the_host_crc()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256);
            target.Write(0x08000100, data);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x100, 256).ToArray());
            var back = new byte[256];
            target.Read(0x08000100, back);
            Assert.Equal(data, back);
            var one = new byte[1];
            target.Read(0x08000105, one);
            Assert.Equal(data[5], one[0]);
            Assert.Equal(Crc32Mpeg2.OfWords(data), target.Checksum(0x08000100, 256));
            // Erased flash beyond it: CRC of 0xFF words.
            Assert.Equal(Crc32Mpeg2.OfWords(Enumerable.Repeat((byte)0xFF, 1024).ToArray()), target.Checksum(0x08001000, 1024));
            // Get Checksum sent the size in words, then the polynomial and the initial value.
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(UsartFrame.Word(64)));
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(UsartFrame.Word(Crc32Mpeg2.Polynomial)));
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(UsartFrame.Word(Crc32Mpeg2.InitialValue)));
        }

        [Fact]
        public void A_listed_get_checksum_that_is_refused_while_reads_work_turns_verification_to_reading_back()
        {
            var g4 = DeviceCatalog.Get("STM32G474");
            using var served = new ServedDevice(g4, profile: UsartProfile.For(g4, checksum: true).Refusing(UsartCodes.GetChecksum));
            using var target = served.Connect();
            var log = new System.Collections.Generic.List<(TargetLogLevel Level, string Text)>();
            target.Log = (level, text) => log.Add((level, text));
            Assert.True(target.Capabilities.CanChecksum);
            var data = Pattern(1024, 9);
            data[0] = 0x12;
            for (var i = 0; i < data.Length; i += 256) target.Write(0x08000000 + (uint)i, data.AsSpan(i, 256));

            var first = MemoryVerifier.Verify(target, new Segment(0x08000000, data));
            Assert.True(first.Match);
            Assert.Equal(VerifyMethod.ReadBack, first.Method);
            Assert.False(target.Capabilities.CanChecksum);
            Assert.Contains(log, e => e.Level == TargetLogLevel.Warning && e.Text.Contains("lists Get Checksum (0xA1) but refuses it"));
            var asked = served.Line.Written.Count(w => w.SequenceEqual(UsartFrame.Command(UsartCodes.GetChecksum)));

            // From then on nothing asks for it: a mismatch is found by reading back.
            served.Simulation.MassErase();
            var second = MemoryVerifier.Verify(target, new Segment(0x08000000, data));
            Assert.False(second.Match);
            Assert.Equal(VerifyMethod.ReadBack, second.Method);
            Assert.Equal(0x08000000u, second.FirstMismatch);
            Assert.Equal(asked, served.Line.Written.Count(w => w.SequenceEqual(UsartFrame.Command(UsartCodes.GetChecksum))));
            Assert.Throws<TargetException>(() => target.Checksum(0x08000000, 4));
        }

        [Fact]
        public void A_refused_get_checksum_under_readout_protection_stays_a_readout_protection_error()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            served.Simulation.ReadoutProtect();
            var ex = Assert.Throws<UsartTransactionException>(() => target.Checksum(0x08000000, 256));
            Assert.Equal(TargetErrorKind.ReadoutProtected, ex.Kind);
            Assert.Equal("Get Checksum", ex.Operation);
            Assert.True(target.Capabilities.CanChecksum);
        }

        [Fact]
        public void Extended_erase_takes_pages_a_bank_and_everything()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256);
            foreach (var a in new uint[] { 0x08000000, 0x08000800, 0x08040000, 0x08040800 }) target.Write(a, data);
            target.ErasePages(new[] { 1 });
            Assert.False(served.Simulation.IsProgrammed(0x08000800));
            Assert.True(served.Simulation.IsProgrammed(0x08000000));
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x01 }));
            target.EraseBank(2);
            Assert.False(served.Simulation.IsProgrammed(0x08040000));
            Assert.True(served.Simulation.IsProgrammed(0x08000000));
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(new byte[] { 0xFF, 0xFD, 0x02 }));
            target.MassErase();
            Assert.Empty(served.Simulation.ExportFlash());
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(new byte[] { 0xFF, 0xFF, 0x00 }));
        }

        [Fact]
        public void Go_starts_the_application_and_the_device_then_stops_answering()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect(ServedDevice.FastOptions(retries: 0));
            target.Go(0x08000000);
            Assert.Equal(0x08000000u, served.Simulation.RunningFrom);
            var ex = Assert.Throws<UsartTransactionException>(() => target.Read(0x08000000, new byte[4]));
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Equal(UsartStage.Command, ex.Stage);
            Assert.Contains("no answer within", ex.DeviceReply);
            Assert.Contains("left the bootloader", ex.LikelyCause);
        }

        [Fact]
        public void Protection_commands_reset_the_device_and_the_host_synchronises_again()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            target.Write(0x08000000, Pattern(256));
            var syncs = served.Server.Statistics.Syncs;

            target.WriteProtect(new[] { 3 });
            Assert.Contains(3, served.Simulation.WriteProtectedPages);
            Assert.Equal(syncs + 1, served.Server.Statistics.Syncs);
            target.WriteUnprotect();
            Assert.Empty(served.Simulation.WriteProtectedPages);

            target.ReadoutProtect();
            Assert.Equal(1, served.Simulation.ReadoutProtectionLevel);
            var refused = Assert.Throws<UsartTransactionException>(() => target.Read(0x08000000, new byte[16]));
            Assert.Equal(TargetErrorKind.ReadoutProtected, refused.Kind);
            Assert.Equal("NACK (0x1F) after the command", refused.DeviceReply);
            Assert.Contains("Readout protection", refused.LikelyCause);

            target.ReadoutUnprotect();
            Assert.Equal(0, served.Simulation.ReadoutProtectionLevel);
            Assert.Empty(served.Simulation.ExportFlash());
            var back = new byte[16];
            target.Read(0x08000000, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
            Assert.Equal(syncs + 4, served.Server.Statistics.Syncs);
        }

        [Fact]
        public void A_nack_after_the_address_is_tried_again_in_step_and_then_says_so()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var ex = Assert.Throws<UsartTransactionException>(() => target.Write(0x30000000, new byte[16]));
            Assert.Equal(TargetErrorKind.AddressRefused, ex.Kind);
            Assert.Equal(UsartStage.Address, ex.Stage);
            Assert.Equal("Write Memory", ex.Operation);
            Assert.Equal(0x30000000u, ex.Address);
            Assert.Equal("NACK (0x1F) after the address", ex.DeviceReply);
            // A NACK at the address can answer a damaged address frame, so it is tried again after realigning.
            Assert.Equal(3, target.Retries);
            Assert.Equal(4, ex.Attempts);
            Assert.False(served.Simulation.IsProgrammed(0x08000000));
            // The bootloader's own RAM is refused at the address too.
            Assert.Equal(UsartStage.Address, Assert.Throws<UsartTransactionException>(() => target.Write(0x20000100, new byte[16])).Stage);
        }

        [Fact]
        public void A_write_over_programmed_flash_is_read_back_and_refused_as_needing_an_erase()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            target.Write(0x08000000, Pattern(256, 1));
            var writesBefore = served.Line.Written.Count(w => w.Length == 258);
            var ex = Assert.Throws<TargetException>(() => target.Write(0x08000000, Pattern(256, 2)));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Equal("NACK (0x1F) after the data block", ex.DeviceReply);
            Assert.Contains("cannot be programmed again without an erase", ex.Message);
            Assert.Contains("not erased", ex.LikelyCause);
            // One data block, one read-back, and no second attempt at programming it.
            Assert.Equal(writesBefore + 1, served.Line.Written.Count(w => w.Length == 258));
            Assert.Equal(Pattern(256, 1), served.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
        }

        [Fact]
        public void A_block_found_partly_programmed_after_a_nack_names_the_first_erased_byte_that_should_hold_data()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256, 5);
            data[128] = 0x5A;
            // The first half went in before; the whole block then draws NACK (its first units are programmed already).
            target.Write(0x08000000, data.AsSpan(0, 128));
            var ex = Assert.Throws<TargetException>(() => target.Write(0x08000000, data));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Equal(0x08000080u, ex.Address);
            Assert.Equal("NACK (0x1F) after the data block", ex.DeviceReply);
            Assert.Contains("partly programmed", ex.Message);
            Assert.Contains("erased (0xFF) from 0x08000080 where the image has 0x5A", ex.Message);
            Assert.Contains("was not re-sent", ex.Message);
            Assert.Equal(1, served.Line.Written.Count(w => w.Length == 258));
            Assert.Equal(data.Take(128).Concat(Enumerable.Repeat((byte)0xFF, 128)), served.Simulation.FlashSnapshot().Take(256));
        }

        [Fact]
        public void A_block_found_holding_other_bytes_after_a_nack_names_the_first_differing_address()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256, 6);
            var other = (byte[])data.Clone();
            // The same bytes up to 0x40, then an erased word, then different bytes.
            for (var i = 0x40; i < 0x44; i++) other[i] = 0xFF;
            for (var i = 0x44; i < 0x100; i++) other[i] = (byte)~data[i];
            target.Write(0x08000000, other);
            var ex = Assert.Throws<TargetException>(() => target.Write(0x08000000, data));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Equal(0x08000040u, ex.Address);
            Assert.Contains($"0xFF at 0x08000040 where the image has 0x{data[0x40]:X2}", ex.Message);
            Assert.DoesNotContain("partly programmed", ex.Message);
            Assert.Equal(2, served.Line.Written.Count(w => w.Length == 258));
        }

        [Fact]
        public void The_executor_reports_a_partly_programmed_block_with_its_segment_chunk_and_written_ranges()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var image = Pattern(1024, 8);
            image[0x280] = 0x33;
            // The third chunk's first half is on the device already (and the page is not erased first).
            target.Write(0x08000200, image.AsSpan(0x200, 128));
            var plan = FlashPlanner.Plan(new[] { new Segment(0x08000000, image) }, target, new FlashPlanOptions { SkipErase = true });
            var ex = Assert.Throws<FlashOperationException>(() => new FlashExecutor(target).Execute(plan));
            Assert.Equal(FlashFailure.Device, ex.Failure);
            Assert.Equal(0x08000280u, ex.Address);
            Assert.Equal(1, ex.SegmentNumber);
            Assert.Equal(3, ex.ChunkNumber);
            Assert.Equal(TargetErrorKind.FlashRule, ex.TargetError!.Kind);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000200) }, ex.Programmed);
        }

        [Fact]
        public void A_block_damaged_on_the_line_draws_nack_and_is_sent_again_after_reading_back_erased_flash()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256);
            var damaged = 0;
            served.Line.Damage = (bytes, n) =>
            {
                if (bytes.Length != 258 || damaged++ > 0) return null;
                var copy = (byte[])bytes.Clone();
                copy[100] ^= 0x04;
                return copy;
            };
            target.Write(0x08000200, data);
            Assert.True(target.Retries >= 1, "no retry was counted"); // more under load, if a reply is late
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x200, 256).ToArray());
            // The host read the block back (Read Memory) before sending it again.
            var blocks = served.Line.Written.Select((w, i) => (w, i)).Where(x => x.w.Length == 258).Select(x => x.i).ToList();
            Assert.Equal(2, blocks.Count);
            Assert.Contains(served.Line.Written.Skip(blocks[0]).Take(blocks[1] - blocks[0]), w => w.SequenceEqual(new byte[] { 0x11, 0xEE }));
        }

        [Fact]
        public void A_lost_ack_after_the_data_block_is_resolved_by_reading_back_without_writing_twice()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256);
            var lost = 0;
            served.Line.LoseReply = (bytes, n) => bytes.Length == 258 && lost++ == 0 ? 1 : 0;
            target.Write(0x08000300, data);
            Assert.True(target.Retries >= 1, "no retry was counted"); // more under load, if a reply is late
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x300, 256).ToArray());
            Assert.Equal(1, served.Line.Written.Count(w => w.Length == 258));
        }

        [Fact]
        public void A_dropped_write_times_out_and_is_retried_after_resynchronising()
        {
            // Operation 1 of the simulated target is the first write (Get, Get Version and Get ID do not reach it).
            using var served = new ServedDevice("STM32G474", new SimulatorOptions().WithFault(ServedDevice.AfterConnect("STM32G474", 1), FaultKind.Drop));
            using var target = served.Connect();
            var data = Pattern(256);
            target.Write(0x08000400, data);
            Assert.True(target.Retries >= 1, "no retry was counted"); // more under load, if a reply is late
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x400, 256).ToArray());
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(new byte[] { 0xFF, 0x00 }));
        }

        [Fact]
        public void Retries_are_bounded_and_the_last_failure_says_what_the_device_did()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect(ServedDevice.FastOptions(retries: 2));
            served.Line.Damage = (bytes, n) =>
            {
                if (bytes.Length != 258) return null;
                var copy = (byte[])bytes.Clone();
                copy[7] ^= 0x80;
                return copy;
            };
            var ex = Assert.Throws<UsartTransactionException>(() => target.Write(0x08000000, Pattern(256)));
            Assert.Equal(TargetErrorKind.Refused, ex.Kind);
            Assert.Equal(UsartStage.Data, ex.Stage);
            Assert.Equal("NACK (0x1F) after the data block", ex.DeviceReply);
            Assert.Equal(2, target.Retries);
            Assert.Equal(3, served.Line.Written.Count(w => w.Length == 258));
            Assert.False(served.Simulation.IsProgrammed(0x08000000));
        }

        [Fact]
        public void When_the_read_back_after_a_silence_fails_too_the_error_says_both()
        {
            using var served = new ServedDevice("STM32G474", new SimulatorOptions().WithFault(ServedDevice.AfterConnect("STM32G474", 1), FaultKind.Drop, 20));
            using var target = served.Connect(ServedDevice.FastOptions(retries: 1));
            var ex = Assert.Throws<TargetException>(() => target.Write(0x08000000, Pattern(256)));
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Equal("no answer within 150 ms after the data block", ex.DeviceReply);
            Assert.Contains("reading it back to see whether it was programmed failed too", ex.Message);
            Assert.IsType<UsartTransactionException>(ex.InnerException);
        }

        [Fact]
        public void A_link_that_closes_mid_command_is_reported_against_that_command_its_address_and_stage()
        {
            using (var served = new ServedDevice("STM32G474"))
            using (var target = served.Connect())
            {
                served.Line.Damage = (bytes, n) =>
                {
                    if (bytes.Length == 258) served.Line.Dispose();
                    return null;
                };
                var ex = Assert.Throws<UsartTransactionException>(() => target.Write(0x08000100, Pattern(256)));
                Assert.Equal(TargetErrorKind.Disconnected, ex.Kind);
                Assert.Equal("Write Memory", ex.Operation);
                Assert.Equal(0x08000100u, ex.Address);
                Assert.Equal(UsartStage.Data, ex.Stage);
                Assert.Equal(0, target.Retries);
            }
            using (var served = new ServedDevice("STM32G474"))
            using (var target = served.Connect())
            {
                served.Line.Damage = (bytes, n) =>
                {
                    if (bytes.SequenceEqual(UsartFrame.Word(0x08000200))) served.Line.Dispose();
                    return null;
                };
                var ex = Assert.Throws<UsartTransactionException>(() => target.Read(0x08000200, new byte[16]));
                Assert.Equal(TargetErrorKind.Disconnected, ex.Kind);
                Assert.Equal("Read Memory", ex.Operation);
                Assert.Equal(0x08000200u, ex.Address);
                Assert.Equal(UsartStage.Address, ex.Stage);
            }
        }

        [Fact]
        public void A_mass_erase_waiting_for_its_answer_is_cancelled_and_the_next_operation_finds_the_device_again()
        {
            // The erase is lost (the device stays silent), so the host would wait the whole mass-erase timeout.
            using var served = new ServedDevice("STM32G474", new SimulatorOptions().WithFault(ServedDevice.AfterConnect("STM32G474", 1), FaultKind.Drop));
            var options = ServedDevice.FastOptions();
            options.MassEraseTimeout = TimeSpan.FromSeconds(60);
            using var target = served.Connect(options);
            Assert.IsAssignableFrom<ICancellableTarget>(target);
            target.CancelCurrentOperation();

            Exception? error = null;
            var erase = new System.Threading.Thread(() =>
            {
                try
                {
                    target.MassErase();
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            });
            erase.Start();
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            var massErase = ServedDevice.AfterConnect("STM32G474", 1);
            while (served.Target.OperationCount < massErase && deadline.Elapsed < TimeSpan.FromSeconds(10)) System.Threading.Thread.Sleep(5);
            Assert.Equal(massErase, served.Target.OperationCount);
            target.CancelCurrentOperation();

            Assert.True(erase.Join(TimeSpan.FromSeconds(10)), "the mass erase did not stop");
            var cancelled = Assert.IsType<OperationCanceledException>(error);
            Assert.Contains("Extended Erase", cancelled.Message);
            Assert.Equal(0, target.Retries);
            // The next operation resynchronises first, then runs as usual.
            var data = Pattern(256, 12);
            target.Write(0x08000000, data);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
        }

        [Fact]
        public void A_read_that_times_out_is_retried()
        {
            using var served = new ServedDevice("STM32G474", new SimulatorOptions().WithFault(ServedDevice.AfterConnect("STM32G474", 1), FaultKind.Drop));
            using var target = served.Connect();
            var back = new byte[64];
            target.Read(0x08000000, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
            Assert.True(target.Retries >= 1, "no retry was counted"); // more under load, if a reply is late
        }

        [Fact]
        public void Connecting_to_a_device_synchronised_already_takes_its_nack_to_0x7F()
        {
            using var served = new ServedDevice("STM32G474");
            var first = served.Bootloader();
            first.Synchronize();
            Assert.Equal(0x469, first.GetId());
            Assert.Equal(1, served.Server.Statistics.Syncs);
            // A second session: the device is synchronised and takes 0x7F as the start of a command.
            using var target = served.Connect();
            Assert.Equal("STM32G474", target.Device.Name);
            Assert.Equal(1, served.Server.Statistics.Syncs);
            Assert.Contains(UsartCodes.Nack, served.Line.Received);
        }

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        public void A_device_left_halfway_through_a_data_block_is_resynchronised(int sent)
        {
            using var served = new ServedDevice("STM32G474");
            var bootloader = served.Bootloader();
            bootloader.Synchronize();
            // An earlier session died after sending the command, the address and part of the block; an odd or an even
            // number of bytes then remains for the device to wait for.
            served.Line.Write(UsartFrame.Command(UsartCodes.WriteMemory));
            served.Line.Write(UsartFrame.Word(0x08000000));
            served.Line.Write(new byte[] { 0xFF }.Concat(Enumerable.Range(1, sent - 1).Select(i => (byte)i)).ToArray());
            System.Threading.Thread.Sleep(50);
            using var target = served.Connect();
            Assert.Equal("STM32G474", target.Device.Name);
            var data = Pattern(256);
            target.Write(0x08000800, data);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x800, 256).ToArray());
        }

        [Fact]
        public void A_product_id_outside_the_catalog_is_named_with_the_catalog()
        {
            var g4 = DeviceCatalog.Get("STM32G474");
            var stranger = new DeviceInfo("STM32X999", Array.Empty<string>(), "STM32X", 0x999, g4.Flash, g4.ProgramUnit, g4.ErasedValue, g4.Ram,
                g4.BootloaderRam, g4.SystemMemory, g4.OptionBytes, g4.Limits);
            using var served = new ServedDevice(stranger);
            var ex = Assert.Throws<UnknownProductException>(() => served.Connect());
            Assert.Equal(0x999, ex.ProductId);
            Assert.Contains("0x999", ex.Message);
            // The nearest known product IDs, and the way out for a part the catalog lacks.
            Assert.Contains("0x999", ex.Message);
            Assert.Matches(@"nearest known product IDs are 0x[0-9A-F]{3} \(STM32\w+, STM32\w+\)", ex.Message);
            Assert.Contains("Add-Stm32Device", ex.LikelyCause);
            Assert.Equal(TargetErrorKind.NotSupported, ex.Kind);
        }

        [Fact]
        public void Silence_on_the_line_is_a_timeout_that_says_what_to_check()
        {
            var (a, b) = DuplexPipe.Create();
            using var deviceEnd = new StreamLink(b, "nobody");
            var ex = Assert.Throws<UsartTransactionException>(() => UsartBootloaderTarget.Connect(new StreamLink(a, "test line"), new UsartOptions { AnswerTimeout = TimeSpan.FromMilliseconds(30) }));
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Contains("BOOT0", ex.LikelyCause);
            Assert.Contains("test line", ex.Message);
        }

        [Fact]
        public void An_unaligned_ram_write_that_widens_past_one_transfer_reads_and_writes_in_pieces()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var around = Pattern(264, 8);
            target.Write(0x20004000, around.AsSpan(0, 256));
            target.Write(0x20004100, around.AsSpan(256, 8));
            // 255 bytes at 0x...03 widen to the words 0x20004000..0x20004104: 260 bytes, more than one Read Memory moves.
            var data = Pattern(255, 9);
            target.Write(0x20004003, data);
            var back = new byte[264];
            target.Read(0x20004000, back.AsSpan(0, 256));
            target.Read(0x20004100, back.AsSpan(256, 8));
            var expected = (byte[])around.Clone();
            data.CopyTo(expected, 3);
            Assert.Equal(expected, back);
        }

        [Fact]
        public void Unaligned_ram_writes_keep_the_neighbouring_bytes_and_unaligned_flash_writes_are_refused()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var around = Pattern(16, 7);
            target.Write(0x20004000, around);
            target.Write(0x20004005, new byte[] { 0xA1, 0xA2, 0xA3 });
            var back = new byte[16];
            target.Read(0x20004000, back);
            var expected = (byte[])around.Clone();
            expected[5] = 0xA1;
            expected[6] = 0xA2;
            expected[7] = 0xA3;
            Assert.Equal(expected, back);

            var ex = Assert.Throws<TargetException>(() => target.Write(0x08000002, new byte[6]));
            Assert.Equal(TargetErrorKind.FlashRule, ex.Kind);
            Assert.Contains("-Pad 8", ex.LikelyCause);
        }

        [Fact]
        public void The_executor_writes_and_verifies_a_plan_through_the_usart_target()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var connectFrames = served.Line.Written.Count;
            var image = new[] { new Segment(0x08000000, Pattern(5000, 3)), new Segment(0x08010000, Pattern(333, 4)) };
            var plan = FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true });
            var result = new FlashExecutor(target).Execute(plan);
            Assert.Equal(2, result.Verified.Count);
            var flash = served.Simulation.FlashSnapshot();
            Assert.Equal(image[0].Data, flash.AsSpan(0, 5000).ToArray());
            Assert.Equal(image[1].Data, flash.AsSpan(0x10000, 333).ToArray());
            // Verified by Get Checksum, not by reading back (connecting read the flash size and the option bytes).
            Assert.DoesNotContain(served.Line.Written.Skip(connectFrames), w => w.SequenceEqual(new byte[] { 0x11, 0xEE }));
        }

        [Fact]
        public void Timeouts_allow_for_the_bytes_on_the_wire()
        {
            var (a, _) = DuplexPipe.Create();
            using var link = new StreamLink(a, "slow line", bytesPerSecond: 960);
            Assert.Equal(TimeSpan.FromMilliseconds(268.75), link.WireTime(258));
        }
    }
}
