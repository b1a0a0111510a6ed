using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>
    /// Every view of Stm32Flash.format.ps1xml, rendered by the engine's own formatter at 80 columns with objects the cmdlets
    /// produce: all columns shown, nothing cut off, the facts there in hex and KiB; and every column's script block run
    /// on every sample under strict mode.
    /// </summary>
    public class ViewRenderingTests : IClassFixture<RenderingFixture>
    {
        private readonly RenderingFixture _fixture;

        public ViewRenderingTests(RenderingFixture fixture) => _fixture = fixture;

        public static TheoryData<string> SampledViews => new TheoryData<string>(ViewSamples.ByView.Keys);

        private static IEnumerable<string?> TypeAndBases(Type? type)
        {
            for (; type != null; type = type.BaseType) yield return type.FullName;
        }

        private static ViewDefinition View(string name) => FormatFile.Views.Single(v => v.Name == name);

        [Theory]
        [MemberData(nameof(SampledViews))]
        public void The_view_shows_its_facts_whole_within_80_columns(string name)
        {
            var view = View(name);
            var sample = ViewSamples.ByView[name];
            var lines = _fixture.Render(name, sample.Objects);
            var text = string.Join("\n", lines);

            Assert.Contains(lines, l => l.Trim().Length > 0);
            Assert.All(lines, l => Assert.True(l.Length <= RenderingFixture.Width, $"{l.Length} columns: {l}"));
            Assert.DoesNotContain("\u2026", text);
            Assert.DoesNotContain(lines, l => l.TrimEnd().EndsWith("...", StringComparison.Ordinal));
            if (view.IsTable)
            {
                var header = lines.First(l => l.Trim().Length > 0);
                Assert.All(view.Columns, c => Assert.Contains(c.Label, header));
            }
            else
            {
                Assert.All(view.Columns, c => Assert.True(lines.Any(l => l.StartsWith(c.Label + " ", StringComparison.Ordinal)), $"no {c.Label} in\n{text}"));
            }
            Assert.All(sample.MustShow, fact => Assert.Contains(fact, text));
        }

        [Theory]
        [MemberData(nameof(SampledViews))]
        public void Every_sample_is_of_the_views_type_and_every_column_works_on_it_under_strict_mode(string name)
        {
            var view = View(name);
            var objects = _fixture.Session.Run($"@({ViewSamples.ByView[name].Objects})").AssertNoErrors().Output;
            Assert.NotEmpty(objects);
            foreach (var o in objects)
                Assert.Contains(view.TypeNames, t => TypeAndBases(o.BaseObject.GetType()).Contains(t));

            foreach (var column in view.Columns)
            {
                var result = column.ScriptBlock is null
                    ? _fixture.Session.Run("& { Set-StrictMode -Version Latest; $property = $args[1]; @($args[0]) | ForEach-Object { $_.$property } } $args[0] $args[1]",
                        objects.ToArray(), column.PropertyName!)
                    : _fixture.Session.Run("& { Set-StrictMode -Version Latest; $cell = [scriptblock]::Create($args[1]); @($args[0]) | ForEach-Object $cell } $args[0] $args[1]",
                        objects.ToArray(), column.ScriptBlock);
                result.AssertNoErrors();
                if (column.PropertyName != null)
                    Assert.All(objects, o => Assert.NotNull(o.Properties[column.PropertyName]));
            }
        }

        [Fact]
        public void A_script_that_names_a_missing_property_fails_the_strict_mode_check()
        {
            var result = _fixture.Session.Run("& { Set-StrictMode -Version Latest; $cell = [scriptblock]::Create($args[1]); @($args[0]) | ForEach-Object $cell } $args[0] $args[1]",
                _fixture.Session.Run("$segments").Output.ToArray(), "'0x{0:X8}' -f $_.Adress");
            Assert.NotEmpty(result.Errors);
        }

        [Fact]
        public void A_long_source_wraps_within_80_columns_rather_than_being_cut_off()
        {
            var origin = string.Concat(Enumerable.Range(0, 30).Select(i => $"part{i} "));
            var lines = _fixture.Render("Stm32Flash.Segment", $"[Stm32Flash.Segment]::new(0x08000000, [byte[]]::new(4), [Stm32Flash.SegmentSource]::FromOrigin('{origin}'))");
            Assert.All(lines, l => Assert.True(l.Length <= RenderingFixture.Width, l));
            var rows = lines.Where(l => l.Trim().Length > 0).Skip(2).ToList();
            Assert.True(rows.Count > 2, string.Join("\n", lines));
            Assert.Equal(origin.Replace(" ", ""), string.Concat(rows.Select(r => r.Substring(34).Replace(" ", ""))));
        }
    }
}
