namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// A connect setting whose place or value in the API's structs depends on the library's version was asked for while that
    /// version is not known (<see cref="ApiLayout.IsFallback"/>). Nothing was connected; stating the layout
    /// (<see cref="CubeProgrammerLoadOptions.LayoutVersion"/>) resolves it.
    /// </summary>
    public sealed class ApiLayoutRequiredException : CubeProgrammerLoadException
    {
        public ApiLayoutRequiredException(string libraryPath, ApiLayout layout, string setting, string why)
            : base(libraryPath,
                $"{setting}: {why}; nothing was connected. The library's struct layout is {(layout.IsFallback ? "not known" : layout.Version.ToString())} ({layout.Reason}). " +
                "Stating the installed STM32CubeProgrammer's layout version resolves it.", null)
        {
            Layout = layout;
            Setting = setting;
        }

        /// <summary>The layout in use when the connection was refused.</summary>
        public ApiLayout Layout { get; }

        /// <summary>The setting concerned (DelayRtsDtr, UsbTimeoutMs, HardwareResetPulse).</summary>
        public string Setting { get; }
    }
}
