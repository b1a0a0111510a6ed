using System;
using System.Linq;
using System.Runtime.InteropServices;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>The serial links on a socat pseudo-terminal pair: the System.IO.Ports-opened host end and the raw device end.</summary>
    public class SerialLinkTests
    {
        [Fact]
        public void A_port_opened_through_system_io_ports_moves_bytes_both_ways()
        {
            using var pty = new SocatPair();
            using var device = PosixTtyLink.Open(new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            using var host = SerialLinks.OpenPort(new SerialLinkSettings(pty.HostEnd, 115200, SerialParity.None));
            Assert.Equal($"{pty.HostEnd} at 115200 8N1", host.Description);
            Assert.Equal(11520, host.BytesPerSecond);
            // On Linux the bytes go through the port's own descriptor, not through System.IO.Ports' polling thread.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) Assert.IsType<PosixTtyLink>(host);

            var sent = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
            host.Write(sent);
            var got = new byte[sent.Length];
            device.ReadExactly(got, TimeSpan.FromSeconds(5));
            Assert.Equal(sent, got);
            device.Write(new byte[] { 0x79, 0x1F });
            var reply = new byte[2];
            host.ReadExactly(reply, TimeSpan.FromSeconds(5));
            Assert.Equal(new byte[] { 0x79, 0x1F }, reply);

            // Nothing waiting: a read times out with what it got.
            var ex = Assert.Throws<LinkTimeoutException>(() => host.ReadExactly(new byte[3], TimeSpan.FromMilliseconds(30)));
            Assert.Equal(0, ex.Received);

            // Discarded input is gone. Under load socat may pass the bytes on late: then they are read after the discard,
            // which leaves the input empty again, and the next round waits longer. A discard that does nothing never passes.
            var discarded = false;
            for (var wait = 20; !discarded && wait <= 2000; wait *= 2)
            {
                device.Write(new byte[] { 1, 2, 3 });
                System.Threading.Thread.Sleep(wait);
                host.DiscardInput();
                discarded = host.ReadSome(new byte[8], TimeSpan.FromMilliseconds(30)) == 0;
                if (!discarded) host.ReadSome(new byte[8], TimeSpan.FromMilliseconds(wait));
            }
            Assert.True(discarded, "input written before DiscardInput was still read after it");
        }

        [Fact]
        public void A_closed_link_says_so_and_the_port_can_be_opened_again()
        {
            using var pty = new SocatPair();
            var settings = new SerialLinkSettings(pty.HostEnd, 115200, SerialParity.None);
            var host = SerialLinks.OpenPort(settings);
            host.Dispose();
            Assert.Throws<LinkClosedException>(() => host.Write(new byte[] { 1 }));
            Assert.Throws<LinkClosedException>(() => host.ReadSome(new byte[1], TimeSpan.FromMilliseconds(10)));
            using var again = SerialLinks.OpenPort(settings);
            using var device = PosixTtyLink.Open(new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            again.Write(new byte[] { 42 });
            Assert.Equal(42, device.ReadByte(TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public void Pacing_delivers_answers_no_sooner_than_the_line_would()
        {
            var (a, b) = DuplexPipe.Create();
            using var device = new PacedLink(new StreamLink(b, "device"), 9600, 11);
            using var host = new StreamLink(a, "host");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            host.Write(new byte[50]);
            device.ReadExactly(new byte[50], TimeSpan.FromSeconds(5));
            device.Write(new byte[50]);
            host.ReadExactly(new byte[50], TimeSpan.FromSeconds(5));
            // 100 bytes of 11 bits at 9600 baud: at least 114.6 ms on the line.
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(114), $"{watch.Elapsed.TotalMilliseconds:F1} ms");
            Assert.Equal(872, device.BytesPerSecond);
        }
    }
}
