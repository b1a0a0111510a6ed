using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// The held-out corpus of real firmware images, kept out of the repository at ../shared/corpus beside it (beside the
    /// main working tree when the repository is a linked worktree, whose root is elsewhere).
    /// </summary>
    public static class SharedCorpus
    {
        private static readonly IReadOnlyList<string> Candidates = RepositoryRoots().Select(r => Path.GetFullPath(Path.Combine(r, "..", "shared", "corpus"))).Distinct().ToList();

        /// <summary>The corpus folder, or null where none of the candidates exists.</summary>
        public static string? Folder { get; } = Candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "manifest.tsv")));

        public static string SkipReason =>
            $"The held-out image corpus is not on this machine: no manifest.tsv in {string.Join(" or ", Candidates)} (../shared/corpus beside the repository).";

        public static string PathOf(string file) => Path.Combine(Folder ?? throw new InvalidOperationException(SkipReason), file);

        // The repository root, and for a linked worktree (.git is a file naming its git folder) the main working tree too.
        private static IEnumerable<string> RepositoryRoots()
        {
            yield return Repo.Root;
            var dotGit = Path.Combine(Repo.Root, ".git");
            if (!File.Exists(dotGit)) yield break;
            var line = File.ReadAllLines(dotGit).FirstOrDefault(l => l.StartsWith("gitdir:", StringComparison.Ordinal));
            if (line is null) yield break;
            var gitFolder = Path.GetFullPath(Path.Combine(Repo.Root, line.Substring("gitdir:".Length).Trim()));
            var commonFile = Path.Combine(gitFolder, "commondir");
            var common = File.Exists(commonFile) ? Path.GetFullPath(Path.Combine(gitFolder, File.ReadAllText(commonFile).Trim())) : gitFolder;
            var mainTree = Path.GetDirectoryName(common.TrimEnd(Path.DirectorySeparatorChar));
            if (mainTree != null) yield return mainTree;
        }
    }
}
