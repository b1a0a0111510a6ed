using System;
using System.Linq;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The struct layouts in use for one loaded library, and why they were chosen.</summary>
    public sealed class ApiLayout
    {
        private ApiLayout(ApiLayoutVersion version, string reason, bool isFallback = false)
        {
            Version = version;
            Reason = reason;
            IsFallback = isFallback;
        }

        public ApiLayoutVersion Version { get; }

        /// <summary>How the layout was chosen, in words (stated by the user, the library's file version, its log, or the fallback).</summary>
        public string Reason { get; }

        /// <summary>
        /// True when nothing said which layout the library uses and <see cref="Version"/> is an assumption. Connecting then sends
        /// only what every layout reads alike, and refuses settings whose place in the struct depends on the version.
        /// </summary>
        public bool IsFallback { get; }

        public bool DebugHasBoard => Version >= ApiLayoutVersion.Header2021;

        public bool DebugHasSpeed => Version >= ApiLayoutVersion.V2_18;

        /// <summary>sizeof(debugConnectParameters): the stride of the probe list the library returns.</summary>
        public int DebugConnectParametersSize => DebugHasSpeed ? 312 : DebugHasBoard ? 308 : 204;

        public bool UsartHasDelayRtsDtr => Version >= ApiLayoutVersion.V2_19;

        public int UsartConnectParametersSize => UsartHasDelayRtsDtr ? 136 : 132;

        public bool DfuHasUsbTimeout => Version >= ApiLayoutVersion.V2_21;

        public static ApiLayout Stated(ApiLayoutVersion version)
        {
            if (version == ApiLayoutVersion.Auto) throw new ArgumentException("Auto is not a layout; call Decide.", nameof(version));
            return new ApiLayout(version, $"layout {version} as stated");
        }

        /// <summary>
        /// The layout for a library: as stated, else from its file version (Windows), else from a version line it logged, else the
        /// fallback. A version that is not a plausible STM32CubeProgrammer 2.x version (see <see cref="IsPlausible"/>) is not a signal.
        /// </summary>
        public static ApiLayout Decide(ApiLayoutVersion stated, Version? fileVersion, Version? loggedVersion, string? loggedText)
        {
            if (stated != ApiLayoutVersion.Auto) return Stated(stated);
            if (fileVersion != null && IsPlausible(fileVersion)) return ForApiVersion(fileVersion, "the DLL's file version");
            if (loggedVersion != null && IsPlausible(loggedVersion)) return ForApiVersion(loggedVersion, $"the library logged \"{loggedText}\"");
            var seen = fileVersion is null && loggedVersion is null
                ? "the library shows no version (no file version resource, and it logged none while loading)"
                : "the library's version " + string.Join(" and ", new[] { Shown(fileVersion, "file version"), Shown(loggedVersion, "logged") }
                    .Where(s => s != null)) + " is not a plausible STM32CubeProgrammer 2.x version";
            return Fallback(seen);
        }

        /// <summary>STM32CubeProgrammer versions are 2.x (2.0 in 2019 to 2.2x now); anything else is some other file's version.</summary>
        public static bool IsPlausible(Version version) => version.Major == 2 && version.Minor >= 0 && version.Minor < 100;

        /// <summary>The layout for a library that reports <paramref name="apiVersion"/> (a plausible 2.x); <paramref name="source"/> says where the version came from.</summary>
        public static ApiLayout ForApiVersion(Version apiVersion, string source)
        {
            var v = $"{apiVersion.Major}.{apiVersion.Minor}";
            if (apiVersion >= new Version(2, 21))
                return new ApiLayout(ApiLayoutVersion.V2_21, $"library version {v} ({source}): layout V2_21");
            if (apiVersion >= new Version(2, 19))
                return new ApiLayout(ApiLayoutVersion.V2_19, $"library version {v} ({source}): layout V2_19");
            if (apiVersion >= new Version(2, 10))
                return new ApiLayout(ApiLayoutVersion.V2_18,
                    $"library version {v} ({source}): layout V2_18" +
                    (apiVersion.Minor == 18 ? "" : "; the version that added debugConnectParameters.speed is not known here, so it is assumed present " +
                        "(if the ST-LINK list shows garbled entries after the first, state Header2021)"));
            return new ApiLayout(ApiLayoutVersion.Header2021,
                $"library version {v} ({source}): layout Header2021 (no debugConnectParameters.speed); libraries without board/DBG_Sleep need Pre2021 stated");
        }

        /// <summary>The layout assumed when nothing says which one the library uses (<see cref="IsFallback"/>).</summary>
        public static ApiLayout Fallback(string whyNoSignal) =>
            new ApiLayout(ApiLayoutVersion.V2_18,
                $"{whyNoSignal}; assuming the 2.18 header's layout (V2_18). UART and USB DFU connect alike under every layout; " +
                "DelayRtsDtr and UsbTimeoutMs are refused until the layout is stated (ApiLayoutVersion), and an ST-LINK list from a " +
                "library older than 2.18 reads wrong after its first entry",
                isFallback: true);

        private static string? Shown(Version? version, string what) => version is null ? null : $"{version} ({what})";

        public override string ToString() => $"{Version}: {Reason}";
    }
}
