using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.CubeProgrammer.Interop;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>
    /// The system's libusb-1.0, loaded by a full path given (the path argument, else STM32FLASH_LIBUSB) or by the
    /// system's standard name for it: libusb-1.0.so.0 through the Linux dynamic linker's own search (which never looks
    /// in the current folder), Homebrew's and MacPorts' full paths on macOS, and on Windows libusb-1.0.dll beside the
    /// module or in System32. Loaded once per path and never unloaded.
    /// </summary>
    public sealed class LibUsbLibrary
    {
        public const string PathVariable = "STM32FLASH_LIBUSB";

        private static readonly Dictionary<string, LibUsbLibrary> Loaded = new Dictionary<string, LibUsbLibrary>(StringComparer.Ordinal);

        private LibUsbLibrary(string path, LibUsbApi api)
        {
            Path = path;
            Api = api;
        }

        /// <summary>The full path or standard name it was loaded by.</summary>
        public string Path { get; }

        internal LibUsbApi Api { get; }

        /// <summary>Where libusb is looked for, in order, on this machine (a full path given first).</summary>
        public static IReadOnlyList<string> Candidates(string? path, HostPlatform? platform = null)
        {
            platform ??= HostPlatform.Current;
            var given = string.IsNullOrEmpty(path) ? platform.Environment(PathVariable) : path;
            if (!string.IsNullOrEmpty(given))
            {
                if (!System.IO.Path.IsPathRooted(given))
                    throw new LibUsbLoadException($"'{given}' is not a full path; libusb is loaded by its full path or the system's standard name, never from the current folder.", new[] { given! });
                return new[] { given! };
            }
            switch (platform.Os)
            {
                case HostOs.Windows:
                    var beside = System.IO.Path.GetDirectoryName(typeof(LibUsbLibrary).Assembly.Location) ?? "";
                    var system = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.System), "libusb-1.0.dll");
                    return new[] { System.IO.Path.Combine(beside, "libusb-1.0.dll"), system };
                case HostOs.MacOs:
                    return new[] { "/opt/homebrew/lib/libusb-1.0.0.dylib", "/usr/local/lib/libusb-1.0.0.dylib", "/opt/local/lib/libusb-1.0.0.dylib" };
                default:
                    return new[] { "libusb-1.0.so.0" };
            }
        }

        /// <summary>Loads libusb from the first candidate that loads; throws <see cref="LibUsbLoadException"/> saying what each said.</summary>
        public static LibUsbLibrary Load(string? path = null)
        {
            var tried = new List<string>();
            foreach (var candidate in Candidates(path))
            {
                lock (Loaded)
                {
                    if (Loaded.TryGetValue(candidate, out var known)) return known;
                }
                var rooted = System.IO.Path.IsPathRooted(candidate);
                if (rooted && !File.Exists(candidate))
                {
                    tried.Add($"{candidate}: no such file");
                    continue;
                }
                var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
                var handle = windows ? WindowsLoader.Open(candidate, out var error) : UnixDynamicLinker.Open(candidate, out error);
                if (handle == IntPtr.Zero)
                {
                    tried.Add($"{candidate}: {error}");
                    continue;
                }
                LibUsbApi api;
                try
                {
                    api = new LibUsbApi(name => windows ? WindowsLoader.Symbol(handle, name) : UnixDynamicLinker.Symbol(handle, name));
                }
                catch (EntryPointNotFoundException ex)
                {
                    tried.Add($"{candidate}: loaded, but it does not export {ex.Message}, so it is not libusb-1.0");
                    continue;
                }
                var library = new LibUsbLibrary(candidate, api);
                lock (Loaded) Loaded[candidate] = library;
                return library;
            }
            throw new LibUsbLoadException("libusb-1.0 was not found: " + string.Join("; ", tried) + ".", tried);
        }

        /// <summary>The DFU devices on the buses, with their alternate settings read (each device is opened briefly to read its strings).</summary>
        public IReadOnlyList<UsbDfuDevice> ListDevices(UsbDfuFilter? filter = null)
        {
            using var context = new LibUsbContext(this);
            return context.List(filter ?? new UsbDfuFilter());
        }
    }
}
