using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Reads a cmdlet's PlatyPS markdown (schema 2.0.0) into a <see cref="CommandHelp"/>, refusing what PlatyPS would
    /// refuse and what would make poor help (missing sections, empty descriptions, placeholders), with the file and line.
    /// </summary>
    public static class CommandHelpReader
    {
        public const string Synopsis = "SYNOPSIS";
        public const string Syntax = "SYNTAX";
        public const string Description = "DESCRIPTION";
        public const string Examples = "EXAMPLES";
        public const string Parameters = "PARAMETERS";
        public const string Inputs = "INPUTS";
        public const string Outputs = "OUTPUTS";
        public const string Notes = "NOTES";
        public const string RelatedLinks = "RELATED LINKS";

        private static readonly string[] RequiredSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs };
        private static readonly string[] AllSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks };
        private static readonly string[] CodeLanguages = { "powershell", "pwsh", "ps", "ps1", "" };
        private static readonly string[] OutputLanguages = { "output", "text", "console" };

        public static CommandHelp Read(string path, string moduleName, string mamlFileName) =>
            Parse(File.ReadAllText(path), path, moduleName, mamlFileName);

        public static CommandHelp Parse(string source, string file, string moduleName, string mamlFileName)
        {
            var blocks = MarkdownText.Parse(source).Where(b => !MarkdownText.IsComment(b)).ToList();
            if (blocks.Count == 0 || !(blocks[0] is YamlFrontMatterBlock frontMatter))
                throw new HelpFormatException(file, 1, "A cmdlet help file starts with PlatyPS front matter: '---', 'external help file: ...', 'Module Name: ...', 'online version:', 'schema: 2.0.0', '---'.");
            var metadata = MarkdownText.FrontMatter(frontMatter, file);
            CheckMetadata(metadata, file, MarkdownText.LineOf(frontMatter), moduleName, mamlFileName);

            if (blocks.Count < 2 || !(blocks[1] is HeadingBlock title) || title.Level != 1)
                throw new HelpFormatException(file, blocks.Count < 2 ? 1 : MarkdownText.LineOf(blocks[1]), "The front matter must be followed by '# <Verb-Noun>'.");
            var name = MarkdownText.HeadingText(title);
            var expected = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(name, expected, StringComparison.Ordinal))
                throw new HelpFormatException(file, MarkdownText.LineOf(title), $"The title '# {name}' must be the cmdlet name, which is the file name: '# {expected}'.");

            var sections = Sections(blocks.Skip(2), file);
            foreach (var required in RequiredSections)
            {
                if (!sections.ContainsKey(required))
                    throw new HelpFormatException(file, MarkdownText.LineOf(title), $"Section '## {required}' is missing.");
            }

            var help = new CommandHelp(name, file, metadata);
            ReadSynopsis(help, sections[Synopsis], file, source);
            help.Description.AddRange(NonEmpty(sections[Description], file, source));
            ReadExamples(help, sections[Examples], file, source);
            ReadParameters(help, sections[Parameters], file, source);
            ReadTypes(help.Inputs, sections[Inputs], file, source);
            ReadTypes(help.Outputs, sections[Outputs], file, source);
            if (sections.TryGetValue(Notes, out var notes)) help.Notes.AddRange(notes.Paragraphs(file, source));
            if (sections.TryGetValue(RelatedLinks, out var links)) ReadLinks(help, links, file);
            ReadSyntax(help, sections[Syntax], file);
            return help;
        }

        private static void CheckMetadata(IReadOnlyDictionary<string, string> metadata, string file, int line, string moduleName, string mamlFileName)
        {
            void Expect(string key, string value)
            {
                if (!metadata.TryGetValue(key, out var actual))
                    throw new HelpFormatException(file, line, $"The front matter has no '{key}: {value}' line.");
                if (!string.Equals(actual, value, StringComparison.Ordinal))
                    throw new HelpFormatException(file, line, $"The front matter says '{key}: {actual}'; this module needs '{key}: {value}'.");
            }

            Expect("schema", "2.0.0");
            Expect("external help file", mamlFileName);
            Expect("Module Name", moduleName);
        }

        private static Dictionary<string, MarkdownSection> Sections(IEnumerable<Block> blocks, string file)
        {
            var sections = new Dictionary<string, MarkdownSection>(StringComparer.Ordinal);
            MarkdownSection? current = null;
            foreach (var block in blocks)
            {
                if (block is HeadingBlock heading && heading.Level <= 2)
                {
                    var text = MarkdownText.HeadingText(heading);
                    if (heading.Level == 1)
                        throw new HelpFormatException(file, MarkdownText.LineOf(block), $"Only one '#' title per file; '# {text}' should be a '##' section.");
                    var known = AllSections.FirstOrDefault(s => s.Equals(text, StringComparison.OrdinalIgnoreCase))
                        ?? throw new HelpFormatException(file, MarkdownText.LineOf(block), $"Unknown section '## {text}'. Sections: {string.Join(", ", AllSections)}.");
                    if (sections.ContainsKey(known))
                        throw new HelpFormatException(file, MarkdownText.LineOf(block), $"Section '## {known}' appears twice.");
                    current = new MarkdownSection(heading);
                    sections[known] = current;
                    continue;
                }
                if (current is null)
                    throw new HelpFormatException(file, MarkdownText.LineOf(block), $"{MarkdownText.Describe(block)} before the first '##' section.");
                current.Blocks.Add(block);
            }
            return sections;
        }

        private static List<string> NonEmpty(MarkdownSection section, string file, string source)
        {
            var paragraphs = section.Paragraphs(file, source).Where(p => p.Trim().Length > 0).ToList();
            if (paragraphs.Count == 0) throw new HelpFormatException(file, section.Line, $"Section '## {section.Title}' is empty.");
            return paragraphs;
        }

        private static void ReadSynopsis(CommandHelp help, MarkdownSection section, string file, string source)
        {
            var paragraphs = NonEmpty(section, file, source);
            if (paragraphs.Count != 1 || section.Blocks.Count(b => !MarkdownText.IsComment(b)) != 1 || !(section.Blocks[0] is ParagraphBlock))
                throw new HelpFormatException(file, section.Line, "'## SYNOPSIS' is one paragraph: what the cmdlet does, in a sentence.");
            help.Synopsis = paragraphs[0];
        }

        private static void ReadExamples(CommandHelp help, MarkdownSection section, string file, string source)
        {
            var (preamble, entries) = section.Entries(file);
            if (preamble.Count > 0)
                throw new HelpFormatException(file, MarkdownText.LineOf(preamble[0]), "Text under '## EXAMPLES' belongs under an '### Example N: title' heading.");
            if (entries.Count == 0)
                throw new HelpFormatException(file, section.Line, "'## EXAMPLES' has no '### Example N: title' entry.");
            foreach (var entry in entries)
            {
                var example = new ExampleHelp(entry.Title, entry.Line);
                var code = new List<string>();
                foreach (var block in entry.Blocks)
                {
                    var language = MarkdownText.FenceLanguage(block)?.ToLowerInvariant();
                    if (language is null && block is CodeBlock)
                        throw new HelpFormatException(file, MarkdownText.LineOf(block), "Example code goes in a fenced ```powershell block.");
                    if (language is null)
                    {
                        example.Remarks.AddRange(MarkdownText.Paragraphs(block, file, source));
                        continue;
                    }
                    var text = MarkdownText.CheckText(MarkdownText.CodeText((CodeBlock)block), file, block);
                    if (CodeLanguages.Contains(language)) code.Add(text);
                    else if (OutputLanguages.Contains(language))
                    {
                        example.Remarks.Add(text);
                        example.Output.Add(text);
                    }
                    else
                        throw new HelpFormatException(file, MarkdownText.LineOf(block),
                            $"Example code blocks are ```powershell (code) or ```output (what it prints), not ```{language}.");
                }
                if (code.Count == 0 || code.All(c => c.Trim().Length == 0))
                    throw new HelpFormatException(file, entry.Line, $"Example '{entry.Title}' has no ```powershell code block.");
                example.Code = string.Join("\n", code);
                help.Examples.Add(example);
            }
        }

        private static void ReadParameters(CommandHelp help, MarkdownSection section, string file, string source)
        {
            var (preamble, entries) = section.Entries(file);
            if (preamble.Count > 0)
                throw new HelpFormatException(file, MarkdownText.LineOf(preamble[0]), "Text under '## PARAMETERS' belongs under a '### -Name' heading.");
            foreach (var entry in entries)
            {
                if (entry.Title == "CommonParameters")
                {
                    help.HasCommonParameters = true;
                    continue;
                }
                if (entry.Title.Length < 2 || entry.Title[0] != '-' || !entry.Title.Skip(1).All(c => char.IsLetterOrDigit(c) || c == '_'))
                    throw new HelpFormatException(file, entry.Line, $"A parameter heading is '### -Name' (or '### CommonParameters'), not '### {entry.Title}'.");
                var parameter = new ParameterHelp(entry.Title.Substring(1), entry.Line);
                if (help.Parameters.Any(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)))
                    throw new HelpFormatException(file, entry.Line, $"Parameter -{parameter.Name} is documented twice.");
                foreach (var block in entry.Blocks)
                {
                    if (MarkdownText.FenceLanguage(block)?.ToLowerInvariant() == "yaml")
                        ParameterYaml.Apply((FencedCodeBlock)block, parameter, file);
                    else
                        parameter.Description.AddRange(MarkdownText.Paragraphs(block, file, source));
                }
                if (parameter.Sets.Count == 0)
                    throw new HelpFormatException(file, entry.Line, $"-{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
                if (parameter.Description.All(d => d.Trim().Length == 0))
                    throw new HelpFormatException(file, entry.Line, $"-{parameter.Name} has no description.");
                help.Parameters.Add(parameter);
            }
        }

        private static void ReadTypes(List<TypeHelp> types, MarkdownSection section, string file, string source)
        {
            var (preamble, entries) = section.Entries(file);
            if (preamble.Count > 0)
                throw new HelpFormatException(file, MarkdownText.LineOf(preamble[0]), $"Text under '## {section.Title}' belongs under a '### TypeName' heading (### None when there is none).");
            if (entries.Count == 0)
                throw new HelpFormatException(file, section.Line, $"'## {section.Title}' lists no type; write '### None' when there is none.");
            foreach (var entry in entries)
            {
                var type = new TypeHelp(entry.Title);
                type.Description.AddRange(entry.Paragraphs(file, source));
                types.Add(type);
            }
        }

        private static void ReadLinks(CommandHelp help, MarkdownSection section, string file)
        {
            foreach (var block in section.Blocks)
            {
                var paragraphs = block switch
                {
                    ParagraphBlock p => new[] { p },
                    ListBlock list => list.Descendants<ParagraphBlock>().ToArray(),
                    _ => throw new HelpFormatException(file, MarkdownText.LineOf(block), $"'## RELATED LINKS' holds links, one per line or list item, not {MarkdownText.Describe(block).ToLowerInvariant()}."),
                };
                foreach (var paragraph in paragraphs)
                {
                    if (paragraph.Inline is null) continue;
                    foreach (var inline in paragraph.Inline)
                    {
                        if (inline is LinkInline link)
                            help.RelatedLinks.Add(new RelatedLink(MarkdownText.Inline(link).Trim(), MarkdownText.IsAbsoluteUri(link.Url) ? link.Url! : string.Empty));
                        else if (inline is AutolinkInline auto)
                            help.RelatedLinks.Add(new RelatedLink(auto.Url, auto.Url));
                        else if (inline is LiteralInline literal && literal.Content.ToString().Trim().Length > 0)
                            help.RelatedLinks.Add(new RelatedLink(literal.Content.ToString().Trim(), string.Empty));
                    }
                }
            }
        }

        /// <summary>
        /// Checks SYNTAX against the parameter sets the yaml blocks name, and takes from it the order of the sets and the default.
        /// Like PlatyPS, the MAML syntax is built from the parameters; the SYNTAX text is for people reading the markdown.
        /// </summary>
        private static void ReadSyntax(CommandHelp help, MarkdownSection section, string file)
        {
            var (preamble, entries) = section.Entries(file);
            var namedSets = help.Parameters.SelectMany(p => p.Sets).Where(s => !s.IsAllSets).Select(s => s.ParameterSet)
                .Distinct(StringComparer.Ordinal).ToList();
            var codeBlocks = preamble.Where(b => !(b is CodeBlock)).ToList();
            if (codeBlocks.Count > 0)
                throw new HelpFormatException(file, MarkdownText.LineOf(codeBlocks[0]), "'## SYNTAX' holds code blocks, each under a '### SetName' heading when the cmdlet has several parameter sets.");

            if (entries.Count == 0)
            {
                if (preamble.Count != 1)
                    throw new HelpFormatException(file, section.Line, preamble.Count == 0
                        ? "'## SYNTAX' has no code block."
                        : "'## SYNTAX' has several code blocks: put each under a '### SetName' heading.");
                if (namedSets.Count > 1)
                    throw new HelpFormatException(file, section.Line, $"The parameters name {namedSets.Count} parameter sets ({string.Join(", ", namedSets)}): give each a '### SetName' block under '## SYNTAX'.");
                help.Syntax.Add(new SyntaxBlock(namedSets.SingleOrDefault(), false, MarkdownText.CodeText((CodeBlock)preamble[0]), MarkdownText.LineOf(preamble[0])));
                help.ParameterSets.AddRange(namedSets);
                return;
            }

            if (preamble.Count > 0)
                throw new HelpFormatException(file, MarkdownText.LineOf(preamble[0]), "A syntax block before the first '### SetName' heading.");
            foreach (var entry in entries)
            {
                const string defaultMark = "(Default)";
                var isDefault = entry.Title.EndsWith(defaultMark, StringComparison.OrdinalIgnoreCase);
                var set = isDefault ? entry.Title.Substring(0, entry.Title.Length - defaultMark.Length).Trim() : entry.Title;
                var code = entry.Blocks.OfType<CodeBlock>().ToList();
                if (code.Count != 1 || entry.Blocks.Count != 1)
                    throw new HelpFormatException(file, entry.Line, $"'### {entry.Title}' under SYNTAX holds exactly one code block.");
                if (!namedSets.Contains(set, StringComparer.Ordinal))
                    throw new HelpFormatException(file, entry.Line, namedSets.Count == 0
                        ? $"SYNTAX names parameter set '{set}', but every parameter is in '(All)'."
                        : $"SYNTAX names parameter set '{set}', which no parameter's 'Parameter Sets' lists (they list {string.Join(", ", namedSets)}).");
                if (help.Syntax.Any(s => s.ParameterSet == set))
                    throw new HelpFormatException(file, entry.Line, $"Parameter set '{set}' has two SYNTAX blocks.");
                if (isDefault && help.DefaultParameterSet != null)
                    throw new HelpFormatException(file, entry.Line, $"Both '{help.DefaultParameterSet}' and '{set}' are marked (Default).");
                if (isDefault) help.DefaultParameterSet = set;
                help.Syntax.Add(new SyntaxBlock(set, isDefault, MarkdownText.CodeText(code[0]), MarkdownText.LineOf(code[0])));
                help.ParameterSets.Add(set);
            }
            var missing = namedSets.Except(help.ParameterSets, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
                throw new HelpFormatException(file, section.Line, $"Parameter set(s) {string.Join(", ", missing)} have no '### SetName' block under SYNTAX.");
        }
    }
}
