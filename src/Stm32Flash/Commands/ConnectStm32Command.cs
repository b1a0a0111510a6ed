using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Completion;
using Stm32Flash.Devices;
using Stm32Flash.Serial;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Connects to a device and makes the session current. Each parameter set is one backend, created by its factory in
    /// <see cref="Backends"/>: adding a backend means adding a parameter set and a factory.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Stm32", DefaultParameterSetName = SimulatorSet)]
    [OutputType(typeof(Session))]
    public sealed class ConnectStm32Command : Stm32Cmdlet
    {
        private const string SimulatorSet = "Simulator";
        private const string PortSet = "Port";

        private static readonly Dictionary<string, Func<ConnectStm32Command, ITarget>> Backends = new Dictionary<string, Func<ConnectStm32Command, ITarget>>
        {
            [SimulatorSet] = c => c.CreateSimulator(),
            [PortSet] = c => c.CreateUsart(),
        };

        /// <summary>The catalog device to simulate.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SimulatorSet)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Simulator { get; set; } = "";

        /// <summary>The interface whose limits the simulator emulates.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        public TargetInterface Interface { get; set; } = TargetInterface.Usart;

        /// <summary>Pacing, fault injection and strictness of the simulator.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        [ValidateNotNull]
        public SimulatorOptions? SimulatorOptions { get; set; }

        /// <summary>The serial port of the device's USART bootloader: COM5, /dev/ttyUSB0, or a socat pseudo-terminal.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet)]
        [ArgumentCompleter(typeof(SerialPortCompleter))]
        [ValidateNotNullOrEmpty]
        public string Port { get; set; } = "";

        [Parameter(ParameterSetName = PortSet)]
        [ValidateRange(1200, 1000000)]
        public int BaudRate { get; set; } = 115200;

        /// <summary>Even, as the bootloader expects; None on pseudo-terminals, which carry no parity bit.</summary>
        [Parameter(ParameterSetName = PortSet)]
        public SerialParity Parity { get; set; } = SerialParity.Even;

        /// <summary>How long to wait for each answer of the device, in seconds (also for the ACK after each programmed block).</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ValidateRange(0.01, 600)]
        public double TimeoutSeconds { get; set; }

        /// <summary>Every timeout of the USART host and its retries; -TimeoutSeconds overrides the answer and write timeouts.</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ValidateNotNull]
        public UsartOptions? UsartOptions { get; set; }

        /// <summary>The device expected on the port; by default the one the catalog lists for the product ID the device reports.</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Device { get; set; }

        protected override void ProcessRecord()
        {
            var target = Backends[ParameterSetName](this);
            var session = new Session(target);
            SessionRegistry.Add(session);
            WriteVerbose($"Connected: {session} ({target.Capabilities}).");
            WriteObject(session);
        }

        private ITarget CreateSimulator()
        {
            var device = DeviceCatalog.Find(Simulator);
            if (device is null)
            {
                Fail("DeviceNotFound", ErrorCategory.ObjectNotFound, Simulator,
                    $"Unknown device '{Simulator}'. Known devices: {string.Join(", ", DeviceCatalog.All.Select(d => d.Name))}.");
            }
            var options = SimulatorOptions ?? new SimulatorOptions();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Interface)) || SimulatorOptions is null) options.Interface = Interface;
            if (!device!.Limits.ContainsKey(options.Interface))
            {
                Fail("InterfaceNotOffered", ErrorCategory.InvalidArgument, options.Interface,
                    $"{device.Name}'s bootloader offers no {options.Interface} interface; it has {string.Join(", ", device.Interfaces)}.");
            }
            return new SimulatedTarget(device, options);
        }

        private ITarget CreateUsart()
        {
            DeviceInfo? expected = null;
            if (Device != null)
            {
                expected = DeviceCatalog.Find(Device);
                if (expected is null)
                {
                    Fail("DeviceNotFound", ErrorCategory.ObjectNotFound, Device,
                        $"Unknown device '{Device}'. Known devices: {string.Join(", ", DeviceCatalog.All.Select(d => d.Name))}.");
                }
            }
            var options = UsartOptions?.Clone() ?? new UsartOptions();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSeconds)))
                options.AnswerTimeout = options.WriteTimeout = TimeSpan.FromSeconds(TimeoutSeconds);
            var settings = new SerialLinkSettings(SerialErrors.ResolvePort(this, Port), BaudRate, Parity);
            IByteLink link;
            try
            {
                link = SerialLinks.OpenPort(settings);
            }
            catch (SerialPortUnavailableException ex)
            {
                ThrowTerminatingError(SerialErrors.Unavailable(ex, this, Port));
                throw;
            }
            catch (LinkOpenException ex)
            {
                ThrowTerminatingError(SerialErrors.OpenFailed(ex, Port));
                throw;
            }
            WriteVerbose($"Opened {link.Description}; synchronising with the bootloader.");
            try
            {
                return UsartBootloaderTarget.Connect(link, options, expected);
            }
            catch (UnknownProductException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "DeviceNotInCatalog", ErrorCategory.ObjectNotFound, ex.ProductId)
                {
                    ErrorDetails = new ErrorDetails($"The device on {settings} reports product ID 0x{ex.ProductId:X3} ({ex.Bootloader}), which is not in the catalog. " +
                        $"Known devices: {string.Join(", ", DeviceCatalog.All.Select(d => d.ToString()))}.") { RecommendedAction = ex.LikelyCause },
                });
                throw;
            }
            catch (TargetException ex)
            {
                ThrowTerminatingError(DeviceErrors.FromTarget(ex, ErrorCategory.ConnectionError, Port, $"connecting on {settings}"));
                throw;
            }
        }
    }
}
