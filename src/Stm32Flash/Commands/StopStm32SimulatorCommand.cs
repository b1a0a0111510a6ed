using System.Collections.Generic;
using System.Management.Automation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Commands
{
    /// <summary>Stops served simulators: the given ones, or every one this session started.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "Stm32Simulator")]
    [OutputType(typeof(UsartSimulator))]
    public sealed class StopStm32SimulatorCommand : Stm32Cmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public UsartSimulator[]? InputObject { get; set; }

        /// <summary>Emits each simulator after stopping it (its Simulation still holds the flash).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            foreach (var simulator in InputObject ?? (IEnumerable<UsartSimulator>)SimulatorRegistry.All)
            {
                SimulatorRegistry.Stop(simulator);
                WriteVerbose($"Stopped {simulator} after {simulator.Statistics}.");
                if (simulator.Failure != null)
                    WriteWarning($"{simulator} had stopped on its own before: {simulator.Failure}");
                if (PassThru) WriteObject(simulator);
            }
        }
    }
}
