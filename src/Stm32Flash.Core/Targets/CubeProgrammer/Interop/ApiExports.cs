using System;
using System.Collections.Generic;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// The exports Stm32Flash calls. The ones every session needs are resolved at load and their absence is an error
    /// naming them (freeLibraryMemory's, which marks an older version, is <see cref="VersionRequirement"/>'s); per-interface
    /// connect functions and the rest are resolved on first use.
    /// </summary>
    internal sealed class ApiExports
    {
        public static readonly IReadOnlyList<string> Required = new[]
        {
            "setDisplayCallbacks", "setVerbosityLevel", "setLoadersPath", "disconnect", "getDeviceGeneralInf",
            "checkDeviceConnection", "readMemory", "writeMemory", "sectorErase", "massErase", "execute",
        };

        private readonly NativeModule _library;
        private readonly Dictionary<(string, Type), Delegate?> _cache = new Dictionary<(string, Type), Delegate?>();

        public ApiExports(NativeModule library)
        {
            _library = library;
            foreach (var name in Required)
            {
                if (library.Export(name) == IntPtr.Zero)
                    throw new CubeProgrammerLoadException(library.Path,
                        $"The library '{library.Path}' has no export '{name}', which Stm32Flash needs. It is not a CubeProgrammer_API " +
                        "library, or its version is too old; install a current STM32CubeProgrammer.", name);
            }
        }

        public string LibraryPath => _library.Path;

        public bool Has(string name) => _library.Export(name) != IntPtr.Zero;

        /// <summary>The export as a delegate; throws <see cref="CubeProgrammerLoadException"/> naming it when absent.</summary>
        public T Get<T>(string name, string neededFor) where T : Delegate
        {
            lock (_cache)
            {
                // Keyed by type too: one export can be bound with different struct layouts (connectUsartBootloader).
                if (!_cache.TryGetValue((name, typeof(T)), out var d))
                {
                    d = _library.Function<T>(name);
                    _cache[(name, typeof(T))] = d;
                }
                return d as T ?? throw new CubeProgrammerLoadException(_library.Path,
                    $"The library '{_library.Path}' has no export '{name}', needed for {neededFor}. Install a STM32CubeProgrammer version that has it.", name);
            }
        }
    }
}
