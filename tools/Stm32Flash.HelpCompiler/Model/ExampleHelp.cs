using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>"### Example N: title", its PowerShell code and the remarks around it.</summary>
    public sealed class ExampleHelp
    {
        /// <summary>The remarks paragraph that marks an example the test suite must not run (it needs a board).</summary>
        public const string HardwareMarker = "Requires hardware";

        public ExampleHelp(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        public int Line { get; }

        /// <summary>The ```powershell blocks, joined by newlines: what dev:code holds and what the example runner runs.</summary>
        public string Code { get; set; } = string.Empty;

        /// <summary>Text before and after the code, and ```output blocks, in order.</summary>
        public List<string> Remarks { get; } = new List<string>();

        /// <summary>The ```output blocks alone: what the example prints.</summary>
        public List<string> Output { get; } = new List<string>();

        public bool RequiresHardware =>
            Remarks.Any(r => r.StartsWith(HardwareMarker, StringComparison.OrdinalIgnoreCase));
    }
}
