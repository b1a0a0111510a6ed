namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>Where the API library is and how to drive it.</summary>
    public sealed class CubeProgrammerLoadOptions
    {
        /// <summary>Full path of the library file or of the STM32CubeProgrammer install folder; null searches (see <see cref="CubeProgrammerLocator"/>).</summary>
        public string? ApiPath { get; set; }

        /// <summary>Folder holding FlashLoader/ and ExternalLoader/ for setLoadersPath; null looks beside the library.</summary>
        public string? LoadersPath { get; set; }

        /// <summary>The struct layouts to marshal; Auto decides from what the library shows and says why in the log.</summary>
        public ApiLayoutVersion LayoutVersion { get; set; } = ApiLayoutVersion.Auto;

        /// <summary>The library's own verbosity, 0 (nothing) to 3 (debug).</summary>
        public int Verbosity { get; set; } = 1;

        /// <summary>The machine to search on; null is this one.</summary>
        public HostPlatform? Platform { get; set; }
    }
}
