using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Arguments;
using Stm32Flash.Completion;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Connects to a device and makes the session current. Each parameter set is one backend, created by its factory in
    /// <see cref="Backends"/>: adding a backend means adding a parameter set and a factory. Factories log to
    /// <see cref="_messages"/>, which becomes the session's message queue.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Stm32", DefaultParameterSetName = SimulatorSet)]
    [OutputType(typeof(Session))]
    public sealed partial class ConnectStm32Command : Stm32Cmdlet
    {
        private const string SimulatorSet = "Simulator";

        private static readonly Dictionary<string, Func<ConnectStm32Command, ITarget>> Backends = new Dictionary<string, Func<ConnectStm32Command, ITarget>>
        {
            [SimulatorSet] = c => c.CreateSimulator(),
            [InterfaceSet] = c => c.ConnectCubeProgrammer(c.InterfaceOptions()),
            [ConnectOptionsSet] = c => c.ConnectCubeProgrammer(c.GivenOptions()),
            [PortSet] = c => c.ConnectUsart(),
            [UsbSet] = c => c.ConnectUsb(),
        };

        private readonly TargetMessages _messages = new TargetMessages("Connect-Stm32");

        /// <summary>The catalog device to simulate.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SimulatorSet)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Simulator { get; set; } = "";

        /// <summary>The interface whose limits the simulator emulates, or the one CubeProgrammer_API connects through.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        [Parameter(Mandatory = true, ParameterSetName = InterfaceSet)]
        [InterfaceTransformation]
        [ArgumentCompleter(typeof(InterfaceCompleter))]
        public string Interface { get; set; } = nameof(TargetInterface.Usart);

        private TargetInterface SelectedInterface => InterfaceNames.Parse(Interface);

        /// <summary>Pacing, fault injection and strictness of the simulator.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        [ValidateNotNull]
        public SimulatorOptions? SimulatorOptions { get; set; }

        /// <summary>The flash the simulated chip has fitted (128KB for an STM32G474xB); left out, as the name says or the largest.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        [AddressTransformation(Maximum = 0x1_0000_0000L)]
        [ValidateRange(1024, 0x1_0000_0000L)]
        public long FlashSize { get; set; }

        /// <summary>Layout option bits of the simulated chip, e.g. @{ DBANK = 0 } for a single-bank STM32L552.</summary>
        [Parameter(ParameterSetName = SimulatorSet)]
        [ValidateNotNull]
        public System.Collections.Hashtable? OptionBit { get; set; }

        /// <summary>A JSON file of device definitions in the catalog's format, added for this session before connecting (a part the catalog lacks).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DeviceDefinition { get; set; }

        protected override void Begin()
        {
            if (DeviceDefinition is null) return;
            var path = GetUnresolvedProviderPathFromPSPath(DeviceDefinition);
            foreach (var d in DefinitionFiles.Add(this, path)) WriteVerbose($"Added {d} from {path}.");
        }

        protected override void Process()
        {
            var target = Backends[ParameterSetName](this);
            var session = new Session(target, _messages);
            SessionRegistry.Add(session);
            _messages.Complete(this);
            WriteVerbose($"Connected: {session} ({target.Capabilities}).");
            WriteObject(session);
        }

        private ITarget CreateSimulator()
        {
            var device = DeviceCatalog.Find(Simulator);
            if (device is null) Terminate(DeviceErrors.NotFound(Simulator));
            var options = SimulatorOptions ?? new SimulatorOptions();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Interface)) || SimulatorOptions is null) options.Interface = SelectedInterface;
            device = SimulatedChips.Apply(this, device!, options, Bound(nameof(FlashSize)) ? FlashSize : (long?)null, OptionBit);
            WriteVerbose($"Simulating {device.Name}: {device.FlashSize / 1024} KiB of flash, {device.Layout?.ToString() ?? "fixed layout"} ({device.LayoutOrigin}).");
            if (!device!.Offers(options.Interface)) Terminate(DeviceErrors.NotOffered(device, options.Interface));
            return new SimulatedTarget(device, options);
        }
    }
}
