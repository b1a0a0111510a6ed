using System;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>A help markdown file breaks the schema. <see cref="Line"/> is 1-based.</summary>
    public sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string file, int line, string message)
            : base(message)
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        public int Line { get; }

        /// <summary>MSBuild's canonical error format, so the build shows the error at file:line.</summary>
        public string ToCanonicalError() => $"{File}({Line}): error HELP001: {Message}";

        public override string ToString() => ToCanonicalError();
    }
}
