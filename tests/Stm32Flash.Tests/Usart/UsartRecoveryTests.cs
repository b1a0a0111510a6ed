using System;
using System.Linq;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// Bringing a device that is inside a frame back to a command boundary, against the served simulator: whatever frame
    /// the recovery bytes complete must be refused, so that no flash changes, nothing is protected and nothing restarts.
    /// </summary>
    public class UsartRecoveryTests
    {
        private static readonly byte[] AbortBlock = { 0x03, 0xAA, 0xAA, 0xAA, 0xAA, 0xA5 };

        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        // What a session that died mid-command left the device waiting for: each frame is sent and must draw ACK.
        private static byte[][] State(string name) => name switch
        {
            "write length" => new[] { UsartFrame.Command(UsartCodes.WriteMemory), UsartFrame.Word(0x08000800) },
            "write protect count" => new[] { UsartFrame.Command(UsartCodes.WriteProtect) },
            "extended erase count" => new[] { UsartFrame.Command(UsartCodes.ExtendedErase) },
            "erase count" => new[] { UsartFrame.Command(UsartCodes.Erase) },
            "read length" => new[] { UsartFrame.Command(UsartCodes.ReadMemory), UsartFrame.Word(0x08000000) },
            "go address" => new[] { UsartFrame.Command(UsartCodes.Go) },
            "checksum size" => new[] { UsartFrame.Command(UsartCodes.GetChecksum), UsartFrame.Word(0x08000000) },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        private static void Enter(ServedDevice served, string state)
        {
            foreach (var frame in State(state))
            {
                served.Line.Write(frame);
                Assert.Equal(UsartCodes.Ack, served.Line.ReadByte(TimeSpan.FromSeconds(5)));
            }
        }

        private static void AssertUntouched(ServedDevice served, byte[] written, long syncs)
        {
            Assert.Equal(written, served.Simulation.FlashSnapshot().AsSpan(0, written.Length).ToArray());
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000000u + (uint)written.Length) }, served.Simulation.ExportFlash().Select(s => s.Range));
            Assert.Empty(served.Simulation.WriteProtectedPages);
            Assert.Null(served.Simulation.RunningFrom);
            Assert.Equal(syncs, served.Server.Statistics.Syncs);
        }

        [Theory]
        [InlineData("STM32G474", "write length", false)]
        [InlineData("STM32G474", "write protect count", false)]
        [InlineData("STM32G474", "read length", false)]
        [InlineData("STM32G474", "go address", false)]
        [InlineData("STM32G474", "checksum size", false)]
        [InlineData("STM32F103x8", "erase count", false)]
        // Behind a USB adapter's latency timer the device's answers to the recovery bytes come in bursts with silence between.
        [InlineData("STM32G474", "write length", true)]
        [InlineData("STM32G474", "read length", true)]
        [InlineData("STM32G474", "checksum size", true)]
        public void Connecting_to_a_device_left_inside_a_frame_changes_no_flash(string device, string state, bool behindUsbAdapter)
        {
            using var served = behindUsbAdapter ? ServedDevice.BehindUsbAdapter(device) : new ServedDevice(device);
            var written = Pattern(256, 1);
            // The first session writes, then dies inside a frame (its target is not disposed: that would close the line).
            served.Connect().Write(0x08000000, written);
            var syncs = served.Server.Statistics.Syncs;
            Enter(served, state);

            using var target = served.Connect();
            AssertUntouched(served, written, syncs);
            // The device waits for commands again.
            var data = Pattern(256, 2);
            target.Write(0x08000800, data);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x800, 256).ToArray());
        }

        [Theory]
        [InlineData("write length")]
        [InlineData("write protect count")]
        [InlineData("extended erase count")]
        [InlineData("read length")]
        [InlineData("go address")]
        [InlineData("checksum size")]
        public void The_filler_completes_every_frame_in_a_way_the_device_refuses(string state)
        {
            using var served = new ServedDevice("STM32G474");
            var written = Pattern(256, 3);
            var bootloader = served.Bootloader();
            bootloader.Synchronize();
            bootloader.WriteMemory(0x08000000, written);
            var syncs = served.Server.Statistics.Syncs;
            Enter(served, state);

            Assert.True(bootloader.Resynchronize());
            AssertUntouched(served, written, syncs);
            Assert.Equal(0x469, bootloader.GetId());
        }

        [Fact]
        public void A_write_whose_address_ack_was_lost_is_aborted_with_a_refused_block_before_it_is_sent_again()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var data = Pattern(256, 4);
            var address = UsartFrame.Word(0x08000400);
            var lost = 0;
            // The device acknowledges the address, but the ACK never arrives: the device then waits for the block's length.
            served.Line.LoseReply = (bytes, n) => bytes.SequenceEqual(address) && lost++ == 0 ? 1 : 0;
            bool? programmedWhenSentAgain = null;
            var writes = 0;
            served.Line.Damage = (bytes, n) =>
            {
                if (bytes.SequenceEqual(UsartFrame.Command(UsartCodes.WriteMemory)) && ++writes == 2)
                    programmedWhenSentAgain = served.Simulation.IsProgrammed(0x08000400);
                return null;
            };
            target.Write(0x08000400, data);

            Assert.True(target.Retries >= 1);
            Assert.False(programmedWhenSentAgain);
            Assert.Contains(served.Line.Written, w => w.SequenceEqual(AbortBlock));
            Assert.DoesNotContain(served.Line.Written, w => w.Length == 260);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0x400, 256).ToArray());
            Assert.Equal(new[] { new AddressRange(0x08000400, 0x08000500) }, served.Simulation.ExportFlash().Select(s => s.Range));
        }

        [Fact]
        public void Aborting_a_write_the_device_finished_already_leaves_it_at_a_command_boundary()
        {
            using var served = new ServedDevice("STM32G474");
            var bootloader = served.Bootloader();
            bootloader.Synchronize();
            var data = Pattern(256, 5);
            bootloader.WriteMemory(0x08000000, data);
            var nacks = served.Server.Statistics.Nacks;

            Assert.True(bootloader.AbortWriteMemory());
            // Taken as three invalid commands (03 AA, AA AA, AA A5), then the alignment's and the probe's NACKs; no filler.
            Assert.True(served.Server.Statistics.Nacks >= nacks + 3);
            Assert.DoesNotContain(served.Line.Written, w => w.Length == 260);
            Assert.Equal(data, served.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
            Assert.Equal(0x469, bootloader.GetId());
        }
    }
}
