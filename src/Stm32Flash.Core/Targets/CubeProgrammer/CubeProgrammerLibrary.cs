using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Stm32Flash.Devices;
using Stm32Flash.Targets.CubeProgrammer.Interop;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// ST's CubeProgrammer_API, loaded by full path, with the struct layouts decided for it. Lists probes and connects
    /// targets. A library file is loaded once per process and kept; the API holds one connection at a time.
    /// </summary>
    public sealed class CubeProgrammerLibrary
    {
        private static readonly Dictionary<string, LoadedApi> Loaded = new Dictionary<string, LoadedApi>(
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

        private readonly LoadedApi _api;

        /// <summary>The oldest STM32CubeProgrammer whose library is used: 2.17, the first whose API has freeLibraryMemory.</summary>
        public static Version MinimumApiVersion { get; } = new Version(2, 17);

        private CubeProgrammerLibrary(LoadedApi api, LibraryLocation location, ApiLayout layout, string loadersPath, bool loadersFound)
        {
            _api = api;
            Location = location;
            Layout = layout;
            LoadersPath = loadersPath;
            LoadersFound = loadersFound;
        }

        public LibraryLocation Location { get; }

        public string LibraryPath => Location.LibraryPath;

        public ApiLayout Layout { get; }

        /// <summary>The folder passed to setLoadersPath.</summary>
        public string LoadersPath { get; }

        /// <summary>Whether <see cref="LoadersPath"/> holds a FlashLoader folder (SWD/JTAG flash programming needs one).</summary>
        public bool LoadersFound { get; }

        /// <summary>Libraries beside the API that were loaded first so the dynamic linker finds them (Linux).</summary>
        public IReadOnlyList<string> PreloadedDependencies => _api.Library.Preloaded;

        /// <summary>The version the library printed in its log, if it printed one.</summary>
        public Version? LoggedVersion => _api.LoggedVersion;

        /// <summary>Library messages while no target is connected (listing, connecting). May be called on any thread.</summary>
        public Action<TargetLogLevel, string>? Log { get; set; }

        internal LoadedApi Api => _api;

        /// <summary>
        /// Finds, loads and prepares the library; <paramref name="log"/> receives what was chosen and why. A library older than
        /// <see cref="MinimumApiVersion"/> is refused with <see cref="CubeProgrammerVersionException"/>.
        /// </summary>
        public static CubeProgrammerLibrary Load(CubeProgrammerLoadOptions? options = null, Action<TargetLogLevel, string>? log = null)
        {
            options ??= new CubeProgrammerLoadOptions();
            if (options.Verbosity < 0 || options.Verbosity > 3)
                throw new ArgumentOutOfRangeException(nameof(options), $"Verbosity must be 0 to 3 ({options.Verbosity}).");
            var location = CubeProgrammerLocator.Locate(options.ApiPath, options.Platform);

            LoadedApi api;
            lock (Loaded)
            {
                if (!Loaded.TryGetValue(location.LibraryPath, out api!))
                {
                    api = new LoadedApi(NativeModule.Load(location.LibraryPath));
                    Loaded.Add(location.LibraryPath, api);
                }
            }
            VersionRequirement.Check(location.LibraryPath, api);

            var (loaders, found) = ChooseLoadersPath(options.LoadersPath, location.LibraryPath);
            lock (api.Gate)
            {
                var previous = api.LogSink;
                if (api.Owner is null) api.LogSink = log;
                try
                {
                    api.Exports.Get<SetVerbosityLevelFn>("setVerbosityLevel", "verbosity")(options.Verbosity);
                    var p = NarrowString.Allocate(loaders);
                    try
                    {
                        api.Exports.Get<SetLoadersPathFn>("setLoadersPath", "flash loaders")(p);
                    }
                    finally
                    {
                        Marshal.FreeHGlobal(p);
                    }
                }
                finally
                {
                    if (api.Owner is null) api.LogSink = previous;
                }
            }

            var layout = ApiLayout.Decide(options.LayoutVersion, api.FileVersion, api.LoggedVersion, api.LoggedVersionText);
            var library = new CubeProgrammerLibrary(api, location, layout, loaders, found) { Log = log };
            log?.Invoke(TargetLogLevel.Verbose, $"CubeProgrammer_API: {location.LibraryPath} (from the {location.Origin})" +
                (api.Library.Preloaded.Count == 0 ? "" : $"; loaded first from its folder: {string.Join(", ", api.Library.Preloaded.Select(Path.GetFileName))}"));
            log?.Invoke(layout.IsFallback ? TargetLogLevel.Warning : TargetLogLevel.Verbose, $"CubeProgrammer_API struct layout {layout.Version}: {layout.Reason}.");
            if (found)
                log?.Invoke(TargetLogLevel.Verbose, $"CubeProgrammer_API loaders path: {loaders}");
            else
                log?.Invoke(TargetLogLevel.Warning, $"No FlashLoader folder was found near {location.LibraryPath}; the loaders path is set to the " +
                    "library's folder. Flash programming over SWD/JTAG needs the flash loaders (pass the STM32CubeProgrammer bin folder as " +
                    "the loaders path); the bootloader interfaces do not.");
            return library;
        }

        private static (string path, bool found) ChooseLoadersPath(string? stated, string libraryPath)
        {
            if (stated != null)
            {
                if (!Path.IsPathRooted(stated) || !Directory.Exists(stated))
                    throw new DirectoryNotFoundException($"The loaders path '{stated}' is not an existing folder given by its full path.");
                return (Path.GetFullPath(stated), Directory.Exists(Path.Combine(stated, "FlashLoader")));
            }
            var near = CubeProgrammerLocator.FindLoadersFolder(libraryPath);
            return near != null ? (near, true) : (Path.GetDirectoryName(libraryPath)!, false);
        }

        /// <summary>Runs one API call under the library's lock with library messages routed to <see cref="Log"/>.</summary>
        private T Call<T>(Func<T> call)
        {
            lock (_api.Gate)
            {
                var previous = _api.LogSink;
                if (_api.Owner is null) _api.LogSink = Log;
                try
                {
                    _api.BeginCall();
                    return call();
                }
                finally
                {
                    if (_api.Owner is null) _api.LogSink = previous;
                }
            }
        }

        /// <summary>
        /// The ST-LINK probes attached, copied out before the library's list is deleted: getStLinkList, or while the library holds a
        /// connection getStLinkEnumerationList, which lists them without opening them (getStLinkList would disturb the connection).
        /// </summary>
        public IReadOnlyList<StLinkProbe> GetStLinkProbes(bool shared = false) =>
            Call(() => ListStLinks(shared).Select((p, i) => ToProbe(p, i)).ToList());

        internal unsafe List<DebugConnectParametersNative> ListStLinks(bool shared)
        {
            var function = _api.Owner is null ? "getStLinkList" : "getStLinkEnumerationList";
            var list = _api.Exports.Get<GetStLinkListFn>(function, "listing ST-LINK probes");
            var delete = _api.Exports.Get<VoidFn>("deleteInterfaceList", "freeing the probe list");
            var entries = new List<DebugConnectParametersNative>();
            var p = IntPtr.Zero;
            var count = list(ref p, shared ? 1 : 0);
            try
            {
                if (count < 0)
                    throw CubeProgrammerErrors.ToException(count, function, TargetInterface.Swd, libraryMessage: _api.LastError);
                for (var i = 0; i < count && p != IntPtr.Zero; i++)
                    entries.Add(((DebugConnectParametersNative*)p)[i]);
            }
            finally
            {
                delete();
            }
            return entries;
        }

        private static unsafe StLinkProbe ToProbe(DebugConnectParametersNative p, int position)
        {
            var swd = new List<uint>();
            var jtag = new List<uint>();
            for (var i = 0; i < Math.Min(12, (int)p.Freq.SwdFreqNumber); i++) swd.Add(p.Freq.SwdFreq[i]);
            for (var i = 0; i < Math.Min(12, (int)p.Freq.JtagFreqNumber); i++) jtag.Add(p.Freq.JtagFreq[i]);
            return new StLinkProbe(position,
                NativeText.Read(p.SerialNumber, DebugConnectParametersNative.SerialNumberLength),
                NativeText.Read(p.FirmwareVersion, DebugConnectParametersNative.FirmwareVersionLength),
                NativeText.Read(p.TargetVoltage, DebugConnectParametersNative.TargetVoltageLength),
                NativeText.Read(p.Board, DebugConnectParametersNative.BoardLength),
                p.IsBridge != 0, p.IsOldFirmware != 0, p.AccessPortNumber, swd, jtag);
        }

        /// <summary>The USB DFU devices with this PID/VID (getDfuDeviceList), copied out before the library's list is deleted.</summary>
        public unsafe IReadOnlyList<DfuDevice> GetDfuDevices(int productId = DfuConnectOptions.StPid, int vendorId = DfuConnectOptions.StVid) =>
            Call(() =>
            {
                var list = _api.Exports.Get<GetDfuDeviceListFn>("getDfuDeviceList", "listing DFU devices");
                var delete = _api.Exports.Get<VoidFn>("deleteInterfaceList", "freeing the DFU device list");
                var devices = new List<DfuDevice>();
                var p = IntPtr.Zero;
                var count = list(ref p, productId, vendorId);
                try
                {
                    if (count < 0)
                        throw CubeProgrammerErrors.ToException(count, "getDfuDeviceList", TargetInterface.Dfu, libraryMessage: _api.LastError);
                    var entries = (DfuDeviceInfoNative*)p;
                    for (var i = 0; i < count && p != IntPtr.Zero; i++)
                    {
                        var d = entries[i];
                        devices.Add(new DfuDevice(NativeText.Read(d.UsbIndex, 10), d.BusNumber, d.AddressNumber,
                            NativeText.Read(d.ProductId, 100), NativeText.Read(d.SerialNumber, 100), d.DfuVersion));
                    }
                }
                finally
                {
                    delete();
                }
                return (IReadOnlyList<DfuDevice>)devices;
            });

        /// <summary>Connects through the interface the options describe and identifies the device.</summary>
        public CubeProgrammerTarget Connect(CubeProgrammerConnectOptions options)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            lock (_api.Gate)
            {
                if (_api.Owner is CubeProgrammerTarget existing)
                    throw new CubeProgrammerInUseException(LibraryPath, existing.Description, $"The CubeProgrammer_API library at {LibraryPath} is already connected ({existing.Description}); " +
                        "the API holds one connection per process. Disconnect that session first, or give each probe a process of its own " +
                        "(Start-Job, or Invoke-Command to a PSSession).");
                return Call(() => new Connector(this, _api).Connect(options));
            }
        }
    }
}
