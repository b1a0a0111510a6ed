namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// Which struct layouts and enum values of CubeProgrammer_API to use. ST changed some connect structs between versions;
    /// the library does not say which it expects, so the layout is stated or detected, never guessed silently. Libraries
    /// older than 2.17 are not used (see <see cref="CubeProgrammerLibrary.MinimumApiVersion"/>).
    /// </summary>
    public enum ApiLayoutVersion
    {
        /// <summary>Decide from what the library shows (a plausible 2.x file version, a version it logs); otherwise assume the 2.18 header with a warning (<see cref="ApiLayout.IsFallback"/>).</summary>
        Auto = 0,

        /// <summary>2.17: the 2.18 layouts, without debugConnectMode's hardware reset pulse (HW_RESET_PULSE_MODE, 5).</summary>
        V2_17,

        /// <summary>The 2.18 header: debugConnectParameters 312 bytes, usartConnectParameters 132, dfuConnectParameters without usbTimeout.</summary>
        V2_18,

        /// <summary>2.19 and 2.20: usartConnectParameters gains <c>DelayRtsDtr</c> after <c>statusDTR</c> (136 bytes).</summary>
        V2_19,

        /// <summary>2.21 and later: as 2.19, and dfuConnectParameters gains <c>usbTimeout</c>.</summary>
        V2_21,
    }
}
