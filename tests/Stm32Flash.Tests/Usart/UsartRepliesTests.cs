using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>The host against scripted replies that no simulated device sends: product quirks and damaged answers.</summary>
    public class UsartRepliesTests
    {
        // A device, on a thread of its own, that answers each request it receives with the scripted bytes.
        private static (UsartBootloader Host, Task Device) Scripted(params (byte[] Request, byte[] Reply)[] script)
        {
            var (a, b) = DuplexPipe.Create();
            var device = new StreamLink(b, "scripted device");
            var done = new TaskCompletionSource<bool>();
            new Thread(() =>
            {
                try
                {
                    foreach (var (request, reply) in script)
                    {
                        var got = new byte[request.Length];
                        device.ReadExactly(got, TimeSpan.FromSeconds(5));
                        Assert.Equal(request, got);
                        device.Write(reply);
                    }
                    done.SetResult(true);
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            }) { IsBackground = true }.Start();
            return (new UsartBootloader(new StreamLink(a, "host"), new UsartOptions { AnswerTimeout = TimeSpan.FromSeconds(2) }), done.Task);
        }

        [Fact]
        public async Task Get_version_takes_the_second_ack_some_products_send_first()
        {
            // L412/L422: ACK, ACK, version, 0, 0, ACK.
            var (host, device) = Scripted((new byte[] { 0x01, 0xFE }, new byte[] { 0x79, 0x79, 0x31, 0x00, 0x00, 0x79 }));
            Assert.Equal((byte)0x31, host.GetVersion().Version);
            await device;
        }

        [Fact]
        public async Task Get_id_with_extra_bytes_keeps_the_first_two()
        {
            var (host, device) = Scripted((new byte[] { 0x02, 0xFD }, new byte[] { 0x79, 0x02, 0x04, 0x69, 0xAB, 0x79 }));
            Assert.Equal(0x469, host.GetId());
            await device;
        }

        [Fact]
        public async Task A_checksum_reply_with_a_bad_check_byte_is_a_protocol_error()
        {
            var (host, device) = Scripted(
                (new byte[] { 0xA1, 0x5E }, new byte[] { 0x79 }),
                (UsartFrame.Word(0x08000000), new byte[] { 0x79 }),
                (UsartFrame.Word(1), new byte[] { 0x79 }),
                (UsartFrame.Word(0x04C11DB7), new byte[] { 0x79 }),
                (UsartFrame.Word(0xFFFFFFFF), new byte[] { 0x79, 0x79, 0x12, 0x34, 0x56, 0x78, 0x00 }));
            var ex = Assert.Throws<UsartTransactionException>(() => host.GetChecksum(0x08000000, 4));
            Assert.Equal(TargetErrorKind.Protocol, ex.Kind);
            Assert.Equal(UsartStage.Result, ex.Stage);
            Assert.Contains("damaged", ex.LikelyCause);
            await device;
        }

        [Fact]
        public async Task A_device_that_does_not_come_back_after_write_protect_is_a_timeout_that_says_why()
        {
            // The device takes Write Protect of sector 3 and resets into its application: 0x7F gets no answer again.
            var (host, device) = Scripted((new byte[] { 0x63, 0x9C }, new byte[] { 0x79 }), (new byte[] { 0x00, 0x03, 0x03 }, new byte[] { 0x79 }));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var ex = Assert.Throws<UsartTransactionException>(() => host.WriteProtect(new[] { 3 }));
            await device;
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Equal(UsartStage.Result, ex.Stage);
            Assert.Equal("no answer to 0x7F", ex.DeviceReply);
            Assert.Contains("did not come back in the bootloader within 2000 ms of the reset that follows Write Protect", ex.Message);
            Assert.Contains("BOOT0", ex.LikelyCause);
            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(2));
        }

        [Fact]
        public async Task A_product_id_shorter_than_two_bytes_is_a_protocol_error()
        {
            var (host, device) = Scripted((new byte[] { 0x02, 0xFD }, new byte[] { 0x79, 0x00, 0x04, 0x79 }));
            var ex = Assert.Throws<UsartTransactionException>(() => host.GetId());
            Assert.Equal(TargetErrorKind.Protocol, ex.Kind);
            Assert.Contains("1-byte product ID; 2 bytes were expected", ex.Message);
            Assert.Equal("04", ex.DeviceReply);
            await device;
        }

        [Fact]
        public async Task A_stray_byte_instead_of_ack_is_a_protocol_error_that_names_it()
        {
            var (host, device) = Scripted((new byte[] { 0x11, 0xEE }, new byte[] { 0x42 }));
            var ex = Assert.Throws<UsartTransactionException>(() => host.ReadMemory(0x08000000, new byte[4]));
            Assert.Equal(TargetErrorKind.Protocol, ex.Kind);
            Assert.Equal("0x42 after the command", ex.DeviceReply);
            await device;
        }

        [Fact]
        public void Get_checksum_of_a_range_past_the_end_of_flash_is_refused_at_the_size()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect(ServedDevice.FastOptions(retries: 0));
            var ex = Assert.Throws<UsartTransactionException>(() => target.Checksum(0x0807FF00, 0x200));
            Assert.Equal(UsartStage.Parameter, ex.Stage);
            Assert.Equal("NACK (0x1F) after the size", ex.DeviceReply);
        }

        [Fact]
        public void A_read_whose_data_comes_short_says_how_many_bytes_came()
        {
            using var served = ServedDevice.BehindLineFaults("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            // ACKs to the command, the address and the length, then the data: its eighth byte is lost.
            served.Faults!.Arm(new LineFault(LineFaultKind.DropToHost, 10));
            var ex = Assert.Throws<UsartTransactionException>(() => host.ReadMemory(0x08000100, new byte[256]));
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Equal(UsartStage.Result, ex.Stage);
            Assert.Equal("the data", ex.StageText);
            Assert.Equal(0x08000100u, ex.Address);
            Assert.StartsWith("only 255 of 256 bytes came within ", ex.Message);
            Assert.Equal("255 of 256 bytes", ex.DeviceReply);
            Assert.False(string.IsNullOrEmpty(ex.LikelyCause));
        }
    }
}
