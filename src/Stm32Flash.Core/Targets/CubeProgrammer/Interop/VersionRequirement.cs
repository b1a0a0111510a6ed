using System;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// Refuses libraries older than <see cref="CubeProgrammerLibrary.MinimumApiVersion"/>: by the version they show, or, when they
    /// show none, by the absence of freeLibraryMemory, which ST's header has from 2.17 on (readMemory's buffers are freed with it).
    /// </summary>
    internal static class VersionRequirement
    {
        public const string MarkerExport = "freeLibraryMemory";

        public static void Check(string libraryPath, LoadedApi api)
        {
            var minimum = CubeProgrammerLibrary.MinimumApiVersion;
            var shown = ApiLayout.Shown(api.FileVersion, api.LoggedVersion, api.LoggedVersionText);
            var hasMarker = api.Exports.Has(MarkerExport);
            if (shown is (Version version, string source) && version < minimum)
                throw new CubeProgrammerVersionException(libraryPath, version,
                    $"The library '{libraryPath}' is STM32CubeProgrammer {version} ({source}); Stm32Flash needs {minimum} or later. " +
                    $"Install STM32CubeProgrammer {minimum} or later.", hasMarker ? null : MarkerExport);
            if (hasMarker) return;
            if (shown is null)
                throw new CubeProgrammerVersionException(libraryPath, null,
                    $"The library '{libraryPath}' has no export '{MarkerExport}', which CubeProgrammer_API has from STM32CubeProgrammer {minimum} on, " +
                    $"so it is an older version (it does not show which); Stm32Flash needs {minimum} or later. Install STM32CubeProgrammer {minimum} or later.",
                    MarkerExport);
            throw new CubeProgrammerLoadException(libraryPath,
                $"The library '{libraryPath}' has no export '{MarkerExport}', which Stm32Flash needs, though it shows version {shown.Value.Version}. " +
                "It is not a CubeProgrammer_API library; install a current STM32CubeProgrammer.", MarkerExport);
        }
    }
}
