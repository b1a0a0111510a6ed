using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Stm32Flash.HelpCompiler;
using Stm32Flash.HelpCompiler.Model;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.Help
{
    /// <summary>The module's docs/ folder and the cmdlets its manifest exports, for tests generic over every cmdlet.</summary>
    public static class HelpDocs
    {
        public const string ModuleName = "Stm32Flash";
        public const string MamlFileName = "Stm32Flash.dll-Help.xml";
        public const string AboutTopic = "about_Stm32Flash";

        public static string Folder { get; } = Repo.PathOf("docs");

        public static string PathOf(string name) => Path.Combine(Folder, name + ".md");

        /// <summary>CmdletsToExport of the source manifest, read with the PowerShell parser (no runspace needed at discovery).</summary>
        public static IReadOnlyList<string> ExportedCmdlets { get; } = ReadExportedCmdlets();

        /// <summary>Names of the cmdlet docs: docs/*.md other than README.md and about topics.</summary>
        public static IReadOnlyList<string> CmdletDocNames =>
            HelpCompilation.SourceFiles(Folder).Where(f => !HelpCompilation.IsAboutTopic(f))
                .Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

        public static CommandHelp Read(string cmdlet) => CommandHelpReader.Read(PathOf(cmdlet), ModuleName, MamlFileName);

        private static IReadOnlyList<string> ReadExportedCmdlets()
        {
            var ast = Parser.ParseFile(Repo.SourceManifestPath, out _, out var errors);
            if (errors.Length > 0) throw new InvalidOperationException($"{Repo.SourceManifestPath}: {errors[0]}");
            var manifest = (Hashtable)ast.Find(a => a is HashtableAst, false)!.SafeGetValue();
            var names = manifest["CmdletsToExport"] switch
            {
                object[] list => list.Cast<string>(),
                string one => new[] { one },
                var other => throw new InvalidOperationException($"CmdletsToExport is {other?.GetType().Name ?? "missing"}; expected a list of names."),
            };
            return names.OrderBy(n => n, StringComparer.Ordinal).ToList();
        }
    }
}
