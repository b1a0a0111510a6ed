using System;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Completion;
using Stm32Flash.Devices;
using Stm32Flash.Serial;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Serves a simulated device as its USART bootloader on a serial device (one end of a socat pseudo-terminal pair, or a
    /// real port), on a background thread, until Stop-Stm32Simulator or module removal.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "Stm32Simulator")]
    [OutputType(typeof(UsartSimulator))]
    public sealed class StartStm32SimulatorCommand : Stm32Cmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Device { get; set; } = "";

        /// <summary>The serial device to answer on, e.g. one end of a socat pair: socat pty,raw,echo=0,link=/tmp/dev pty,raw,echo=0,link=/tmp/host</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(SerialPortCompleter))]
        [ValidateNotNullOrEmpty]
        public string Port { get; set; } = "";

        [Parameter]
        [ValidateRange(1200, 1000000)]
        public int BaudRate { get; set; } = 115200;

        /// <summary>Even (the bootloader's 8E1) or None; left out, None on a pseudo-terminal (which carries no parity bit) and Even elsewhere.</summary>
        [Parameter]
        public UsartParity Parity { get; set; } = UsartParity.Even;

        /// <summary>Deliver bytes at the pace of the baud rate with 8E1 framing (11 bits per byte), as a real line would.</summary>
        [Parameter]
        public SwitchParameter Paced { get; set; }

        /// <summary>Added before each answer, in milliseconds (a USB-serial adapter's latency timer is 1 to 16 ms).</summary>
        [Parameter]
        [ValidateRange(0, 10000)]
        public double LatencyMilliseconds { get; set; }

        /// <summary>Strictness, Get Checksum and faults of the simulated device (its pacing comes from -Paced and -LatencyMilliseconds).</summary>
        [Parameter]
        [ValidateNotNull]
        public SimulatorOptions? SimulatorOptions { get; set; }

        /// <summary>The flash the simulated chip has fitted (128KB for an STM32G474xB); left out, as the name says or the largest.</summary>
        [Parameter]
        [AddressTransformation(Maximum = 0x1_0000_0000L)]
        [ValidateRange(1024, 0x1_0000_0000L)]
        public long FlashSize { get; set; }

        /// <summary>Layout option bits of the simulated chip, e.g. @{ DBANK = 0 } for a single-bank STM32L552.</summary>
        [Parameter]
        [ValidateNotNull]
        public System.Collections.Hashtable? OptionBit { get; set; }

        /// <summary>A JSON file of device definitions in the catalog's format, added for this session first.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DeviceDefinition { get; set; }

        protected override void End()
        {
            if (DeviceDefinition is not null) DefinitionFiles.Add(this, GetUnresolvedProviderPathFromPSPath(DeviceDefinition));
            var device = DeviceCatalog.Find(Device);
            if (device is null) Terminate(DeviceErrors.NotFound(Device));
            if (!device!.Offers(TargetInterface.Usart)) Terminate(DeviceErrors.NotOffered(device, TargetInterface.Usart));
            var options = SimulatorOptions ?? new SimulatorOptions();
            device = SimulatedChips.Apply(this, device!, options, MyInvocation.BoundParameters.ContainsKey(nameof(FlashSize)) ? FlashSize : (long?)null, OptionBit);
            if (options.BytesPerSecond > 0 || options.Latency > TimeSpan.Zero)
            {
                FailArgument("InvalidSimulatorOptions", nameof(SimulatorOptions), options,
                    "A served simulator is paced by -Paced (at -BaudRate) and -LatencyMilliseconds; leave BytesPerSecond and Latency of -SimulatorOptions at 0.");
            }
            var port = SerialErrors.ResolvePort(this, Port);
            var settings = new SerialLinkSettings(port, BaudRate, SerialErrors.LineParity(this, Parity, port));
            UsartSimulator simulator;
            try
            {
                simulator = UsartSimulator.Start(device, settings, options, Paced, TimeSpan.FromMilliseconds(LatencyMilliseconds));
            }
            catch (SerialPortUnavailableException ex)
            {
                Terminate(SerialErrors.Unavailable(ex, this, Port));
                return;
            }
            catch (LinkOpenException ex)
            {
                Terminate(SerialErrors.OpenFailed(ex, Port));
                return;
            }
            SimulatorRegistry.Add(simulator);
            WriteVerbose($"Serving {simulator} ({simulator.Profile}).");
            WriteObject(simulator);
        }
    }
}
