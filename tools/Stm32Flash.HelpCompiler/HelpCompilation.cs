using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Stm32Flash.HelpCompiler.Model;

namespace Stm32Flash.HelpCompiler
{
    /// <summary>
    /// Compiles a docs folder: every &lt;Verb-Noun&gt;.md into one MAML file and every about_*.md into about_*.help.txt.
    /// README.md is the authors' guide and is skipped; sub-folders are not read.
    /// </summary>
    public sealed class HelpCompilation
    {
        private HelpCompilation(List<CommandHelp> commands, List<AboutTopic> topics, List<HelpFormatException> errors)
        {
            Commands = commands;
            Topics = topics;
            Errors = errors;
        }

        public IReadOnlyList<CommandHelp> Commands { get; }

        public IReadOnlyList<AboutTopic> Topics { get; }

        /// <summary>The first error of every file that has one.</summary>
        public IReadOnlyList<HelpFormatException> Errors { get; }

        public static bool IsAboutTopic(string path) => Path.GetFileName(path).StartsWith("about_", StringComparison.Ordinal);

        public static bool IsGuide(string path) => Path.GetFileName(path).Equals("README.md", StringComparison.OrdinalIgnoreCase);

        /// <summary>The cmdlet and about-topic markdown files of a docs folder, in ordinal order.</summary>
        public static IReadOnlyList<string> SourceFiles(string docsFolder) =>
            Directory.GetFiles(docsFolder, "*.md").Where(f => !IsGuide(f)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        public static HelpCompilation Compile(string docsFolder, string moduleName, string mamlFileName)
        {
            var commands = new List<CommandHelp>();
            var topics = new List<AboutTopic>();
            var errors = new List<HelpFormatException>();
            foreach (var file in SourceFiles(docsFolder))
            {
                try
                {
                    if (IsAboutTopic(file)) topics.Add(AboutTopicReader.Read(file));
                    else commands.Add(CommandHelpReader.Read(file, moduleName, mamlFileName));
                }
                catch (HelpFormatException e)
                {
                    errors.Add(e);
                }
            }
            return new HelpCompilation(commands, topics, errors);
        }

        /// <summary>Writes the MAML and the about topics into the culture folder and removes about topics whose markdown is gone.</summary>
        public IReadOnlyList<string> Write(string cultureFolder, string mamlFileName)
        {
            if (Errors.Count > 0) throw new InvalidOperationException("The help has errors; nothing is written.");
            Directory.CreateDirectory(cultureFolder);
            var written = new List<string>();
            var maml = Path.Combine(cultureFolder, mamlFileName);
            WriteFile(maml, MamlWriter.Render(Commands), new UTF8Encoding(false));
            written.Add(maml);
            foreach (var topic in Topics)
            {
                var path = Path.Combine(cultureFolder, topic.Name + ".help.txt");
                // A BOM, so that Windows PowerShell 5.1 reads the text as UTF-8 rather than the ANSI code page.
                WriteFile(path, AboutTopicWriter.Render(topic), new UTF8Encoding(true));
                written.Add(path);
            }
            foreach (var stale in Directory.GetFiles(cultureFolder, "about_*.help.txt").Where(f => !written.Contains(f, StringComparer.Ordinal)))
                File.Delete(stale);
            return written;
        }

        // Written whole under another name, then moved: a reader never sees half a file.
        private static void WriteFile(string path, string text, Encoding encoding)
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, text, encoding);
            File.Move(temporary, path, overwrite: true);
        }
    }
}
