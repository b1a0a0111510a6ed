using System;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The library is older than <see cref="CubeProgrammerLibrary.MinimumApiVersion"/>, the oldest STM32CubeProgrammer Stm32Flash uses.</summary>
    public sealed class CubeProgrammerVersionException : CubeProgrammerLoadException
    {
        public CubeProgrammerVersionException(string libraryPath, Version? foundVersion, string message, string? missingExport)
            : base(libraryPath, message, missingExport)
        {
            FoundVersion = foundVersion;
        }

        /// <summary>The version the library shows; null when it shows none (then a missing export says it is older).</summary>
        public Version? FoundVersion { get; }

        public Version MinimumVersion => CubeProgrammerLibrary.MinimumApiVersion;
    }
}
