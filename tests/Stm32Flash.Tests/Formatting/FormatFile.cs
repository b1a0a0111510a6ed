using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>One cell of a view: a table column or a list item, showing a property or a script block's result.</summary>
    public sealed record ViewColumn(string Label, int? Width, string? PropertyName, string? ScriptBlock);

    /// <summary>A view of Stm32Flash.format.ps1xml as the tests read it.</summary>
    public sealed record ViewDefinition(string Name, IReadOnlyList<string> TypeNames, bool IsTable, IReadOnlyList<ViewColumn> Columns)
    {
        public override string ToString() => Name;
    }

    /// <summary>Reads the module's format file, and writes copies of it in which each view is selected by a type name of its own.</summary>
    public static class FormatFile
    {
        public static string Path => Repo.PathOf("Stm32Flash.format.ps1xml");

        public static IReadOnlyList<ViewDefinition> Views { get; } = Read(XDocument.Load(Path));

        private static IReadOnlyList<ViewDefinition> Read(XDocument document) =>
            document.Descendants("View").Select(view =>
            {
                var types = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value.Trim()).ToList();
                var table = view.Element("TableControl");
                if (table != null)
                {
                    var headers = table.Descendants("TableColumnHeader").ToList();
                    var items = table.Descendants("TableColumnItem").ToList();
                    var columns = headers.Zip(items, (h, i) => Column(i, (string?)h.Element("Label"), (int?)h.Element("Width"))).ToList();
                    if (headers.Count != items.Count) columns.Add(new ViewColumn($"<{headers.Count} headers, {items.Count} items>", null, null, null));
                    return new ViewDefinition((string)view.Element("Name")!, types, true, columns);
                }
                var list = view.Descendants("ListItem").Select(i => Column(i, (string?)i.Element("Label"), null)).ToList();
                return new ViewDefinition((string)view.Element("Name")!, types, false, list);
            }).ToList();

        private static ViewColumn Column(XElement item, string? label, int? width)
        {
            var property = (string?)item.Element("PropertyName");
            return new ViewColumn(label ?? property ?? "", width, property, (string?)item.Element("ScriptBlock"));
        }

        /// <summary>
        /// The view's place among the views of its type: 0 for the one PowerShell shows by default (the first in the file),
        /// 1 for the next (the list view Format-List uses) ...
        /// </summary>
        public static int RankOf(ViewDefinition view) =>
            Views.Where(v => v.TypeNames.Intersect(view.TypeNames).Any()).ToList().IndexOf(view);

        public static int MaxRank => Views.Max(RankOf);

        /// <summary>
        /// Writes a copy of the format file that keeps only the views of one rank, so that each of them is the default view
        /// of its type in a runspace that loads the copy alone: the way to have Out-Host (Format-List is not in the test
        /// engine) show a type's second view, without touching the objects' type names, which PowerShell shares process-wide.
        /// </summary>
        public static string WriteRank(string folder, int rank)
        {
            var document = XDocument.Load(Path);
            var views = document.Descendants("View").ToList();
            for (var i = 0; i < views.Count; i++)
            {
                if (RankOf(Views[i]) != rank) views[i].Remove();
            }
            var path = System.IO.Path.Combine(folder, $"rank{rank}.format.ps1xml");
            document.Save(path);
            return path;
        }
    }
}
