using System;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A simulated device served as its USART bootloader on a serial device (for example one end of a socat pseudo-terminal
    /// pair), so that real clients such as stm32flash, or Connect-Stm32 -Port, can talk to it. Optionally paced like a
    /// line at a baud rate with 8E1 framing (11 bits per byte), with a latency before each answer.
    /// </summary>
    public sealed class UsartSimulator : IDisposable
    {
        private readonly UsartBootloaderServer _server;
        private readonly SimulatedTarget _target;

        private UsartSimulator(SimulatedTarget target, IByteLink link, string port, int baudRate, bool paced, TimeSpan latency, UsartProfile? profile)
        {
            _target = target;
            Port = port;
            BaudRate = baudRate;
            Paced = paced;
            Latency = latency;
            IByteLink served = paced || latency > TimeSpan.Zero ? new PacedLink(link, paced ? baudRate : 0, 11, latency) : link;
            _server = new UsartBootloaderServer(target, served, profile);
            Link = served.Description;
            StartedAt = DateTime.Now;
        }

        /// <summary>Serves <paramref name="target"/> on <paramref name="link"/>; the simulator owns both from then on.</summary>
        public static UsartSimulator Start(SimulatedTarget target, IByteLink link, string port, int baudRate = 115200, bool paced = false,
            TimeSpan latency = default, UsartProfile? profile = null)
        {
            if (target is null) throw new ArgumentNullException(nameof(target));
            if (link is null) throw new ArgumentNullException(nameof(link));
            var simulator = new UsartSimulator(target, link, port, baudRate, paced, latency, profile);
            simulator._server.Start();
            return simulator;
        }

        /// <summary>Opens the port (raw termios on Linux) and serves a new simulated <paramref name="device"/> on it.</summary>
        public static UsartSimulator Start(DeviceInfo device, SerialLinkSettings port, SimulatorOptions? options = null, bool paced = false,
            TimeSpan latency = default, UsartProfile? profile = null)
        {
            if (device is null) throw new ArgumentNullException(nameof(device));
            if (port is null) throw new ArgumentNullException(nameof(port));
            var simulatorOptions = options ?? new SimulatorOptions();
            if (simulatorOptions.BytesPerSecond > 0 || simulatorOptions.Latency > TimeSpan.Zero)
                throw new ArgumentException("Pace a served simulator with its baud rate and latency, not with SimulatorOptions.BytesPerSecond or Latency.", nameof(options));
            simulatorOptions.Interface = TargetInterface.Usart;
            var target = new SimulatedTarget(device, simulatorOptions);
            var link = SerialLinks.OpenDeviceSide(port);
            return Start(target, link, port.Port, port.BaudRate, paced, latency, profile);
        }

        public DeviceInfo Device => _target.Device;

        /// <summary>The serial device the simulator answers on.</summary>
        public string Port { get; }

        public int BaudRate { get; }

        /// <summary>Bytes are delivered at the baud rate's pace (11 bits per byte); otherwise as fast as the port moves them.</summary>
        public bool Paced { get; }

        /// <summary>Added before each answer.</summary>
        public TimeSpan Latency { get; }

        /// <summary>The link as served, e.g. "/dev/pts/3 at 115200 8N1, paced at 115200 baud (11 bits per byte)".</summary>
        public string Link { get; }

        public UsartProfile Profile => _server.Profile;

        public UsartServerStatistics Statistics => _server.Statistics;

        /// <summary>The memory model: flash contents, protection, where Go jumped.</summary>
        public SimulatedDevice Simulation => _target.Simulation;

        public bool IsRunning => _server.IsRunning;

        /// <summary>Why the simulator stopped on its own, if it did: the error's message.</summary>
        public string? Failure => _server.Failure?.Message;

        /// <summary>The error the simulator stopped on by itself, if it did.</summary>
        public Exception? GetFailure() => _server.Failure;

        /// <summary>The simulated target behind the protocol: its operation count, faults, capabilities.</summary>
        public SimulatedTarget GetTarget() => _target;

        public DateTime StartedAt { get; }

        /// <summary>Trace of the server; called on its thread.</summary>
        public Action<TargetLogLevel, string>? Log
        {
            get => _server.Log;
            set => _server.Log = value;
        }

        /// <summary>Resets the simulated device with BOOT0 high: it comes back in the bootloader, waiting for 0x7F.</summary>
        public void ResetDevice() => _server.ResetDevice();

        public void Stop()
        {
            _server.Stop();
            _target.Dispose();
        }

        public void Dispose() => Stop();

        public override string ToString() => $"simulated {Device.Name} on {Link}";
    }
}
