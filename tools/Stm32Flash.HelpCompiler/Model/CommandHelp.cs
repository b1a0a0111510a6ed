using System.Collections.Generic;

namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>One cmdlet's help, as read from docs/&lt;Verb-Noun&gt;.md.</summary>
    public sealed class CommandHelp
    {
        public CommandHelp(string name, string file, IReadOnlyDictionary<string, string> metadata)
        {
            Name = name;
            File = file;
            Metadata = metadata;
        }

        public string Name { get; }

        public string File { get; }

        /// <summary>The YAML front matter: external help file, Module Name, online version, schema.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; }

        public string Synopsis { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        /// <summary>The SYNTAX section's blocks, in order; the MAML syntax is built from the parameters, not from these.</summary>
        public List<SyntaxBlock> Syntax { get; } = new List<SyntaxBlock>();

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>Whether PARAMETERS ends with the ### CommonParameters entry.</summary>
        public bool HasCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();

        /// <summary>Named parameter sets in SYNTAX order; empty when the cmdlet has one set (every parameter is "(All)").</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        public string? DefaultParameterSet { get; set; }
    }
}
