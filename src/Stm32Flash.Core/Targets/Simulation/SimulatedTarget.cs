using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Simulation
{
    /// <summary>
    /// A simulated device behind one interface: the interface's transfer limits, optional pacing and injected faults
    /// in front of a <see cref="SimulatedDevice"/>. Every attempt is one counted operation; transfers, erases and
    /// checksums that meet a transient fault are tried again by the <see cref="RetryPolicy"/>, as the USART host tries them.
    /// </summary>
    public sealed class SimulatedTarget : ITarget
    {
        private readonly object _lock = new object();
        private readonly SimulatorOptions _options;
        private RetryPolicy _retry;
        private bool _disconnected;
        private bool _disposed;

        public SimulatedTarget(DeviceInfo device, SimulatorOptions? options = null)
            : this(new SimulatedDevice((options ?? new SimulatorOptions()).ChipFor(device), (options ?? new SimulatorOptions()).Strict, options?.UniqueIdSeed), options)
        {
        }

        public SimulatedTarget(SimulatedDevice simulation, SimulatorOptions? options = null)
        {
            Simulation = simulation ?? throw new ArgumentNullException(nameof(simulation));
            _options = options ?? new SimulatorOptions();
            _retry = new RetryPolicy(_options.Retries);
            var limits = Device.LimitsFor(_options.Interface);
            Capabilities = new TargetCapabilities
            {
                MaxWrite = limits.MaxWrite,
                MaxRead = limits.MaxRead,
                CanChecksum = _options.Checksum ?? true,
                CanErasePages = true,
                CanEraseBank = Simulation.Info.Definition?.Layouts.Any(l => l.Banks.Count > 1) ?? Device.BankCount > 1,
                CanMassErase = true,
                CanGo = true,
                CanReset = true,
                CanReadoutProtect = true,
                CanWriteProtect = true,
                CanReadOptionBytes = !_options.RefuseLayoutReads,
                CanWriteOptionBytes = true,
            };
        }

        /// <summary>How this simulator was set up.</summary>
        public SimulatorOptions Options => _options;

        /// <summary>The memory model behind the interface.</summary>
        public SimulatedDevice Simulation { get; }

        public DeviceInfo Device => Simulation.Info;

        public TargetInterface Interface => _options.Interface;

        public string Description => $"simulated {Device.Name} over {Interface}";

        public TargetCapabilities Capabilities { get; }

        public Action<TargetLogLevel, string>? Log { get; set; }

        /// <summary>Operations attempted so far (each call is one, whether it succeeded or not).</summary>
        public long OperationCount { get; private set; }

        /// <summary>Bytes moved over the simulated link (written and read data).</summary>
        public long BytesTransferred { get; private set; }

        /// <summary>Transfers and erases tried again after a transient fault (drop, NACK, BUSY) since connecting, as the USART host counts them.</summary>
        public int Retries { get; private set; }

        public void Read(uint address, Span<byte> destination)
        {
            var buffer = new byte[destination.Length];
            Retry(() => ReadOnce(address, buffer));
            buffer.CopyTo(destination);
        }

        private void ReadOnce(uint address, byte[] destination)
        {
            lock (_lock)
            {
                var fault = Begin("Read Memory", address, destination.Length);
                CheckLimit("Read Memory", address, destination.Length, Capabilities.MaxRead, "read");
                if (_options.RefuseLayoutReads) RefuseLayoutRead(AddressRange.FromLength(address, destination.Length));
                Simulation.Read(address, destination);
                if (fault == FaultKind.Corrupt && destination.Length > 0) destination[destination.Length / 2] ^= 0x10;
                BytesTransferred += destination.Length;
            }
        }

        private void RefuseLayoutRead(AddressRange range)
        {
            if (range.Overlaps(Device.OptionBytes) || (Simulation.FlashSizeRegister is AddressRange r && range.Overlaps(r)))
            {
                throw new TargetException(TargetErrorKind.AddressRefused, "Read Memory",
                    $"{range}: this simulated bootloader refuses reads of the option bytes and the flash-size register.", range.Start, "NACK (0x1F)");
            }
        }

        public void Write(uint address, ReadOnlySpan<byte> data)
        {
            var bytes = data.ToArray();
            Retry(() => WriteOnce(address, bytes));
        }

        private void WriteOnce(uint address, byte[] data)
        {
            lock (_lock)
            {
                var fault = Begin("Write Memory", address, data.Length);
                CheckLimit("Write Memory", address, data.Length, Capabilities.MaxWrite, "write");
                CheckWords(address, data.Length);
                if (fault == FaultKind.Corrupt && data.Length > 0)
                {
                    var damaged = (byte[])data.Clone();
                    damaged[damaged.Length / 2] ^= 0x10;
                    Simulation.Write(address, damaged);
                }
                else
                {
                    Simulation.Write(address, data);
                }
                BytesTransferred += data.Length;
            }
        }

        public void ErasePages(IReadOnlyList<int> pageNumbers)
        {
            Retry(() =>
            {
                lock (_lock)
                {
                    Begin("Extended Erase", null, 2 * pageNumbers.Count + 3);
                    if (pageNumbers.Count == 0 || pageNumbers.Count > 0xFFF0)
                        throw new TargetException(TargetErrorKind.Refused, "Extended Erase", $"An erase command takes 1..65520 page numbers, not {pageNumbers.Count}.", null, "NACK (0x1F)");
                    Simulation.ErasePages(pageNumbers);
                    Trace($"erased {Device.Flash.UnitName}s {NumberRuns.Describe(pageNumbers)}");
                }
            });
        }

        public void EraseBank(int bank)
        {
            Retry(() =>
            {
                lock (_lock)
                {
                    Begin("Extended Erase", null, 3);
                    Simulation.EraseBank(bank);
                }
            });
        }

        public void MassErase()
        {
            Retry(() =>
            {
                lock (_lock)
                {
                    Begin("Extended Erase", null, 3);
                    Simulation.MassErase();
                }
            });
        }

        public uint Checksum(uint address, int length)
        {
            uint crc = 0;
            Retry(() =>
            {
                lock (_lock)
                {
                    Begin("Get Checksum", address, 20);
                    if (!Capabilities.CanChecksum)
                        throw new TargetException(TargetErrorKind.NotSupported, "Get Checksum", "This bootloader does not offer Get Checksum (0xA1).", address, "NACK (0x1F)");
                    crc = Simulation.Checksum(address, length);
                }
            });
            return crc;
        }

        public void Go(uint address)
        {
            lock (_lock)
            {
                Begin("Go", address, 5);
                Simulation.Go(address);
            }
        }

        public void Reset()
        {
            lock (_lock)
            {
                Begin("Reset", null, 0);
                Simulation.Reset();
            }
        }

        public void ReadoutProtect()
        {
            lock (_lock)
            {
                Begin("Readout Protect", null, 2);
                Simulation.ReadoutProtect();
            }
        }

        public void ReadoutUnprotect()
        {
            lock (_lock)
            {
                Begin("Readout Unprotect", null, 2);
                Simulation.ReadoutUnprotect();
            }
        }

        public void WriteProtect(IReadOnlyList<int> sectorNumbers)
        {
            lock (_lock)
            {
                Begin("Write Protect", null, sectorNumbers.Count + 2);
                Simulation.WriteProtect(sectorNumbers);
            }
        }

        public void WriteUnprotect()
        {
            lock (_lock)
            {
                Begin("Write Unprotect", null, 2);
                Simulation.WriteUnprotect();
            }
        }

        public void WriteOptionBytes(uint address, ReadOnlySpan<byte> data)
        {
            var range = AddressRange.FromLength(address, data.Length);
            if (!Device.IsOptionBytes(range))
            {
                throw new ArgumentOutOfRangeException(nameof(address),
                    $"{range} is not within one option-byte area of {Device.Name} ({AddressRange.Describe(Device.OptionByteAreas)}).");
            }
            Write(address, data);
        }

        /// <summary>The programmed parts of flash as segments.</summary>
        public IReadOnlyList<Segment> ExportFlash() => Simulation.ExportFlash();

        public void Dispose()
        {
            lock (_lock) _disposed = true;
        }

        // Transfers, erases and checksums go by the retry policy, as the USART host's do; Go, Reset and the protection
        // commands (which restart the device) are tried once, as there.
        private void Retry(Action operation) => _retry.Run(operation, (failure, attempt) =>
        {
            Retries++;
            Trace($"{failure.Operation}: {failure.Message} Trying again ({attempt} of {_retry.Retries}).");
            return true;
        });

        /// <summary>Served on a link, the simulator is the device: it answers each attempt, and the host on the other end retries.</summary>
        internal void ServeOnLink() => _retry = new RetryPolicy(0);

        // Counts the operation, paces it, and applies any fault due now. Returns Corrupt when the data must be damaged.
        private FaultKind? Begin(string operation, uint? address, int bytes)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(SimulatedTarget), "The simulated target was disconnected.");
            var number = ++OperationCount;
            Pace(bytes);
            if (_disconnected)
                throw new TargetException(TargetErrorKind.Disconnected, operation, "the link to the device is gone.", address, null, "The device was unplugged or the port closed; connect again.");
            var fault = _options.Faults.FirstOrDefault(f => f.AppliesTo(number));
            if (fault is null) return null;
            Trace($"operation {number} ({operation}): injected {fault.Kind}");
            switch (fault.Kind)
            {
                case FaultKind.Drop:
                    throw new TargetException(TargetErrorKind.Timeout, operation, $"no answer (operation {number} was lost).", address, null,
                        "Noise on the line, a wrong baud rate or a device that stopped answering.") { Transient = true };
                case FaultKind.Nack:
                    throw new TargetException(TargetErrorKind.Refused, operation, $"the device refused operation {number}.", address, "NACK (0x1F)",
                        NackCauses(operation)) { Transient = true };
                case FaultKind.Busy:
                    throw new TargetException(TargetErrorKind.Busy, operation, $"the device answered BUSY to operation {number}.", address, "BUSY (0x76)",
                        "The device is still erasing or programming; wait longer before polling again.") { Transient = true };
                case FaultKind.Disconnect:
                    _disconnected = true;
                    throw new TargetException(TargetErrorKind.Disconnected, operation, $"the link went away during operation {number}.", address, null,
                        "The device was unplugged or the port closed; connect again.");
                default:
                    return fault.Kind;
            }
        }

        /// <summary>What commonly makes a bootloader NACK this operation.</summary>
        internal static string NackCauses(string operation) => operation switch
        {
            "Write Memory" => "A bootloader NACKs Write Memory for an address outside writable memory or in its own RAM, a block that is not " +
                "whole 32-bit words, flash that was not erased first (or a unit programmed twice), readout protection, or a block damaged on the " +
                "line (bad checksum); a retry after erasing, or with the default padding, usually tells which.",
            "Read Memory" => "A bootloader NACKs Read Memory for an address outside readable memory, more than 256 bytes at once, or readout protection.",
            "Extended Erase" => "A bootloader NACKs an erase for a page number past the end of flash, a write-protected page, readout protection, " +
                "or a bank or mass erase the product does not offer.",
            "Get Checksum" => "A bootloader NACKs Get Checksum for an address or length that is not whole words or runs past memory, readout " +
                "protection, or a product that does not implement it (verification then reads back instead).",
            "Go" => "A bootloader NACKs Go for an address that is not in flash or in RAM the application may use, or under readout protection.",
            _ => "A bootloader NACKs a command it does not offer, any command under readout protection, and a frame damaged on the line.",
        };

        private void CheckLimit(string operation, uint address, int length, int limit, string what)
        {
            if (length <= 0 || length > limit)
            {
                throw new TargetException(TargetErrorKind.Refused, operation,
                    $"a {what} of {length} bytes; {Interface} takes 1..{limit} bytes per {what}.", address, "NACK (0x1F)",
                    $"The host sent more than the interface's largest {what} ({limit} bytes).");
            }
        }

        // The serial bootloaders (AN3155 for USART, the same rule on I2C, SPI and CAN): N+1 bytes, a multiple of 4, written as
        // words, so the address must be word-aligned too. The bootloader NACKs the data block and writes nothing.
        private void CheckWords(uint address, int length)
        {
            if (!Interface.IsSerialBootloader() || ((address | (uint)length) & 3) == 0) return;
            var range = AddressRange.FromLength(address, length);
            var inFlash = Device.Flash.Range.Overlaps(range);
            var what = (length & 3) != 0 ? $"{length} bytes is not a whole number of 32-bit words" : $"0x{address:X8} is not word-aligned";
            throw new TargetException(inFlash ? TargetErrorKind.FlashRule : TargetErrorKind.Refused, "Write Memory",
                $"a write of {length} bytes at 0x{address:X8}: {what}. The {Interface} bootloader takes Write Memory only as whole 32-bit words " +
                "(N+1 a multiple of 4) at a word-aligned address; a real bootloader answers NACK (0x1F) to the data block and writes nothing.",
                address, "NACK (0x1F)",
                inFlash
                    ? $"The data was not padded to whole words: leave -Pad out or give -Pad {Math.Max(4, Device.ProgramUnit)} (the default for {Device.Name} over {Interface})."
                    : "The host sent a RAM block that is not whole words; the bootloaders need the bytes around it read and written back with it.");
        }

        private void Pace(int bytes)
        {
            var ticks = _options.Latency.Ticks;
            if (_options.BytesPerSecond > 0) ticks += (long)bytes * TimeSpan.TicksPerSecond / _options.BytesPerSecond;
            if (ticks <= 0) return;
            var watch = Stopwatch.StartNew();
            var wait = TimeSpan.FromTicks(ticks);
            if (wait > TimeSpan.FromMilliseconds(2)) Thread.Sleep(wait - TimeSpan.FromMilliseconds(1));
            while (watch.Elapsed < wait) Thread.SpinWait(50);
        }

        private void Trace(string text) => Log?.Invoke(TargetLogLevel.Verbose, $"{Description}: {text}");
    }
}
