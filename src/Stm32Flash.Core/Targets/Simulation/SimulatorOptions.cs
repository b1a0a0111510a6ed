using System;
using System.Collections.Generic;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Simulation
{
    /// <summary>How a <see cref="SimulatedTarget"/> behaves: which interface it emulates, how fast it is, what goes wrong.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>The interface whose limits (largest write and read) the simulator enforces.</summary>
        public TargetInterface Interface { get; set; } = TargetInterface.Usart;

        /// <summary>
        /// Strict (the default) reports every broken flash rule as an error. Off, the simulator does what a real bootloader
        /// does where that is silent: a write to a write-protected page or one that covers part of a programming unit is
        /// acknowledged and programs nothing.
        /// </summary>
        public bool Strict { get; set; } = true;

        /// <summary>The target offers the bootloader's Get Checksum (0xA1). Off, verification falls back to reading back.</summary>
        public bool Checksum { get; set; } = true;

        /// <summary>Link speed for pacing, in bytes per second; 0 (the default) does not pace.</summary>
        public int BytesPerSecond { get; set; }

        /// <summary>Added to every transaction when pacing (a USB-serial adapter's latency timer, an ACK round trip).</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>Faults to inject, by operation number.</summary>
        public IList<SimulatedFault> Faults { get; } = new List<SimulatedFault>();

        /// <summary>Adds a fault and returns the options, for chaining in scripts.</summary>
        public SimulatorOptions WithFault(long atOperation, FaultKind kind, int count = 1)
        {
            Faults.Add(new SimulatedFault(atOperation, kind, count));
            return this;
        }
    }
}
