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
        /// only what every layout reads alike, and refuses settings whose place or value depends on the version.
        /// </summary>
        public bool IsFallback { get; }

        public bool UsartHasDelayRtsDtr => Version >= ApiLayoutVersion.V2_19;

        public int UsartConnectParametersSize => UsartHasDelayRtsDtr ? 136 : 132;

        public bool DfuHasUsbTimeout => Version >= ApiLayoutVersion.V2_21;

        /// <summary>debugConnectMode has HW_RESET_PULSE_MODE (5) from 2.18 on.</summary>
        public bool HasHardwareResetPulse => Version >= ApiLayoutVersion.V2_18;

        public static ApiLayout Stated(ApiLayoutVersion version)
        {
            if (version == ApiLayoutVersion.Auto) throw new ArgumentException("Auto is not a layout; call Decide.", nameof(version));
            return new ApiLayout(version, $"layout {version} as stated");
        }

        /// <summary>
        /// The layout for a library: as stated, else from the version it shows (<see cref="Shown"/>), else the fallback. The
        /// version shown has been checked against <see cref="CubeProgrammerLibrary.MinimumApiVersion"/> before.
        /// </summary>
        public static ApiLayout Decide(ApiLayoutVersion stated, Version? fileVersion, Version? loggedVersion, string? loggedText)
        {
            if (stated != ApiLayoutVersion.Auto) return Stated(stated);
            if (Shown(fileVersion, loggedVersion, loggedText) is (Version version, string source)) return ForApiVersion(version, source);
            var seen = fileVersion is null && loggedVersion is null
                ? "the library shows no version (no file version resource, and it logged none while loading)"
                : "the library's version " + string.Join(" and ", new[] { Describe(fileVersion, "file version"), Describe(loggedVersion, "logged") }
                    .Where(s => s != null)) + " is not a plausible STM32CubeProgrammer 2.x version";
            return Fallback(seen);
        }

        /// <summary>The version a library shows: its file version (Windows DLLs) if plausible, else a plausible version it logged; with where it came from.</summary>
        public static (Version Version, string Source)? Shown(Version? fileVersion, Version? loggedVersion, string? loggedText)
        {
            if (fileVersion != null && IsPlausible(fileVersion)) return (fileVersion, "the DLL's file version");
            if (loggedVersion != null && IsPlausible(loggedVersion)) return (loggedVersion, $"the library logged \"{loggedText}\"");
            return null;
        }

        /// <summary>STM32CubeProgrammer versions are 2.x (2.0 in 2019 to 2.2x now); anything else is some other file's version.</summary>
        public static bool IsPlausible(Version version) => version.Major == 2 && version.Minor >= 0 && version.Minor < 100;

        /// <summary>The layout for a library that reports <paramref name="apiVersion"/> (2.17 or later); <paramref name="source"/> says where the version came from.</summary>
        public static ApiLayout ForApiVersion(Version apiVersion, string source)
        {
            var v = $"{apiVersion.Major}.{apiVersion.Minor}";
            var layout = apiVersion >= new Version(2, 21) ? ApiLayoutVersion.V2_21
                : apiVersion >= new Version(2, 19) ? ApiLayoutVersion.V2_19
                : apiVersion >= new Version(2, 18) ? ApiLayoutVersion.V2_18
                : apiVersion >= CubeProgrammerLibrary.MinimumApiVersion ? ApiLayoutVersion.V2_17
                : throw new ArgumentOutOfRangeException(nameof(apiVersion), $"STM32CubeProgrammer {v} is older than {CubeProgrammerLibrary.MinimumApiVersion}, the oldest version supported.");
            return new ApiLayout(layout, $"library version {v} ({source}): layout {layout}");
        }

        /// <summary>The layout assumed when nothing says which one the library uses (<see cref="IsFallback"/>).</summary>
        public static ApiLayout Fallback(string whyNoSignal) =>
            new ApiLayout(ApiLayoutVersion.V2_18,
                $"{whyNoSignal}; assuming the 2.18 header's layout (V2_18). UART and USB DFU connect alike under every layout; " +
                "DelayRtsDtr, UsbTimeoutMs and the hardware reset pulse connect mode are refused until the layout is stated (ApiLayoutVersion)",
                isFallback: true);

        private static string? Describe(Version? version, string what) => version is null ? null : $"{version} ({what})";

        public override string ToString() => $"{Version}: {Reason}";
    }
}
