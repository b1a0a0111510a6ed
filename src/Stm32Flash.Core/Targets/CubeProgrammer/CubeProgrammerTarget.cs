using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Stm32Flash.Devices;
using Stm32Flash.Targets.CubeProgrammer.Interop;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// A device connected through ST's CubeProgrammer_API: SWD/JTAG through an ST-LINK, or a system bootloader over
    /// UART, I2C, SPI, CAN (the latter three through an STLINK-V3 bridge) or USB DFU. Each call is one API call;
    /// writes go to writeMemory exactly as given (the planner aligns, pads, merges and chunks them).
    /// </summary>
    public sealed class CubeProgrammerTarget : ITarget, ICancellableTarget
    {
        private readonly CubeProgrammerLibrary _library;
        private readonly LoadedApi _api;
        private readonly IntPtr _cancelFlag;
        private readonly WriteProtectionAreas? _writeProtection;
        private Action<TargetLogLevel, string>? _log;
        private bool _disposed;
        private int _inCall;
        private int _cancelRequested;

        internal CubeProgrammerTarget(CubeProgrammerLibrary library, LoadedApi api, CubeProgrammerConnectOptions options,
            DeviceInfo device, DeviceGeneralInfo info, TransferLimits limits)
        {
            _library = library;
            _api = api;
            ConnectOptions = options;
            Device = device;
            GeneralInfo = info;
            _log = library.Log;
            var debug = options.Interface == TargetInterface.Swd || options.Interface == TargetInterface.Jtag;
            _writeProtection = WriteProtectionAreas.For(device);
            Capabilities = new TargetCapabilities
            {
                MaxWrite = limits.MaxWrite,
                MaxRead = limits.MaxRead,
                CanChecksum = false,
                CanErasePages = true,
                CanEraseBank = true,
                CanMassErase = true,
                CanGo = true,
                CanReset = debug,
                CanReadoutProtect = !UsesProductState,
                CanWriteProtect = _writeProtection != null,
            };
            // getCancelPointer: a volatile int the library polls during long operations; 1 asks it to stop.
            _cancelFlag = api.Exports.Has("getCancelPointer") ? api.Exports.Get<PointerFn>("getCancelPointer", "cancelling")() : IntPtr.Zero;
            api.Owner = this;
            api.LogSink = (level, text) => _log?.Invoke(level, text);
            api.ProgressSink = (done, total) => Progress?.Invoke(done, total);
        }

        public DeviceInfo Device { get; }

        public TargetInterface Interface => ConnectOptions.Interface;

        public string Description => $"{Device.Name} over {Interface} through CubeProgrammer_API ({ConnectOptions.Describe()})";

        public TargetCapabilities Capabilities { get; }

        /// <summary>The library's messages (and this target's notes). May be called on any of the library's threads.</summary>
        public Action<TargetLogLevel, string>? Log
        {
            get => _log;
            set => _log = value;
        }

        /// <summary>The library's progress (loadBar: done, total; initProgressBar arrives as 0, 0). May be called on any thread.</summary>
        public Action<int, int>? Progress { get; set; }

        public CubeProgrammerConnectOptions ConnectOptions { get; }

        /// <summary>What the library reported about the device at connect time.</summary>
        public DeviceGeneralInfo GeneralInfo { get; }

        public ApiLayout Layout => _library.Layout;

        /// <summary>The library this connection goes through; it can list probes while connected.</summary>
        public CubeProgrammerLibrary Library => _library;

        public string LibraryPath => _library.LibraryPath;

        /// <summary>checkDeviceConnection: whether the library still has the device.</summary>
        public bool IsConnected => !_disposed && Call(() => _api.Exports.Get<IntFn>("checkDeviceConnection", "checking the connection")() == 1);

        private T Call<T>(Func<T> call)
        {
            lock (_api.Gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(CubeProgrammerTarget), $"The connection ({Description}) is closed.");
                _api.BeginCall();
                Volatile.Write(ref _cancelRequested, 0);
                if (_cancelFlag != IntPtr.Zero) Marshal.WriteInt32(_cancelFlag, 0);
                Volatile.Write(ref _inCall, 1);
                try
                {
                    return call();
                }
                finally
                {
                    Volatile.Write(ref _inCall, 0);
                }
            }
        }

        /// <summary>
        /// Sets the library's cancel flag while a call is in progress (without taking the library's lock, which that call
        /// holds). A call that then fails throws <see cref="OperationCanceledException"/>; one that completes stands.
        /// </summary>
        public void CancelCurrentOperation()
        {
            if (Volatile.Read(ref _inCall) == 0) return;
            Volatile.Write(ref _cancelRequested, 1);
            if (_cancelFlag != IntPtr.Zero) Marshal.WriteInt32(_cancelFlag, 1);
        }

        private void Check(int rc, string operation, uint? address = null, string? detail = null)
        {
            if (rc == 0) return;
            if (Volatile.Read(ref _cancelRequested) != 0)
                throw new OperationCanceledException($"{operation}{(detail is null ? "" : " " + detail)} was cancelled; the library returned {CubeProgrammerErrors.Reply(rc)}.");
            throw CubeProgrammerErrors.ToException(rc, operation, Interface, address, detail, _api.LastError, Device);
        }

        public void Read(uint address, Span<byte> destination)
        {
            if (destination.Length == 0) return;
            var buffer = new byte[destination.Length];
            Call(() =>
            {
                var data = IntPtr.Zero;
                try
                {
                    var rc = _api.Exports.Get<ReadMemoryFn>("readMemory", "reading memory")(address, ref data, (uint)buffer.Length);
                    Check(rc, "readMemory", address, $"of {buffer.Length} bytes at 0x{address:X8}");
                    if (data == IntPtr.Zero)
                        throw new TargetException(TargetErrorKind.Protocol, "readMemory", $"readMemory at 0x{address:X8} succeeded but returned no data.", address);
                    Marshal.Copy(data, buffer, 0, buffer.Length);
                }
                finally
                {
                    if (data != IntPtr.Zero) _api.Exports.Get<FreeFn>("freeLibraryMemory", "freeing memory the library allocated")(data);
                }
                return 0;
            });
            buffer.CopyTo(destination);
        }

        public void Write(uint address, ReadOnlySpan<byte> data)
        {
            if (data.Length == 0) return;
            var copy = data.ToArray();
            Call(() =>
            {
                var handle = GCHandle.Alloc(copy, GCHandleType.Pinned);
                try
                {
                    var rc = _api.Exports.Get<WriteMemoryFn>("writeMemory", "writing memory")(address, handle.AddrOfPinnedObject(), (uint)copy.Length);
                    Check(rc, "writeMemory", address, $"of {copy.Length} bytes at 0x{address:X8}");
                }
                finally
                {
                    handle.Free();
                }
                return 0;
            });
        }

        public void ErasePages(IReadOnlyList<int> pageNumbers)
        {
            if (pageNumbers.Count == 0) return;
            var unknown = pageNumbers.Where(n => Device.Flash.PageByNumber(n) is null).ToList();
            if (unknown.Count > 0)
                throw new ArgumentOutOfRangeException(nameof(pageNumbers),
                    $"{Device.Name} has no {Device.Flash.UnitName} numbered {string.Join(", ", unknown)}.");
            EraseNumbers(pageNumbers.Select(n => (uint)n).ToArray(), $"{Device.Flash.UnitName}s {Describe(pageNumbers)}");
        }

        public void EraseBank(int bank)
        {
            var pages = Device.Flash.PagesInBank(bank).Select(p => (uint)p.Number).ToArray();
            if (pages.Length == 0)
                throw new ArgumentOutOfRangeException(nameof(bank), $"{Device.Name} has no bank {bank} (it has {Device.BankCount}).");
            EraseNumbers(pages, $"bank {bank} ({pages.Length} {Device.Flash.UnitName}s)");
        }

        private void EraseNumbers(uint[] numbers, string what) =>
            Call(() =>
            {
                var first = Device.Flash.PageByNumber((int)numbers[0])?.Address;
                Check(_api.Exports.Get<SectorEraseFn>("sectorErase", "erasing pages")(numbers, (uint)numbers.Length, IntPtr.Zero), "sectorErase", first, what);
                return 0;
            });

        private static string Describe(IReadOnlyList<int> numbers) =>
            numbers.Count <= 8 ? string.Join(", ", numbers) : $"{numbers[0]}..{numbers[numbers.Count - 1]} ({numbers.Count})";

        public void MassErase() =>
            Call(() =>
            {
                Check(_api.Exports.Get<MassEraseFn>("massErase", "mass erase")(IntPtr.Zero), "massErase");
                return 0;
            });

        public uint Checksum(uint address, int length) =>
            throw new TargetException(TargetErrorKind.NotSupported, "checksum",
                "CubeProgrammer_API offers no device CRC; verify by reading back.", address);

        public void Go(uint address) =>
            Call(() =>
            {
                Check(_api.Exports.Get<AddressFn>("execute", "starting the application")(address), "execute", address, $"at 0x{address:X8}");
                return 0;
            });

        public void Reset()
        {
            if (!Capabilities.CanReset)
                throw new TargetException(TargetErrorKind.NotSupported, "reset",
                    $"CubeProgrammer_API resets the device only over SWD/JTAG, not over {Interface}.",
                    likelyCause: "start the application with Go, or reset the board by hand");
            var mode = ((DebugConnectOptions)ConnectOptions).Reset;
            Call(() =>
            {
                Check(_api.Exports.Get<ResetFn>("reset", "reset")((int)mode), "reset", detail: $"({CliVocabulary.Word(mode)})");
                return 0;
            });
        }

        /// <summary>The STM32H5 protects with its product state (PRODUCT_STATE), not with an RDP option byte.</summary>
        private bool UsesProductState => Device.Series == "STM32H5";

        /// <summary>Readout protection level 1: "-ob rdp=0xBB", any RDP value but 0xAA (level 0) and 0xCC (level 2).</summary>
        public void ReadoutProtect()
        {
            if (UsesProductState)
                throw new TargetException(TargetErrorKind.NotSupported, "readout protect",
                    $"{Device.Name} has no RDP option byte; it is protected through its product state (PRODUCT_STATE).",
                    likelyCause: "use SendOptionBytes with the product state the reference manual gives");
            SendOptionBytes("-ob rdp=0xBB", "readout protection level 1");
        }

        /// <summary>Sends an option-byte command as the header documents it (sendOptionBytesCmd): "-ob name=value ...", e.g. "-ob rdp=0xBB".</summary>
        public void SendOptionBytes(string command, string? what = null)
        {
            if (string.IsNullOrWhiteSpace(command)) throw new ArgumentException("The option-byte command is empty.", nameof(command));
            Call(() =>
            {
                var text = NarrowString.Allocate(command);
                try
                {
                    Check(_api.Exports.Get<TextCommandFn>("sendOptionBytesCmd", "option bytes")(text), "sendOptionBytesCmd", detail: $"\"{command}\"" + (what is null ? "" : $" ({what})"));
                }
                finally
                {
                    Marshal.FreeHGlobal(text);
                }
                return 0;
            });
        }

        /// <summary>readUnprotect: the library regresses readout protection to level 0, which mass-erases the flash.</summary>
        public void ReadoutUnprotect() =>
            Call(() =>
            {
                Check(_api.Exports.Get<IntFn>("readUnprotect", "readout unprotect")(), "readUnprotect");
                return 0;
            });

        public void WriteOptionBytes(uint address, ReadOnlySpan<byte> data) =>
            throw new TargetException(TargetErrorKind.NotSupported, "write option bytes",
                "option bytes are not written through CubeProgrammer_API by this module yet.", address, null,
                "Connect over the USART bootloader (Connect-Stm32 -Port) to change option bytes, or use STM32_Programmer_CLI -ob.");

        /// <summary>
        /// Protects exactly the listed pages (catalog page numbers), replacing earlier write protection: each bank's runs of
        /// listed pages become its WRP areas (two per bank), the others are cleared. See <see cref="WriteProtectionAreas"/>.
        /// </summary>
        public void WriteProtect(IReadOnlyList<int> sectorNumbers)
        {
            var areas = RequireWriteProtection("write protect");
            SendOptionBytes(areas.Protect(sectorNumbers), $"write protection of {Device.Flash.UnitName}s {Describe(sectorNumbers)}");
        }

        public void WriteUnprotect() => SendOptionBytes(RequireWriteProtection("write unprotect").Unprotect(), "write protection removed");

        private WriteProtectionAreas RequireWriteProtection(string operation) =>
            _writeProtection ?? throw new TargetException(TargetErrorKind.NotSupported, operation,
                $"Stm32Flash does not map the write-protection option bytes of the {Device.Series} series (it does for {string.Join(", ", WriteProtectionAreas.Series)}).",
                likelyCause: "use SendOptionBytes with the device's WRP option-byte names from its reference manual");

        /// <summary>The library's own file download (downloadFile): the path travels as wchar_t, binPath as an empty one (as in ST's examples).</summary>
        public void DownloadFile(string fullPath, uint address, bool skipErase, bool verify)
        {
            if (!System.IO.Path.IsPathRooted(fullPath)) throw new ArgumentException($"'{fullPath}' is not a full path.", nameof(fullPath));
            Call(() =>
            {
                var path = WideString.Allocate(fullPath);
                var binPath = WideString.Allocate("");
                try
                {
                    Check(_api.Exports.Get<DownloadFileFn>("downloadFile", "file download")(path, address, skipErase ? 1u : 0u, verify ? 1u : 0u, binPath),
                        "downloadFile", address, $"of {fullPath}");
                }
                finally
                {
                    Marshal.FreeHGlobal(path);
                    Marshal.FreeHGlobal(binPath);
                }
                return 0;
            });
        }

        /// <summary>Disconnects; the library stays loaded for the next connection.</summary>
        public void Dispose()
        {
            lock (_api.Gate)
            {
                if (_disposed) return;
                _disposed = true;
                try
                {
                    _api.Exports.Get<VoidFn>("disconnect", "disconnecting")();
                }
                finally
                {
                    if (ReferenceEquals(_api.Owner, this))
                    {
                        _api.Owner = null;
                        _api.LogSink = null;
                        _api.ProgressSink = null;
                    }
                }
            }
        }

        public override string ToString() => Description;
    }
}
