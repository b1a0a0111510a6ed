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

        public ServedDevice(DeviceInfo device, SimulatorOptions? options = null, UsartProfile? profile = null)
        {
            var (a, b) = DuplexPipe.Create();
            Target = new SimulatedTarget(device, options);
            Server = new UsartBootloaderServer(Target, new StreamLink(b, "device end"), profile);
            Server.Start();
            Line = new FaultyLink(new StreamLink(a, "host end"));
        }

        public SimulatedTarget Target { get; }

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
