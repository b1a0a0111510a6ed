using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Stm32Flash.HelpCompiler.Model;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// Drift between docs/&lt;cmdlet&gt;.md and the cmdlet as Get-Command reports it: parameter names, types, aliases,
    /// wildcards, accepted values (ValidateSet or enum), parameter sets and, per set, Mandatory, Position and pipeline input; the SYNTAX blocks' parameters.
    /// Common parameters are excluded; -WhatIf and -Confirm are documented like other parameters, as PlatyPS does.
    /// </summary>
    public class ParameterDriftTests : IClassFixture<ModuleSessionFixture>
    {
        private const string CommandShape = """
            # What Get-Help lists as a parameter's values: a ValidateSet's, or an enum's names.
            function AcceptedValues($parameter) {
                $set = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] })
                if ($set.Count -gt 0) { return $set[0].ValidValues }
                $type = $parameter.ParameterType
                if ($type.IsArray) { $type = $type.GetElementType() }
                $underlying = [System.Nullable]::GetUnderlyingType($type)
                if ($null -ne $underlying) { $type = $underlying }
                if ($type.IsEnum) { return [System.Enum]::GetNames($type) }
            }
            $c = Get-Command -Name $args[0] -CommandType Cmdlet
            $common = [System.Management.Automation.Cmdlet]::CommonParameters
            [pscustomobject]@{
                DefaultSet = [string]$c.DefaultParameterSet
                Sets = @($c.ParameterSets | ForEach-Object { [string]$_.Name })
                Syntax = @($c.ParameterSets | ForEach-Object { $c.Name + ' ' + $_.ToString() })
                Parameters = @($c.ParameterSets | ForEach-Object {
                    $set = $_
                    $set.Parameters | Where-Object { -not $common.Contains($_.Name) } | ForEach-Object {
                        [pscustomobject]@{
                            Set = [string]$set.Name; Name = [string]$_.Name; Type = [type]$_.ParameterType
                            Mandatory = [bool]$_.IsMandatory; Position = [int]$_.Position
                            ByValue = [bool]$_.ValueFromPipeline; ByPropertyName = [bool]$_.ValueFromPipelineByPropertyName
                            Aliases = @($_.Aliases | ForEach-Object { [string]$_ })
                            Wildcards = [bool]@($_.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
                            AcceptedValues = @(AcceptedValues $_)
                        }
                    }
                })
            }
            """;

        private readonly ModuleSessionFixture _fixture;

        public ParameterDriftTests(ModuleSessionFixture fixture) => _fixture = fixture;

        public static TheoryData<string> Cmdlets => CmdletHelpTests.Cmdlets;

        private sealed record Binding(string Set, string Name, Type Type, bool Mandatory, int Position, bool ByValue, bool ByPropertyName,
            string[] Aliases, bool Wildcards, string[] AcceptedValues);

        [Theory]
        [MemberData(nameof(Cmdlets))]
        public void Documented_parameters_match_the_cmdlet(string cmdlet)
        {
            var doc = HelpDocs.Read(cmdlet);
            var shape = _fixture.Session.Run(CommandShape, cmdlet).AssertNoErrors().Output.Single();
            var sets = ((object[])shape.Properties["Sets"].Value).Select(s => s.ToString()!).ToList();
            var bindings = ((object[])shape.Properties["Parameters"].Value).Cast<PSObject>().Select(ToBinding).ToList();
            var differences = new List<string>();

            var actualNames = bindings.Select(b => b.Name).Distinct().ToList();
            foreach (var missing in actualNames.Except(doc.Parameters.Select(p => p.Name), StringComparer.Ordinal))
                differences.Add($"-{missing} is not documented: add '### -{missing}' with its yaml block under PARAMETERS.");
            foreach (var extra in doc.Parameters.Select(p => p.Name).Except(actualNames, StringComparer.Ordinal))
                differences.Add($"-{extra} is documented but the cmdlet has no such parameter.");

            foreach (var parameter in doc.Parameters.Where(p => actualNames.Contains(p.Name, StringComparer.Ordinal)))
            {
                var actual = bindings.Where(b => b.Name == parameter.Name).ToList();
                var first = actual[0];
                if (!TypeNames(first.Type).Contains(parameter.Type, StringComparer.Ordinal))
                    differences.Add($"-{parameter.Name}: Type is '{parameter.Type}'; the cmdlet's is {first.Type} (write {string.Join(" or ", TypeNames(first.Type).Select(n => $"'{n}'"))}).");
                if (!first.Aliases.OrderBy(a => a).SequenceEqual(parameter.Aliases.OrderBy(a => a), StringComparer.OrdinalIgnoreCase))
                    differences.Add($"-{parameter.Name}: Aliases are '{string.Join(", ", parameter.Aliases)}'; the cmdlet's are '{string.Join(", ", first.Aliases)}'.");
                if (first.Wildcards != parameter.Globbing)
                    differences.Add($"-{parameter.Name}: 'Accept wildcard characters' is {parameter.Globbing}; the cmdlet says {first.Wildcards}.");
                if (!first.AcceptedValues.OrderBy(v => v, StringComparer.OrdinalIgnoreCase).SequenceEqual(parameter.AcceptedValues.OrderBy(v => v, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
                    differences.Add($"-{parameter.Name}: 'Accepted values' are '{string.Join(", ", parameter.AcceptedValues)}'; the cmdlet accepts '{string.Join(", ", first.AcceptedValues)}'.");
                differences.AddRange(SetDifferences(parameter, actual, sets));
            }

            if (sets.Count > 1)
            {
                if (!doc.ParameterSets.OrderBy(s => s).SequenceEqual(sets.OrderBy(s => s), StringComparer.Ordinal))
                    differences.Add($"SYNTAX has parameter sets {string.Join(", ", doc.ParameterSets)}; the cmdlet has {string.Join(", ", sets)}.");
                var defaultSet = (string)shape.Properties["DefaultSet"].Value;
                if (doc.DefaultParameterSet != defaultSet)
                    differences.Add($"SYNTAX marks '{doc.DefaultParameterSet ?? "no set"}' (Default); the cmdlet's default parameter set is '{defaultSet}'.");
            }
            differences.AddRange(SyntaxDifferences(doc, bindings, sets));

            var syntax = string.Join("\n", ((object[])shape.Properties["Syntax"].Value).Select(s => "  " + s));
            Assert.True(differences.Count == 0,
                $"docs/{cmdlet}.md does not match the cmdlet:\n- {string.Join("\n- ", differences)}\nThe cmdlet's syntax:\n{syntax}");
        }

        private static T Value<T>(PSObject o, string name)
        {
            var value = o.Properties[name].Value;
            return (T)(value is PSObject wrapped ? wrapped.BaseObject : value);
        }

        private static Binding ToBinding(PSObject o) => new Binding(
            Value<string>(o, "Set"), Value<string>(o, "Name"), Value<Type>(o, "Type"),
            Value<bool>(o, "Mandatory"), Value<int>(o, "Position"), Value<bool>(o, "ByValue"), Value<bool>(o, "ByPropertyName"),
            Value<object[]>(o, "Aliases").Select(a => a.ToString()!).ToArray(), Value<bool>(o, "Wildcards"),
            Value<object[]>(o, "AcceptedValues").Select(a => a.ToString()!).ToArray());

        /// <summary>How a doc may spell a type: PlatyPS writes the short name; the full name and a nullable's underlying type are accepted.</summary>
        private static IReadOnlyList<string> TypeNames(Type type)
        {
            var names = new List<string> { type.Name, type.FullName ?? type.Name };
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null) names.AddRange(new[] { underlying.Name, underlying.FullName ?? underlying.Name });
            if (type == typeof(SwitchParameter)) names.Add("SwitchParameter");
            return names.Distinct().ToList();
        }

        /// <summary>Compares, for every parameter set of the cmdlet, whether the parameter is in it and how it binds there.</summary>
        private static IEnumerable<string> SetDifferences(ParameterHelp parameter, List<Binding> actual, List<string> sets)
        {
            foreach (var set in sets)
            {
                var real = actual.SingleOrDefault(b => b.Set == set);
                var documented = sets.Count == 1 && parameter.Sets.Count == 1 ? parameter.Sets[0] : parameter.BindingFor(set);
                if (real is null && documented is null) continue;
                if (real is null)
                {
                    yield return $"-{parameter.Name}: documented in parameter set '{set}', which it is not in" +
                                 (documented!.IsAllSets ? " (it says '(All)'; list its sets instead)." : ".");
                    continue;
                }
                if (documented is null)
                {
                    yield return $"-{parameter.Name}: in parameter set '{set}', but its yaml does not list that set.";
                    continue;
                }
                var position = real.Position == int.MinValue ? (int?)null : real.Position;
                if (documented.Required != real.Mandatory)
                    yield return $"-{parameter.Name} in '{set}': Required is {documented.Required}; the cmdlet says {real.Mandatory}.";
                if (documented.Position != position)
                    yield return $"-{parameter.Name} in '{set}': Position is {documented.Position?.ToString() ?? "Named"}; the cmdlet says {position?.ToString() ?? "Named"}.";
                if (documented.ByValue != real.ByValue || documented.ByPropertyName != real.ByPropertyName)
                {
                    var expected = new ParameterSetBinding(set, false, null, real.ByValue, real.ByPropertyName, 0).PipelineInput;
                    yield return $"-{parameter.Name} in '{set}': 'Accept pipeline input' is {documented.PipelineInput}; the cmdlet takes {expected}.";
                }
            }
        }

        private static readonly Regex ParameterToken = new Regex(@"(?<![\w-])-(?<name>[A-Za-z_]\w*)", RegexOptions.Compiled);

        /// <summary>Each SYNTAX block names exactly the parameters of its set (common parameters aside).</summary>
        private static IEnumerable<string> SyntaxDifferences(CommandHelp doc, List<Binding> bindings, List<string> sets)
        {
            foreach (var block in doc.Syntax)
            {
                var set = block.ParameterSet ?? (sets.Count == 1 ? sets[0] : null);
                if (set is null || !sets.Contains(set)) continue;
                var written = ParameterToken.Matches(block.Code).Select(m => m.Groups["name"].Value).Distinct().ToList();
                var expected = bindings.Where(b => b.Set == set).Select(b => b.Name).ToList();
                var missing = expected.Except(written, StringComparer.Ordinal).ToList();
                var extra = written.Except(expected, StringComparer.Ordinal).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                    yield return $"SYNTAX (line {block.Line}) for '{set}'" +
                                 (missing.Count > 0 ? $" lacks -{string.Join(", -", missing)}" : "") +
                                 (extra.Count > 0 ? $" names -{string.Join(", -", extra)}, not in that set" : "") + ".";
            }
        }
    }
}
