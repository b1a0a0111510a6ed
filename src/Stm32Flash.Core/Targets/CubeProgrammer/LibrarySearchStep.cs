namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>One place the library was looked for: where the place came from, the path, and the outcome.</summary>
    public sealed class LibrarySearchStep
    {
        public LibrarySearchStep(string origin, string path, string outcome)
        {
            Origin = origin;
            Path = path;
            Outcome = outcome;
        }

        /// <summary>"explicit path", "environment variable STM32FLASH_CUBEPROGRAMMER_API" or "standard install folder".</summary>
        public string Origin { get; }

        public string Path { get; }

        /// <summary>"found", "no such file", "not a full path", ...</summary>
        public string Outcome { get; }

        public override string ToString() => $"{Path} ({Origin}): {Outcome}";
    }
}
