using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>No CubeProgrammer_API library was found. Lists every place looked at and why each was passed over.</summary>
    public class CubeProgrammerNotFoundException : Exception
    {
        public CubeProgrammerNotFoundException(IReadOnlyList<LibrarySearchStep> searched, string advice)
            : base(Compose(searched, advice))
        {
            Searched = searched;
            Advice = advice;
        }

        public IReadOnlyList<LibrarySearchStep> Searched { get; }

        /// <summary>What to install or pass.</summary>
        public string Advice { get; }

        private static string Compose(IReadOnlyList<LibrarySearchStep> searched, string advice) =>
            "STM32CubeProgrammer's API library (CubeProgrammer_API) was not found. Looked at:" + Environment.NewLine +
            string.Join(Environment.NewLine, searched.Select(s => "  " + s)) + Environment.NewLine + advice;
    }
}
