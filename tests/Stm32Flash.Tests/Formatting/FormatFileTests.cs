using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Xml.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>Stm32Flash.format.ps1xml as a file: it loads, and every view names real types and properties and fits 80 columns.</summary>
    public class FormatFileTests
    {
        /// <summary>What a column without a width needs at least, beside its label.</summary>
        private const int AutoColumnMinimum = 10;

        private static readonly Assembly[] ModuleAssemblies =
        {
            typeof(Segment).Assembly,
            Assembly.LoadFrom(Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll")),
        };

        public static TheoryData<string> AllViews => new TheoryData<string>(FormatFile.Views.Select(v => v.Name));

        public static TheoryData<string> TableViews => new TheoryData<string>(FormatFile.Views.Where(v => v.IsTable).Select(v => v.Name));

        private static Type TypeOf(string name) =>
            ModuleAssemblies.Select(a => a.GetType(name)).SingleOrDefault(t => t != null)
            ?? throw new Xunit.Sdk.XunitException($"{name} is not a type of Stm32Flash.Core or Stm32Flash.");

        [Fact]
        public void The_engine_loads_the_file_and_refuses_a_broken_copy()
        {
            _ = new FormatTable(new[] { FormatFile.Path });

            using var folder = new TempFolder();
            var broken = XDocument.Load(FormatFile.Path);
            broken.Descendants("TableColumnHeader").First().Parent!.Add(new XElement("Bogus"));
            var path = Path.Combine(folder.Path, "broken.format.ps1xml");
            broken.Save(path);
            Assert.Throws<FormatTableLoadException>(() => new FormatTable(new[] { path }));
        }

        [Fact]
        public void Views_have_unique_names_and_every_one_is_shown_with_objects_the_cmdlets_make()
        {
            var names = FormatFile.Views.Select(v => v.Name).ToList();
            Assert.Equal(names.Distinct(), names);
            Assert.Equal(names.OrderBy(n => n), ViewSamples.ByView.Keys.Concat(ProbeViewTests.Views).OrderBy(n => n));
        }

        [Fact]
        public void A_type_with_a_table_and_a_list_has_the_table_first_so_that_it_is_the_default()
        {
            foreach (var type in FormatFile.Views.SelectMany(v => v.TypeNames).Distinct())
            {
                var views = FormatFile.Views.Where(v => v.TypeNames.Contains(type)).ToList();
                if (views.Any(v => v.IsTable)) Assert.True(views[0].IsTable, $"{type}: the first view is {views[0].Name}, a list");
            }
        }

        [Theory]
        [MemberData(nameof(AllViews))]
        public void Every_type_and_property_is_real_and_every_script_parses(string name)
        {
            var view = FormatFile.Views.Single(v => v.Name == name);
            Assert.NotEmpty(view.TypeNames);
            Assert.NotEmpty(view.Columns);
            foreach (var type in view.TypeNames.Select(TypeOf))
            {
                Assert.True(type.IsPublic, $"{type} is not public");
                foreach (var property in view.Columns.Select(c => c.PropertyName).OfType<string>())
                    Assert.True(type.GetProperty(property, BindingFlags.Public | BindingFlags.Instance) != null, $"{type} has no property {property}");
            }
            foreach (var column in view.Columns)
            {
                Assert.True(column.PropertyName != null ^ column.ScriptBlock != null, $"{column.Label}: a property or a script block, not both or neither");
                if (column.ScriptBlock is null) continue;
                Parser.ParseInput(column.ScriptBlock, out _, out var errors);
                Assert.True(errors.Length == 0, $"{column.Label}: {string.Join("; ", errors.Select(e => e.Message))}");
            }
        }

        [Theory]
        [MemberData(nameof(TableViews))]
        public void A_tables_columns_and_separators_fit_80_columns(string name)
        {
            var view = FormatFile.Views.Single(v => v.Name == name);
            Assert.All(view.Columns.Where(c => c.Width.HasValue), c => Assert.True(c.Width >= c.Label.Length, $"{c.Label} is wider than its column"));
            var total = view.Columns.Sum(c => c.Width ?? Math.Max(c.Label.Length, AutoColumnMinimum)) + view.Columns.Count - 1;
            Assert.True(total <= 80, $"{total} columns");
        }
    }
}
