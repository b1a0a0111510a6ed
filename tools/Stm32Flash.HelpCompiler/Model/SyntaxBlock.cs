namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>One code block of the SYNTAX section, under its "### SetName" or "### SetName (Default)" heading when there is one.</summary>
    public sealed class SyntaxBlock
    {
        public SyntaxBlock(string? parameterSet, bool isDefault, string code, int line)
        {
            ParameterSet = parameterSet;
            IsDefault = isDefault;
            Code = code;
            Line = line;
        }

        public string? ParameterSet { get; }

        public bool IsDefault { get; }

        public string Code { get; }

        public int Line { get; }
    }
}
