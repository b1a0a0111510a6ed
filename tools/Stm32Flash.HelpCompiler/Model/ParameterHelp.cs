using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>"### -Name": description and one yaml block per group of parameter sets that share its metadata.</summary>
    public sealed class ParameterHelp
    {
        public ParameterHelp(string name, int line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }

        public int Line { get; }

        public List<string> Description { get; } = new List<string>();

        public string Type { get; set; } = string.Empty;

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        public string? DefaultValue { get; set; }

        public bool Globbing { get; set; }

        public List<ParameterSetBinding> Sets { get; } = new List<ParameterSetBinding>();

        public bool IsSwitch => Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter" || Type == "switch";

        public bool IsArray => Type.EndsWith("[]", System.StringComparison.Ordinal);

        public bool InAllSets => Sets.Any(s => s.IsAllSets);

        /// <summary>The binding that applies in a named set, or null when the parameter is not in it.</summary>
        public ParameterSetBinding? BindingFor(string setName) =>
            Sets.FirstOrDefault(s => s.ParameterSet == setName) ?? Sets.FirstOrDefault(s => s.IsAllSets);
    }
}
