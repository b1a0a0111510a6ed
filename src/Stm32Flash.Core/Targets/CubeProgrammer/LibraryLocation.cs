using System.Collections.Generic;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>Where the library was found, from which source, and what was looked at on the way.</summary>
    public sealed class LibraryLocation
    {
        public LibraryLocation(string libraryPath, string origin, IReadOnlyList<LibrarySearchStep> searched)
        {
            LibraryPath = libraryPath;
            Origin = origin;
            Searched = searched;
        }

        public string LibraryPath { get; }

        public string Origin { get; }

        public IReadOnlyList<LibrarySearchStep> Searched { get; }

        public override string ToString() => $"{LibraryPath} ({Origin})";
    }
}
