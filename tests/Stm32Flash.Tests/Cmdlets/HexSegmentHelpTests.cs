using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>The help of Get-HexSegment, New-HexSegment and Export-HexSegment runs as written, and documents what the cmdlets have.</summary>
    public class HexSegmentHelpTests
    {
        public static IEnumerable<object[]> Examples() =>
            new[] { "Get-HexSegment", "New-HexSegment", "Export-HexSegment" }.SelectMany(name => ExamplesOf(name).Select((code, i) => new object[] { name, i + 1 }));

        private static string Doc(string name) => File.ReadAllText(Repo.PathOf("docs", name + ".md"));

        private static List<string> ExamplesOf(string name)
        {
            var doc = Doc(name);
            var examples = doc.Substring(doc.IndexOf("## EXAMPLES", StringComparison.Ordinal));
            examples = examples.Substring(0, examples.IndexOf("## PARAMETERS", StringComparison.Ordinal));
            return Regex.Matches(examples, "```powershell\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        }

        private static PsResult RunInSamplesCopy(TempFolder temp, string script)
        {
            var samples = Repo.PathOf("samples", "tiny-m33");
            Directory.CreateDirectory(temp.File(Path.Combine("samples", "tiny-m33")));
            foreach (var file in Directory.GetFiles(samples)) File.Copy(file, Path.Combine(temp.File(Path.Combine("samples", "tiny-m33")), Path.GetFileName(file)));
            using var ps = new PsSession();
            return ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); " + script, temp.Path);
        }

        [Theory]
        [MemberData(nameof(Examples))]
        public void Examples_run_without_errors_or_warnings(string cmdlet, int example)
        {
            using var temp = new TempFolder();
            var result = RunInSamplesCopy(temp, ExamplesOf(cmdlet)[example - 1]).AssertNoErrors();
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void The_first_example_output_is_what_the_sample_gives()
        {
            using var temp = new TempFolder();
            var segments = RunInSamplesCopy(temp, "Get-HexSegment ./samples/tiny-m33/firmware.hex").AssertNoErrors().Objects<Segment>()
                .Select(s => $"0x{s.Address:X8} 0x{s.EndAddress:X8} {s.Length} B {s.Source}").ToList();
            var doc = Doc("Get-HexSegment");
            var output = Regex.Match(doc, "```Output\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            var rows = output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).Select(l => Regex.Replace(l.Trim(), @"\s+", " ")).ToList();
            Assert.Equal(segments, rows);
        }

        [Theory]
        [InlineData("Get-HexSegment")]
        [InlineData("New-HexSegment")]
        [InlineData("Export-HexSegment")]
        public void Every_parameter_is_documented_with_its_aliases_and_values(string cmdlet)
        {
            using var ps = new PsSession();
            var parameters = ps.Run("(Get-Command $args[0]).Parameters.Values | Where-Object { -not [System.Management.Automation.Cmdlet]::CommonParameters.Contains($_.Name) }", cmdlet)
                .AssertNoErrors().Objects<ParameterMetadata>().ToList();
            var doc = Doc(cmdlet);
            var documented = Regex.Matches(doc, @"^### -(\w+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(parameters.Select(p => p.Name).OrderBy(n => n), documented.OrderBy(n => n));
            foreach (var p in parameters)
            {
                var section = doc.Substring(doc.IndexOf($"### -{p.Name}\n", StringComparison.Ordinal));
                var yaml = Regex.Match(section, "```yaml\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
                var aliases = Regex.Match(yaml, @"^Aliases:(.*)$", RegexOptions.Multiline).Groups[1].Value.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0);
                Assert.Equal(p.Aliases.OrderBy(a => a), aliases.OrderBy(a => a));
                var validateSet = p.Attributes.OfType<ValidateSetAttribute>().SingleOrDefault()?.ValidValues
                    ?? (p.ParameterType.IsEnum ? Enum.GetNames(p.ParameterType) : null);
                var accepted = Regex.Match(yaml, @"^Accepted values: (.*)$", RegexOptions.Multiline);
                if (validateSet != null) Assert.Equal(validateSet, accepted.Groups[1].Value.Split(',').Select(v => v.Trim()));
                else Assert.False(accepted.Success, $"-{p.Name} lists accepted values it does not have");
            }
        }

        [Fact]
        public void The_segment_view_shows_hex_addresses_in_80_columns()
        {
            var view = XDocument.Load(Repo.PathOf("Stm32Flash.format.ps1xml")).Descendants("View")
                .First(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "Stm32Flash.Segment");
            var widths = view.Descendants("TableColumnHeader").Select(h => (int?)h.Element("Width")).ToList();
            Assert.True(widths.Where(w => w.HasValue).Sum(w => w!.Value + 1) <= 80 - 20, "the fixed columns leave too little room for Source");
            var segment = new Segment(0x08000000, new byte[0x40], SegmentSource.FromLine("/x/fw.hex", 2));
            using var ps = new PsSession();
            var cells = view.Descendants("TableColumnItem").Select(item =>
            {
                var script = item.Element("ScriptBlock")?.Value;
                return script != null
                    ? ps.Run("$args[0] | ForEach-Object ([scriptblock]::Create($args[1]))", segment, script).AssertNoErrors().Output.Single().ToString()
                    : ps.Run("$args[0].($args[1])", segment, item.Element("PropertyName")!.Value).AssertNoErrors().Output.Single().ToString();
            }).ToList();
            Assert.Equal(new[] { "0x08000000", "0x08000040", "64 B", "fw.hex:2" }, cells);
        }

        [Fact]
        public void Start_addresses_and_images_have_views_that_show_hex()
        {
            var document = XDocument.Load(Repo.PathOf("Stm32Flash.format.ps1xml"));
            XElement ViewOf(string type) => document.Descendants("View").First(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type);
            using var ps = new PsSession();
            string Run(XElement item, object target)
            {
                var script = item.Element("ScriptBlock")?.Value;
                var result = script != null
                    ? ps.Run("$args[0] | ForEach-Object ([scriptblock]::Create($args[1]))", target, script)
                    : ps.Run("$args[0].($args[1])", target, item.Element("PropertyName")!.Value);
                return string.Join("", result.AssertNoErrors().Output.Select(o => o?.ToString())).Replace(Environment.NewLine, "");
            }

            var csip = Stm32Flash.Images.StartAddress.SegmentCsIp(0x1234, 0x0010);
            Assert.Equal(new[] { "SegmentCsIp", "0x00012350", "1234", "0010" }, ViewOf("Stm32Flash.Images.StartAddress").Descendants("TableColumnItem").Select(i => Run(i, csip)));
            var linear = Stm32Flash.Images.StartAddress.Linear(0x08000195);
            Assert.Equal(new[] { "LinearEip", "0x08000195", "", "" }, ViewOf("Stm32Flash.Images.StartAddress").Descendants("TableColumnItem").Select(i => Run(i, linear)));

            var image = Stm32Flash.Images.ImageReader.Read(Repo.PathOf("samples", "tiny-m33", "firmware.hex"));
            Assert.Equal(new[] { image.Path!, "IntelHex", "2", "80", "0x08000009 (EIP)", "" }, ViewOf("Stm32Flash.Images.ImageInfo").Descendants("ListItem").Select(i => Run(i, image)));
        }
    }
}
