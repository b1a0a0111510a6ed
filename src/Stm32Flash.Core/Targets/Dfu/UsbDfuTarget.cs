using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>
    /// A device's ROM bootloader over USB DFU (DfuSe, AN3156), through libusb-1.0 and nothing else. The catalog device comes
    /// from the flash layout the bootloader reports (or is named and checked against it). Memory is reached through the
    /// alternate setting whose sectors hold it; pages are erased by address; Go is DfuSe's leave (the device jumps and
    /// leaves the bus). A stalled request is cleared (CLRSTATUS/ABORT) and tried again; a block that may have been
    /// programmed is read back first, as flash cannot take it twice.
    /// </summary>
    public sealed class UsbDfuTarget : ITarget, ICancellableTarget
    {
        private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(10);

        private readonly UsbDfuOptions _options;
        private LibUsbContext _context;
        private DfuSeProtocol _dfu;
        private readonly RetryPolicy _retry;
        private Action<TargetLogLevel, string>? _log;
        private int _alternate = -1;
        private bool _gone;
        private volatile bool _interrupted;

        private UsbDfuTarget(LibUsbContext context, DfuSeProtocol dfu, UsbDfuDevice usb, DeviceInfo device, LibUsbLibrary library, UsbDfuOptions options)
        {
            _options = options;
            _context = context;
            _dfu = dfu;
            Usb = usb;
            Device = device;
            Library = library;
            _retry = new RetryPolicy(options.Retries);
            var flash = usb.Flash!;
            Capabilities = new TargetCapabilities
            {
                MaxWrite = dfu.TransferSize,
                MaxRead = dfu.TransferSize,
                CanChecksum = false,
                CanErasePages = flash.Sectors.Any(s => s.Erasable),
                CanEraseBank = false,
                CanMassErase = true,
                CanGo = true,
                CanReset = false,
                CanReadoutProtect = true,
                CanWriteProtect = false,
                CanReadOptionBytes = usb.Alternates.Any(a => a.Sectors.Any(s => s.Readable) && device.OptionByteAreas.Any(o => a.Contains(o.Start, 4))),
                CanWriteOptionBytes = device.OptionByteAreas.Count > 0
                    && device.OptionByteAreas.All(o => usb.Alternates.Any(a => a.Contains(o.Start, (int)o.Length) && a.Sectors.Where(s => s.EndAddress > o.Start && s.Address < o.End).All(s => s.Writable))),
            };
        }

        /// <summary>Finds the device through libusb, opens it, reads its state (clearing an error left behind) and picks the catalog device.</summary>
        public static UsbDfuTarget Connect(UsbDfuOptions? options = null, DeviceInfo? device = null, Action<TargetLogLevel, string>? log = null)
        {
            options ??= new UsbDfuOptions();
            var library = LibUsbLibrary.Load(options.LibraryPath);
            var context = new LibUsbContext(library);
            DfuSeProtocol? dfu = null;
            try
            {
                var handle = context.Open(options.Filter, out var usb);
                var transfer = usb.TransferSize > 0 ? usb.TransferSize : 1024;
                dfu = new DfuSeProtocol(handle, transfer) { Trace = text => log?.Invoke(TargetLogLevel.Verbose, text) };
                var flash = usb.Flash ?? throw new TargetException(TargetErrorKind.NotSupported, "connect",
                    $"{usb} describes no flash in its alternate settings ({string.Join("; ", usb.Alternates.Select(a => a.Text))}).", null, null, "It is not a DfuSe bootloader.");
                log?.Invoke(TargetLogLevel.Verbose, $"Opened {usb} through {library.Path}: DFU {usb.DfuVersion >> 8}.{usb.DfuVersion & 0xFF:X2}, transfer size {transfer}, " +
                    $"alternate settings: {string.Join("; ", usb.Alternates.Select(a => $"{a.Alternate} {a.Text.Trim()}"))}.");
                string? note = null;
                var chip = device != null ? DfuSeCatalog.Check(device, flash) : DfuSeCatalog.Pick(usb, out note);
                if (note != null) log?.Invoke(TargetLogLevel.Warning, note);
                var target = new UsbDfuTarget(context, dfu, usb, chip, library, options) { Log = log };
                target.SelectAlternate(flash.Alternate);
                var status = dfu.EnsureIdle();
                log?.Invoke(TargetLogLevel.Verbose, $"{target.Description}: {status}.");
                return target;
            }
            catch
            {
                dfu?.Dispose();
                context.Dispose();
                throw;
            }
        }

        /// <summary>The chip as found at connect, and again after an option-byte write or a readout unprotect (a bank-mode bit may change its layout).</summary>
        public DeviceInfo Device { get; private set; }

        public TargetInterface Interface => TargetInterface.Dfu;

        public string Description => $"{Device.Name} over USB DFU {Usb.Path} (serial {Usb.SerialNumber})";

        public TargetCapabilities Capabilities { get; }

        /// <summary>The USB device as libusb found it (again after a reset).</summary>
        public UsbDfuDevice Usb { get; private set; }

        public LibUsbLibrary Library { get; }

        /// <summary>Control transfers made since connecting.</summary>
        public long Requests => _dfu.Requests;

        /// <summary>Transfers tried again after a stall or a timeout since connecting.</summary>
        public int Retries { get; private set; }

        public Action<TargetLogLevel, string>? Log
        {
            get => _log;
            set => _log = value;
        }

        public void Read(uint address, Span<byte> destination)
        {
            if (destination.Length == 0) return;
            var length = destination.Length;
            var buffer = new byte[length];
            Run("UPLOAD", address, length, memory => _dfu.Read(address, buffer, length), readable: true);
            buffer.CopyTo(destination);
        }

        public void Write(uint address, ReadOnlySpan<byte> data)
        {
            if (data.Length == 0) return;
            if (data.Length > Capabilities.MaxWrite)
                throw new TargetException(TargetErrorKind.Refused, "DNLOAD", $"{data.Length} bytes at once; a DNLOAD carries at most {Capabilities.MaxWrite} (wTransferSize).", address);
            var bytes = data.ToArray();
            var memory = MemoryFor(address, bytes.Length, "DNLOAD", s => s.Writable);
            SelectAlternate(memory.Alternate);
            _retry.Run(() => _dfu.Write(address, bytes, bytes.Length, "DNLOAD"), (failure, attempt) =>
            {
                Retries++;
                Trace($"DNLOAD at 0x{address:X8}: {failure.DeviceReply}; trying again ({attempt} of {_retry.Retries})");
                _dfu.EnsureIdle();
                return NeedsResend(address, bytes, failure);
            });
        }

        public void ErasePages(IReadOnlyList<int> pageNumbers)
        {
            if (pageNumbers is null || pageNumbers.Count == 0) throw new ArgumentException("No pages to erase.", nameof(pageNumbers));
            var pages = pageNumbers.Select(n => Device.Flash.PageByNumber(n)
                ?? throw new TargetException(TargetErrorKind.Refused, "Erase", $"{Device.Name} has no {Device.Flash.UnitName} {n}.")).ToList();
            foreach (var page in pages)
            {
                var memory = MemoryFor(page.Address, 1, "Erase", s => s.Erasable);
                SelectAlternate(memory.Alternate);
                Run("Erase", page.Address, 0, _ => _dfu.ErasePage(page.Address), readable: false);
            }
        }

        public void EraseBank(int bank) =>
            throw new TargetException(TargetErrorKind.NotSupported, "Erase", "DfuSe has no bank erase.", null, null, "Erase the bank's pages, or the whole flash with a mass erase.");

        public void MassErase()
        {
            SelectAlternate(Usb.Flash!.Alternate);
            Run("Mass Erase", null, 0, _ => _dfu.MassErase(), readable: false);
        }

        public uint Checksum(uint address, int length) =>
            throw new TargetException(TargetErrorKind.NotSupported, "Checksum", "USB DFU has no checksum command.", address, null, "Verify by reading back (UPLOAD).");

        /// <summary>DfuSe leave: the device sets the address pointer, manifests and jumps to the application at <paramref name="address"/>; it leaves the bus.</summary>
        public void Go(uint address)
        {
            RequireConnected("Leave");
            SelectAlternate(Usb.Flash!.Alternate);
            _dfu.EnsureIdle();
            _dfu.Leave(address);
            _gone = true;
            Trace($"left DFU mode: jumped to 0x{address:X8}");
        }

        public void Reset() =>
            throw new TargetException(TargetErrorKind.NotSupported, "Reset", "The DfuSe bootloader has no reset request.", null, null,
                "Run the application with Start-Stm32 (DfuSe leave), or reset the board with its NRST pin or power.");

        public void ReadoutProtect() =>
            throw new TargetException(TargetErrorKind.NotSupported, "Readout Protect", "DfuSe has no readout-protect command (AN3156 offers only Read Unprotect).", null, null,
                "Set the RDP option byte instead: Set-Stm32OptionByte RDP with the product's level 1 value (Get-Stm32OptionByte shows the levels).");

        /// <summary>DfuSe Read Unprotect (0x92): the device mass-erases, clears readout protection and resets; the target connects to it again.</summary>
        public void ReadoutUnprotect()
        {
            RequireConnected("Read Unprotect");
            SelectAlternate(Usb.Flash!.Alternate);
            _dfu.EnsureIdle();
            _dfu.ReadUnprotect();
            Trace("Read Unprotect sent: the device erases its flash and resets");
            Reconnect("Read Unprotect");
        }

        public void WriteProtect(IReadOnlyList<int> sectorNumbers) =>
            throw new TargetException(TargetErrorKind.NotSupported, "Write Protect", "DfuSe has no write-protect commands (AN3156).", null, null,
                "Set the write-protection option bytes instead with Set-Stm32OptionByte (Get-Stm32OptionByte lists them).");

        public void WriteUnprotect() => WriteProtect(Array.Empty<int>());

        /// <summary>
        /// DNLOAD to the option bytes' alternate setting (AN3156): the device programs them and resets, leaving the bus; the
        /// target then finds it again by its serial number and path and connects anew.
        /// </summary>
        public void WriteOptionBytes(uint address, ReadOnlySpan<byte> data)
        {
            var range = AddressRange.FromLength(address, data.Length);
            if (!Capabilities.CanWriteOptionBytes || data.Length == 0 || data.Length > Capabilities.MaxWrite || !Device.IsOptionBytes(range))
            {
                throw new TargetException(TargetErrorKind.Refused, "Write Option Bytes",
                    $"{data.Length} bytes at 0x{address:X8}: option bytes are written within one of {Device.Name}'s option-byte areas ({AddressRange.Describe(Device.OptionByteAreas)}) " +
                    $"that the device's alternate settings describe as writable ({string.Join("; ", Usb.Alternates.Select(a => a.Text.Trim()))}).", address);
            }
            var memory = MemoryFor(address, data.Length, "Write Option Bytes", s => s.Writable);
            SelectAlternate(memory.Alternate);
            var bytes = data.ToArray();
            try
            {
                _dfu.EnsureIdle();
                _dfu.Write(address, bytes, bytes.Length, "Write Option Bytes");
            }
            catch (LibUsbTransferException ex) when (ex.Kind == TargetErrorKind.Disconnected || ex.Code == -9 || ex.Code == -1)
            {
                Trace($"option bytes at 0x{address:X8}: the device reset ({ex.DeviceReply}), as it does to load them");
            }
            Reconnect("Write Option Bytes");
        }

        // The device reset and comes back on the bus: open it again by its serial number and path.
        private void Reconnect(string operation)
        {
            _dfu.Dispose();
            _context.Dispose();
            _alternate = -1;
            var filter = new UsbDfuFilter { VendorId = Usb.VendorId, ProductId = Usb.ProductId, SerialNumber = Usb.SerialNumber };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                var context = new LibUsbContext(Library);
                try
                {
                    var handle = context.Open(filter, out var usb);
                    _context = context;
                    _dfu = new DfuSeProtocol(handle, _dfu.TransferSize) { Trace = _dfu.Trace };
                    _gone = false;
                    Usb = usb;
                    if (usb.Flash != null) Device = DfuSeCatalog.Check(Device, usb.Flash);
                    SelectAlternate(usb.Flash?.Alternate ?? 0);
                    _dfu.EnsureIdle();
                    Trace($"connected again after {clock.Elapsed.TotalSeconds:0.0} s ({attempt} attempt(s))");
                    return;
                }
                catch (Exception ex) when (ex is UsbDfuNotFoundException || ex is LibUsbTransferException)
                {
                    context.Dispose();
                    if (clock.Elapsed > ReconnectLimit)
                    {
                        _gone = true;
                        throw new TargetException(TargetErrorKind.Disconnected, operation,
                            $"{Description} did not come back on the bus within {ReconnectLimit.TotalSeconds:0} s after it reset: {ex.Message}", null, null,
                            "The option bytes may have changed the boot mode (nBOOT0, BOOT_ADD): start the device in DFU mode again and connect again.", ex);
                    }
                    System.Threading.Thread.Sleep(200);
                }
            }
        }

        /// <summary>Stops the wait for the device in the operation under way (an erase); the next operation waits until the device is done.</summary>
        public void CancelCurrentOperation()
        {
            _interrupted = true;
            _dfu.Cancel();
        }

        public void Dispose()
        {
            _dfu.Dispose();
            _context.Dispose();
        }

        // A transaction by the retry policy: after a stall the device is brought back to dfuIDLE and the transfer sent again.
        private void Run(string operation, uint? address, int length, Action<DfuSeMemory?> transaction, bool readable)
        {
            RequireConnected(operation);
            DfuSeMemory? memory = null;
            if (readable && address.HasValue)
            {
                memory = MemoryFor(address.Value, length, operation, s => s.Readable);
                SelectAlternate(memory.Alternate);
            }
            _retry.Run(() => transaction(memory), (failure, attempt) =>
            {
                Retries++;
                Trace($"{operation}{(address.HasValue ? $" at 0x{address:X8}" : "")}: {failure.DeviceReply}; trying again ({attempt} of {_retry.Retries})");
                _dfu.EnsureIdle();
                return true;
            });
        }

        // After a failed DNLOAD: the block is on the device (done), the flash is still erased (send again), or neither (stop).
        private bool NeedsResend(uint address, byte[] data, TargetException failure)
        {
            var now = new byte[data.Length];
            _dfu.Read(address, now, now.Length);
            if (now.AsSpan().SequenceEqual(data))
            {
                Trace($"DNLOAD at 0x{address:X8}: {failure.DeviceReply}, but the {data.Length} bytes are on the device; done");
                return false;
            }
            if (Array.TrueForAll(now, b => b == Device.ErasedValue)) return true;
            var first = 0;
            while (now[first] == data[first]) first++;
            throw new TargetException(TargetErrorKind.FlashRule, "DNLOAD",
                $"the block at 0x{address:X8} ({data.Length} bytes) drew {failure.DeviceReply}, and reading it back shows 0x{now[first]:X2} at 0x{address + (uint)first:X8} " +
                $"where the image has 0x{data[first]:X2}; flash cannot be programmed again without an erase, so the block was not re-sent.",
                address + (uint)first, failure.DeviceReply, "The write failed half-way; erase the sector and write again.", failure);
        }

        private DfuSeMemory MemoryFor(uint address, int length, string operation, Func<DfuSeSector, bool> allows)
        {
            RequireConnected(operation);
            var memory = Usb.Alternates.FirstOrDefault(a => a.Contains(address, length));
            if (memory is null)
            {
                throw new TargetException(TargetErrorKind.AddressRefused, operation,
                    $"0x{address:X8}..0x{(ulong)address + (ulong)Math.Max(length, 1):X8} is in no memory the device's alternate settings describe " +
                    $"({string.Join("; ", Usb.Alternates.Select(a => a.Text.Trim()))}).", address);
            }
            var refused = memory.Sectors.FirstOrDefault(s => s.EndAddress > address && s.Address < (ulong)address + (ulong)Math.Max(length, 1) && !allows(s));
            if (refused != null)
            {
                throw new TargetException(TargetErrorKind.AddressRefused, operation,
                    $"{operation} at 0x{address:X8}: the device's sector at 0x{refused.Address:X8} in '{memory.Name}' does not allow it ({refused}).", address);
            }
            return memory;
        }

        private void SelectAlternate(int alternate)
        {
            if (alternate == _alternate) return;
            if (_alternate >= 0) _dfu.EnsureIdle();
            _dfu.SetAlternate(alternate);
            _alternate = alternate;
        }

        private void RequireConnected(string operation)
        {
            _dfu.ResetCancel();
            if (_interrupted && !_gone)
            {
                _interrupted = false;
                var status = _dfu.EnsureIdle();
                Trace($"after the cancelled operation: {status}");
            }
            if (_gone)
                throw new TargetException(TargetErrorKind.Disconnected, operation, $"{Description} has left DFU mode (it jumped to the application or reset).", null, null,
                    "Put the board in DFU mode again (BOOT0 high, reset) and connect again.");
        }

        private void Trace(string text) => _log?.Invoke(TargetLogLevel.Information, $"{Description}: {text}");
    }
}
