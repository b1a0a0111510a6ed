using System;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The CubeProgrammer_API library holds one connection per process, and another connection has it.</summary>
    public sealed class CubeProgrammerInUseException : InvalidOperationException
    {
        public CubeProgrammerInUseException(string libraryPath, string holder, string message)
            : base(message)
        {
            LibraryPath = libraryPath;
            Holder = holder;
        }

        public string LibraryPath { get; }

        /// <summary>The connection that has the library.</summary>
        public string Holder { get; }
    }
}
