namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// Which struct layouts of CubeProgrammer_API to marshal. ST changed some connect structs between
    /// versions; the library does not say which it expects, so the layout is stated or detected, never guessed silently.
    /// </summary>
    public enum ApiLayoutVersion
    {
        /// <summary>Decide from what the library shows (a plausible 2.x file version, a version it logs); otherwise assume the 2.18 header with a warning (<see cref="ApiLayout.IsFallback"/>).</summary>
        Auto = 0,

        /// <summary>debugConnectParameters without <c>board</c>, <c>DBG_Sleep</c> and <c>speed</c> (204 bytes).</summary>
        Pre2021,

        /// <summary>debugConnectParameters with <c>board</c> and <c>DBG_Sleep</c>, without <c>speed</c> (308 bytes).</summary>
        Header2021,

        /// <summary>The 2.18 header: debugConnectParameters 312 bytes, usartConnectParameters 132, dfuConnectParameters without usbTimeout.</summary>
        V2_18,

        /// <summary>2.19 and 2.20: usartConnectParameters gains <c>DelayRtsDtr</c> after <c>statusDTR</c> (136 bytes).</summary>
        V2_19,

        /// <summary>2.21 and later: as 2.19, and dfuConnectParameters gains <c>usbTimeout</c>.</summary>
        V2_21,
    }
}
