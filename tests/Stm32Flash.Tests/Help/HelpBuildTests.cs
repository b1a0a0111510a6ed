using System;
using System.IO;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Help
{
    /// <summary>
    /// `dotnet build src/Stm32Flash` compiles docs/ into the module's en-US folder: only when the docs changed, and a bad
    /// doc fails the build at its file and line. Built here from a copy of docs/ into a temporary module folder.
    /// </summary>
    public sealed class HelpBuildTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "stm32flash-helpbuild-" + Guid.NewGuid().ToString("N"));
        private readonly string _docs;
        private readonly string _culture;

        public HelpBuildTests()
        {
            _docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
            foreach (var file in Directory.GetFiles(HelpDocs.Folder, "*.md"))
                File.Copy(file, Path.Combine(_docs, Path.GetFileName(file)));
            _culture = Path.Combine(_root, "out", "Stm32Flash", Repo.ModuleVersion, "en-US");
        }

        public void Dispose() => Directory.Delete(_root, true);

        // The test run has built the referenced projects (core library, help compiler) already; only the module project builds here.
        private (int ExitCode, string Output) Build() =>
            DotnetCli.Run(Repo.Root, "build", Path.Combine("src", "Stm32Flash"), "--no-restore", "--nologo", "--disable-build-servers",
                "-p:BuildProjectReferences=false",
                "-p:HelpDocsDir=" + _docs + Path.DirectorySeparatorChar,
                "-p:ModuleOutputRoot=" + Path.Combine(_root, "out") + Path.DirectorySeparatorChar);

        private static void AssertBuilt((int ExitCode, string Output) build) =>
            Assert.True(build.ExitCode == 0, "The build failed:\n" + build.Output);

        [Fact]
        public void Build_compiles_help_only_when_docs_change_and_stops_at_the_line_of_a_bad_doc()
        {
            var maml = Path.Combine(_culture, HelpDocs.MamlFileName);
            var about = Path.Combine(_culture, HelpDocs.AboutTopic + ".help.txt");

            AssertBuilt(Build());
            Assert.Contains("<command:name>Get-Stm32Device</command:name>", File.ReadAllText(maml));
            Assert.StartsWith("TOPIC", File.ReadAllText(about).TrimStart('\uFEFF'));
            var compiled = File.GetLastWriteTimeUtc(maml);

            AssertBuilt(Build());
            Assert.Equal(compiled, File.GetLastWriteTimeUtc(maml));

            File.Delete(Path.Combine(_docs, HelpDocs.AboutTopic + ".md"));
            AssertBuilt(Build());
            Assert.False(File.Exists(about), "the about topic's text outlived its markdown");
            Assert.NotEqual(compiled, File.GetLastWriteTimeUtc(maml));

            var doc = Path.Combine(_docs, "Get-Stm32Device.md");
            var broken = SampleDocs.Replace(File.ReadAllText(doc), "Required: True", "Required: Maybe");
            File.WriteAllText(doc, broken);
            var failed = Build();
            Assert.NotEqual(0, failed.ExitCode);
            Assert.Contains($"{doc}({SampleDocs.LineOf(broken, "Required: Maybe")}): error HELP001: 'Required' must be True or False, not 'Maybe'.", failed.Output);
        }
    }
}
