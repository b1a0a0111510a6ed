using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Writes the MAML that PowerShell's Get-Help reads for a binary module (&lt;Assembly&gt;.dll-Help.xml), in the layout
    /// PlatyPS's New-ExternalHelp produces: one command:command per cmdlet with details, description, a syntax item per
    /// parameter set, parameters, input and return types, notes (alertSet), examples and related links.
    /// </summary>
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument ToMaml(IEnumerable<CommandHelp> commands) =>
            new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(ToCommand)));

        public static string Render(IEnumerable<CommandHelp> commands)
        {
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            using var stream = new MemoryStream();
            using (var writer = XmlWriter.Create(stream, settings))
                ToMaml(commands).Save(writer);
            return new UTF8Encoding(false).GetString(stream.ToArray()) + "\n";
        }

        private static XElement ToCommand(CommandHelp help)
        {
            var dash = help.Name.IndexOf('-');
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    new XElement(Command + "verb", dash > 0 ? help.Name.Substring(0, dash) : help.Name),
                    new XElement(Command + "noun", dash > 0 ? help.Name.Substring(dash + 1) : string.Empty),
                    Description(new[] { help.Synopsis })),
                Description(help.Description),
                new XElement(Command + "syntax", SyntaxItems(help)),
                new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Sets[0], inSyntax: false, required: p.Sets.Any(s => s.Required), pipeline: Union(p.Sets)))),
                new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
                new XElement(Maml + "alertSet", help.Notes.Count == 0 ? null : new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", Links(help)));
        }

        /// <summary>One syntax item per parameter set (SYNTAX order), or one for a cmdlet with a single set.</summary>
        private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
        {
            var sets = help.ParameterSets.Count == 0 ? new string?[] { null } : help.ParameterSets.Cast<string?>().ToArray();
            foreach (var set in sets)
            {
                var members = help.Parameters
                    .Select(p => (parameter: p, binding: set is null ? p.Sets[0] : p.BindingFor(set)))
                    .Where(x => x.binding != null)
                    .Select((x, order) => (x.parameter, binding: x.binding!, order))
                    .OrderBy(x => x.binding.Position ?? int.MaxValue)
                    .ThenBy(x => x.order);
                yield return new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", help.Name),
                    members.Select(x => Parameter(x.parameter, x.binding, inSyntax: true, required: x.binding.Required, pipeline: x.binding.PipelineInput)));
            }
        }

        private static string Union(IEnumerable<ParameterSetBinding> sets)
        {
            var list = sets.ToList();
            return new ParameterSetBinding(ParameterSetBinding.AllSets, false, null, list.Any(s => s.ByValue), list.Any(s => s.ByPropertyName), 0).PipelineInput;
        }

        private static XElement Parameter(ParameterHelp parameter, ParameterSetBinding binding, bool inSyntax, bool required, string pipeline)
        {
            var type = parameter.IsSwitch ? "SwitchParameter" : parameter.Type;
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", Bool(parameter.IsArray)),
                new XAttribute("globbing", Bool(parameter.Globbing)),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", binding.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
                new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));
            if (inSyntax && parameter.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup",
                    parameter.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
            }
            // In syntax a switch shows as [-Name] without a value; in the parameter list as -Name [<SwitchParameter>].
            if (!(inSyntax && parameter.IsSwitch))
            {
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!parameter.IsSwitch)),
                    new XAttribute("variableLength", Bool(parameter.IsArray)),
                    type));
            }
            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.DefaultValue ?? "None"));
            return element;
        }

        private static XElement TypeEntry(string name, TypeHelp type) =>
            new XElement(Command + name,
                new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
                Description(type.Description));

        private static XElement Example(ExampleHelp example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", $"--------- {example.Title} ---------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paras(example.Remarks)));

        private static IEnumerable<XElement> Links(CommandHelp help)
        {
            if (help.Metadata.TryGetValue("online version", out var online) && MarkdownText.IsAbsoluteUri(online))
                yield return Link("Online Version:", online);
            foreach (var link in help.RelatedLinks)
                yield return Link(link.Text, link.Uri);
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
            paragraphs.Select(p => new XElement(Maml + "para", p));

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
