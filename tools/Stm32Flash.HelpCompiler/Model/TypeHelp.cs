using System.Collections.Generic;

namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>An INPUTS or OUTPUTS entry: "### TypeName" and what it means.</summary>
    public sealed class TypeHelp
    {
        public TypeHelp(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }

        public List<string> Description { get; } = new List<string>();
    }
}
