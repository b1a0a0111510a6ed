using System;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The CubeProgrammer_API library was found but cannot be used: the loader refused it, or an export is missing.</summary>
    public class CubeProgrammerLoadException : Exception
    {
        public CubeProgrammerLoadException(string libraryPath, string message, string? missingExport, Exception? inner = null)
            : base(message, inner)
        {
            LibraryPath = libraryPath;
            MissingExport = missingExport;
        }

        public string LibraryPath { get; }

        /// <summary>The export the library lacks, when that is the reason.</summary>
        public string? MissingExport { get; }
    }
}
