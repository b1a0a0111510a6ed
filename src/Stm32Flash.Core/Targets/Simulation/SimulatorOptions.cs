using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Simulation
{
    /// <summary>How a <see cref="SimulatedTarget"/> behaves: which interface it emulates, how fast it is, what goes wrong.</summary>
    public sealed class SimulatorOptions
    {
        private int _retries = RetryPolicy.DefaultRetries;

        /// <summary>The interface whose limits (largest write and read) the simulator enforces.</summary>
        public TargetInterface Interface { get; set; } = TargetInterface.Usart;

        /// <summary>
        /// Strict (the default) reports every broken flash rule as an error. Off, the simulator does what a real bootloader
        /// does where that is silent: a write to a write-protected page or one that covers part of a programming unit is
        /// acknowledged and programs nothing.
        /// </summary>
        public bool Strict { get; set; } = true;

        /// <summary>
        /// Get Checksum (0xA1): true lists it, false leaves it out (verification then reads back). Left null, a simulator
        /// served on a port lists it where the catalog says the product's bootloader does, and the in-process simulator
        /// offers it.
        /// </summary>
        public bool? Checksum { get; set; }

        /// <summary>
        /// Makes the simulated chip's 96-bit unique device ID (the same seed, the same ID); null (the default): each simulated
        /// chip of the process gets the next seed, so several simulated boards have different IDs.
        /// </summary>
        public int? UniqueIdSeed { get; set; }

        /// <summary>Link speed for pacing, in bytes per second; 0 (the default) does not pace.</summary>
        public int BytesPerSecond { get; set; }

        /// <summary>Added to every transaction when pacing (a USB-serial adapter's latency timer, an ACK round trip).</summary>
        public TimeSpan Latency { get; set; } = TimeSpan.Zero;

        /// <summary>
        /// The flash the simulated chip has fitted, in bytes (its flash-size register says so, and it refuses writes past it);
        /// null: as the device given (a catalog name: the largest; a part number such as STM32G474RB: its size).
        /// </summary>
        public long? FlashSize { get; set; }

        /// <summary>Layout option bits of the simulated chip, by name (DBANK = 0 for a single-bank L552); the rest keep their factory value.</summary>
        public IDictionary<string, int> OptionBits { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The chip these options describe: <paramref name="device"/> with <see cref="FlashSize"/> and <see cref="OptionBits"/> applied.</summary>
        public DeviceInfo ChipFor(DeviceInfo device)
        {
            if (device is null) throw new ArgumentNullException(nameof(device));
            if (FlashSize is null && OptionBits.Count == 0) return device;
            var definition = device.Definition ?? throw new ArgumentException(
                $"{device.Name} was not made from a catalog entry, so its flash size and option bits cannot be changed.", nameof(device));
            var bits = new Dictionary<string, int>(device.OptionBitValues.ToDictionary(b => b.Key, b => b.Value), StringComparer.OrdinalIgnoreCase);
            foreach (var b in OptionBits)
            {
                if (b.Value != 0 && b.Value != 1) throw new ArgumentException($"Option bit {b.Key} is 0 or 1, not {b.Value}.", nameof(OptionBits));
                bits[b.Key] = b.Value;
            }
            var size = FlashSize ?? device.FlashSize;
            var chip = definition.Resolve(size, bits, "");
            return definition.Resolve(size, bits,
                $"simulated chip: {size / 1024} KiB of flash" + (bits.Count == 0 ? "" : ", " + string.Join(", ", bits.Select(b => $"{b.Key}={b.Value}"))) + $" ({chip.Layout})");
        }

        /// <summary>
        /// The bootloader refuses (NACK) reads of the flash-size register and the option bytes, as some do: a host then
        /// cannot learn the chip's flash size or bank mode and has to assume the catalog's default.
        /// </summary>
        public bool RefuseLayoutReads { get; set; }

        /// <summary>
        /// Further attempts at a transfer or erase after a transient fault (drop, NACK, BUSY), by <see cref="RetryPolicy"/>, as
        /// the USART host makes them (<see cref="Usart.UsartOptions.Retries"/>). A served simulator leaves retrying to its host.
        /// </summary>
        public int Retries
        {
            get => _retries;
            set => _retries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Retries), value, "Retries cannot be negative.");
        }

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
