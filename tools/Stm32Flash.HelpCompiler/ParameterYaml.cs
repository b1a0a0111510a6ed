using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Markdig.Syntax;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Reads a PlatyPS parameter yaml block: flat "Key: value" lines with the keys PlatyPS writes.
    /// Stricter than PlatyPS: unknown keys, missing keys and values that do not parse are errors at their line.
    /// </summary>
    internal static class ParameterYaml
    {
        public const string Type = "Type";
        public const string ParameterSets = "Parameter Sets";
        public const string Aliases = "Aliases";
        public const string AcceptedValues = "Accepted values";
        public const string Applicable = "Applicable";
        public const string Required = "Required";
        public const string Position = "Position";
        public const string DefaultValue = "Default value";
        public const string PipelineInput = "Accept pipeline input";
        public const string Wildcards = "Accept wildcard characters";

        private static readonly string[] Known = { Type, ParameterSets, Aliases, AcceptedValues, Applicable, Required, Position, DefaultValue, PipelineInput, Wildcards };
        private static readonly string[] Mandatory = { Type, ParameterSets, Required, Position, PipelineInput, Wildcards };

        /// <summary>Applies one yaml block to the parameter: its type and attributes, and a binding per listed set.</summary>
        public static void Apply(FencedCodeBlock block, ParameterHelp parameter, string file)
        {
            var values = Read(block, file, out var lineOf);
            var blockLine = MarkdownText.LineOf(block);
            foreach (var key in Mandatory)
            {
                if (!values.ContainsKey(key))
                    throw new HelpFormatException(file, blockLine, $"The yaml block of -{parameter.Name} has no '{key}:' line.");
            }

            var type = values[Type];
            if (type.Length == 0) throw new HelpFormatException(file, lineOf[Type], $"-{parameter.Name} has an empty Type.");
            var aliases = SplitList(values.TryGetValue(Aliases, out var a) ? a : string.Empty)
                .Where(x => !x.Equals("None", StringComparison.OrdinalIgnoreCase)).ToList();
            var globbing = Bool(values[Wildcards], file, lineOf[Wildcards], Wildcards);
            var defaultValue = values.TryGetValue(DefaultValue, out var d) && d.Length > 0 && !d.Equals("None", StringComparison.OrdinalIgnoreCase) ? d : null;
            var accepted = SplitList(values.TryGetValue(AcceptedValues, out var v) ? v : string.Empty);

            if (parameter.Sets.Count == 0)
            {
                parameter.Type = type;
                parameter.Aliases.AddRange(aliases);
                parameter.Globbing = globbing;
                parameter.DefaultValue = defaultValue;
                parameter.AcceptedValues.AddRange(accepted);
            }
            else
            {
                // A parameter is one parameter in every set; only Required, Position and pipeline input vary by set.
                if (!string.Equals(type, parameter.Type, StringComparison.Ordinal))
                    throw new HelpFormatException(file, lineOf[Type], $"-{parameter.Name} has Type '{type}' here but '{parameter.Type}' in its first yaml block.");
                if (!aliases.SequenceEqual(parameter.Aliases, StringComparer.OrdinalIgnoreCase))
                    throw new HelpFormatException(file, blockLine, $"-{parameter.Name} lists other Aliases here than in its first yaml block.");
                if (globbing != parameter.Globbing)
                    throw new HelpFormatException(file, lineOf[Wildcards], $"-{parameter.Name} says '{Wildcards}' differently here than in its first yaml block.");
            }

            var required = Bool(values[Required], file, lineOf[Required], Required);
            var position = ParsePosition(values[Position], file, lineOf[Position]);
            var (byValue, byName) = ParsePipelineInput(values[PipelineInput], file, lineOf[PipelineInput]);
            var sets = SplitList(values[ParameterSets]);
            if (sets.Count == 0)
                throw new HelpFormatException(file, lineOf[ParameterSets], $"-{parameter.Name} lists no parameter set; write '(All)' for a parameter in every set.");
            foreach (var set in sets)
            {
                var name = set == "(All)" ? ParameterSetBinding.AllSets : set;
                if (parameter.Sets.Any(s => s.ParameterSet == name))
                    throw new HelpFormatException(file, lineOf[ParameterSets], $"-{parameter.Name} lists parameter set '{set}' in more than one yaml block.");
                if (name == ParameterSetBinding.AllSets && (sets.Count > 1 || parameter.Sets.Count > 0))
                    throw new HelpFormatException(file, lineOf[ParameterSets], $"-{parameter.Name}: '(All)' cannot be combined with named parameter sets.");
                parameter.Sets.Add(new ParameterSetBinding(name, required, position, byValue, byName, blockLine));
            }
        }

        private static Dictionary<string, string> Read(FencedCodeBlock block, string file, out Dictionary<string, int> lineOf)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            lineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var lines = block.Lines.Lines;
            for (var i = 0; i < block.Lines.Count; i++)
            {
                var text = lines[i].Slice.ToString();
                var number = lines[i].Line + 1;
                var trimmed = text.Trim();
                if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal)) continue;
                var colon = trimmed.IndexOf(':');
                if (colon <= 0)
                    throw new HelpFormatException(file, number, $"Parameter yaml line '{trimmed}' is not 'Key: value'.");
                var key = trimmed.Substring(0, colon).Trim();
                var canonical = Known.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new HelpFormatException(file, number, $"Unknown parameter yaml key '{key}'. Known keys: {string.Join(", ", Known)}.");
                if (values.ContainsKey(canonical))
                    throw new HelpFormatException(file, number, $"Parameter yaml key '{canonical}' appears twice.");
                values[canonical] = MarkdownText.Unquote(trimmed.Substring(colon + 1).Trim());
                lineOf[canonical] = number;
            }
            return values;
        }

        private static List<string> SplitList(string value) =>
            value.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0).ToList();

        private static bool Bool(string value, string file, int line, string key)
        {
            if (value.Equals("True", StringComparison.OrdinalIgnoreCase)) return true;
            if (value.Equals("False", StringComparison.OrdinalIgnoreCase)) return false;
            throw new HelpFormatException(file, line, $"'{key}' must be True or False, not '{value}'.");
        }

        private static int? ParsePosition(string value, string file, int line)
        {
            if (value.Equals("Named", StringComparison.OrdinalIgnoreCase)) return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var position)) return position;
            throw new HelpFormatException(file, line, $"'{Position}' must be Named or a number from 0, not '{value}'.");
        }

        /// <summary>"False", or "True (ByValue)", "True (ByPropertyName)", "True (ByValue, ByPropertyName)" in either order.</summary>
        private static (bool byValue, bool byPropertyName) ParsePipelineInput(string value, string file, int line)
        {
            if (value.Equals("False", StringComparison.OrdinalIgnoreCase)) return (false, false);
            var open = value.IndexOf('(');
            if (value.StartsWith("True", StringComparison.OrdinalIgnoreCase) && open > 0 && value.EndsWith(")", StringComparison.Ordinal)
                && value.Substring(0, open).Trim().Equals("True", StringComparison.OrdinalIgnoreCase))
            {
                var kinds = SplitList(value.Substring(open + 1, value.Length - open - 2));
                var byValue = kinds.Any(k => k.Equals("ByValue", StringComparison.OrdinalIgnoreCase));
                var byName = kinds.Any(k => k.Equals("ByPropertyName", StringComparison.OrdinalIgnoreCase));
                if (kinds.Count > 0 && kinds.Count == (byValue ? 1 : 0) + (byName ? 1 : 0)) return (byValue, byName);
            }
            throw new HelpFormatException(file, line,
                $"'{PipelineInput}' must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName), not '{value}'.");
        }
    }
}
