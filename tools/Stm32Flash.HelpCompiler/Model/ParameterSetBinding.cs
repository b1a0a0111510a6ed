namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>How a parameter binds in one parameter set (a parameter yaml block lists one or more sets).</summary>
    public sealed class ParameterSetBinding
    {
        /// <summary>PowerShell's name for "every parameter set"; PlatyPS writes it as "(All)".</summary>
        public const string AllSets = "__AllParameterSets";

        public ParameterSetBinding(string parameterSet, bool required, int? position, bool byValue, bool byPropertyName, int line)
        {
            ParameterSet = parameterSet;
            Required = required;
            Position = position;
            ByValue = byValue;
            ByPropertyName = byPropertyName;
            Line = line;
        }

        public string ParameterSet { get; }

        public bool IsAllSets => ParameterSet == AllSets;

        public bool Required { get; }

        /// <summary>0-based position, or null for a named parameter.</summary>
        public int? Position { get; }

        public bool ByValue { get; }

        public bool ByPropertyName { get; }

        /// <summary>Line of the yaml block this came from.</summary>
        public int Line { get; }

        public string PipelineInput =>
            ByValue && ByPropertyName ? "True (ByValue, ByPropertyName)"
            : ByValue ? "True (ByValue)"
            : ByPropertyName ? "True (ByPropertyName)"
            : "False";
    }
}
