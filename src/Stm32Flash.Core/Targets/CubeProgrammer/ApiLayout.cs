using System;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The struct layouts in use for one loaded library, and why they were chosen.</summary>
    public sealed class ApiLayout
    {
        private ApiLayout(ApiLayoutVersion version, string reason)
        {
            Version = version;
            Reason = reason;
        }

        public ApiLayoutVersion Version { get; }

        /// <summary>How the layout was chosen, in words (stated by the user, the library's file version, its log, or the default).</summary>
        public string Reason { get; }

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

        /// <summary>The layout for a library that reports <paramref name="apiVersion"/>; <paramref name="source"/> says where the version came from.</summary>
        public static ApiLayout ForApiVersion(Version apiVersion, string source)
        {
            var v = $"{apiVersion.Major}.{apiVersion.Minor}";
            if (apiVersion.Major > 2 || apiVersion >= new Version(2, 21))
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

        public static ApiLayout Default(string whyNoSignal) =>
            new ApiLayout(ApiLayoutVersion.V2_18,
                $"{whyNoSignal}; using the 2.18 header's layout (V2_18). State the layout (ApiLayoutVersion) if the installed " +
                "STM32CubeProgrammer is 2.19 or later and you connect over UART, or older than 2.18 and you list ST-LINK probes");

        public override string ToString() => $"{Version}: {Reason}";
    }
}
