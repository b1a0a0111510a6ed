using System;
using System.Threading;
using Stm32Flash.Commands;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash
{
    /// <summary>A connection to one device, as Connect-Stm32 returns it. The device cmdlets use the current one unless given -Session.</summary>
    public sealed class Session : IDisposable
    {
        private static int _lastId;
        private ITarget? _target;
        private DeviceInfo _device;

        internal Session(ITarget target, TargetMessages? messages = null)
        {
            _target = target ?? throw new ArgumentNullException(nameof(target));
            Messages = messages ?? new TargetMessages(target.Description);
            target.Log = Messages.Add;
            if (target is CubeProgrammerTarget library)
            {
                Messages.Source = "CubeProgrammer_API";
                library.Progress = Messages.SetProgress;
            }
            else
            {
                Messages.Source = target.Description;
            }
            Id = Interlocked.Increment(ref _lastId);
            _device = target.Device;
            Interface = target.Interface;
            Description = target.Description;
            Connection = target switch
            {
                SimulatedTarget _ => "simulated",
                UsartBootloaderTarget usart => $"{usart.LinkDescription}, protocol {usart.Bootloader.Version}",
                CubeProgrammerTarget cube => $"CubeProgrammer_API {cube.ConnectOptions.Describe()}",
                Targets.Dfu.UsbDfuTarget usb => $"libusb {usb.Usb.Path} serial {usb.Usb.SerialNumber}",
                _ => target.Description,
            };
            ConnectedAt = DateTime.Now;
        }

        public int Id { get; }

        /// <summary>The chip as the target knows it now: its layout changes when an option-byte write switches the bank mode.</summary>
        public DeviceInfo Device => _target?.Device ?? _device;

        public TargetInterface Interface { get; }

        public string Description { get; }

        /// <summary>How the device is reached, without the device and interface: the line, the library's settings, or "simulated".</summary>
        public string Connection { get; }

        public DateTime ConnectedAt { get; }

        /// <summary>The flash the chip has and its layout, e.g. "512 KiB dual bank"; "(assumed)" where the option bits could not be read.</summary>
        public string Flash => $"{(Device.FlashSize % (1024 * 1024) == 0 ? $"{Device.FlashSize / (1024 * 1024)} MiB" : $"{Device.FlashSize / 1024} KiB")}{(Device.Layout is null ? "" : " " + Device.Layout.Name)}{(Device.AssumedOptionBits.Count > 0 ? " (assumed)" : "")}";

        /// <summary>How the flash size and layout were found: read from the chip (which registers), or the catalog's default and why.</summary>
        public string? LayoutOrigin => Device.LayoutOrigin;

        public bool IsConnected => _target != null;

        public TargetCapabilities? Capabilities => _target?.Capabilities;

        /// <summary>
        /// How the last Write-Stm32Memory on this session ended when it failed or was stopped (Ctrl+C): where, why, and the
        /// ranges already erased, written and verified. Null after a write that completed.
        /// </summary>
        public WriteFailure? LastFailure { get; internal set; }

        /// <summary>
        /// Reads the chip's 96-bit unique device ID (one 12-byte read at the catalog's address). Where the catalog has no
        /// address for the device or the chip refuses the read, the reading has no ID and says why.
        /// </summary>
        public UniqueIdReading ReadUniqueId() =>
            DeviceIdentity.ReadUniqueId(_target ?? throw new InvalidOperationException($"Session {Id} is disconnected; connect again to read the unique device ID."));

        /// <summary>The backend behind the session (a method, not a property: it is a live connection, not data); null once disconnected.</summary>
        public ITarget? GetTarget() => _target;

        /// <summary>The target's messages and progress, queued until a cmdlet writes them on the pipeline thread.</summary>
        internal TargetMessages Messages { get; }

        public void Dispose()
        {
            var target = Interlocked.Exchange(ref _target, null);
            if (target is null) return;
            _device = target.Device;
            target.Dispose();
        }

        public override string ToString() => $"Session {Id}: {Description}{(IsConnected ? "" : " (disconnected)")}";
    }
}
