using System.Linq;
using System;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>A simulated device served by the USART bootloader server on one end of an in-memory pipe; the host gets the other end.</summary>
    public sealed class ServedDevice : IDisposable
    {
        public ServedDevice(string device, SimulatorOptions? options = null, UsartProfile? profile = null)
            : this(DeviceCatalog.Get(device), options, profile)
        {
        }

        public ServedDevice(DeviceInfo device, SimulatorOptions? options = null, UsartProfile? profile = null,
            Func<IByteLink, IByteLink>? deviceEnd = null, Func<IByteLink, IByteLink>? hostEnd = null)
        {
            var (a, b) = DuplexPipe.Create();
            // Without options, a bootloader that lists Get Checksum: the catalog confirms it for no product yet, but the host
            // must handle it where a bootloader has it. Options given serve the product as the catalog describes it.
            options ??= new SimulatorOptions { Checksum = true };
            Target = new SimulatedTarget(device, options);
            IByteLink deviceLink = new StreamLink(b, "device end");
            IByteLink hostLink = new StreamLink(a, "host end");
            Server = new UsartBootloaderServer(Target, deviceEnd?.Invoke(deviceLink) ?? deviceLink, profile);
            Server.Start();
            Line = new FaultyLink(hostEnd?.Invoke(hostLink) ?? hostLink);
        }

        /// <summary>A device at 115200 baud 8E1 behind a USB-serial adapter whose latency timer is 16 ms (an FTDI chip's default).</summary>
        public static ServedDevice BehindUsbAdapter(string device) => new ServedDevice(DeviceCatalog.Get(device),
            deviceEnd: link => new PacedLink(link, 115200),
            hostEnd: link => new LatencyTimerLink(link, TimeSpan.FromMilliseconds(16), 115200 / 11));

        /// <summary>A device whose end of the line is a <see cref="LineFaultLink"/> (<see cref="Faults"/>), for tests that arm one fault on the line.</summary>
        public static ServedDevice BehindLineFaults(string device, SimulatorOptions? options = null)
        {
            LineFaultLink? faults = null;
            var served = new ServedDevice(DeviceCatalog.Get(device), options, deviceEnd: link => faults = new LineFaultLink(link));
            served.Faults = faults;
            return served;
        }

        /// <summary>The device's end of the line, when it was made by <see cref="BehindLineFaults"/>.</summary>
        public LineFaultLink? Faults { get; private set; }

        public SimulatedTarget Target { get; }

        /// <summary>
        /// The number of the simulated device's operation <paramref name="n"/> counted from after connecting: the host's
        /// connect reads the flash-size register and each word of layout option bits first, each twice (until two reads agree).
        /// </summary>
        public static long AfterConnect(string device, long n)
        {
            var d = DeviceCatalog.Get(device).Definition!;
            return n + 2 * ((d.FlashSizeRegister is null ? 0 : 1) + d.OptionBits.Select(b => b.Address).Distinct().Count());
        }

        public SimulatedDevice Simulation => Target.Simulation;

        public UsartBootloaderServer Server { get; }

        /// <summary>The host's end of the line.</summary>
        public FaultyLink Line { get; }

        /// <summary>Short timeouts so that tests of silence take milliseconds.</summary>
        public static UsartOptions FastOptions(int retries = 3) => new UsartOptions
        {
            AnswerTimeout = TimeSpan.FromMilliseconds(150),
            WriteTimeout = TimeSpan.FromMilliseconds(150),
            EraseTimeout = TimeSpan.FromMilliseconds(300),
            ProtectTimeout = TimeSpan.FromMilliseconds(300),
            RestartTime = TimeSpan.FromMilliseconds(500),
            Retries = retries,
        };

        public UsartBootloaderTarget Connect(UsartOptions? options = null) => UsartBootloaderTarget.Connect(Line, options ?? FastOptions());

        public UsartBootloader Bootloader(UsartOptions? options = null) => new UsartBootloader(Line, options ?? FastOptions());

        public void Dispose()
        {
            Line.Dispose();
            Server.Stop();
        }
    }
}
