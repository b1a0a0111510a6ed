using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>A fact about the held-out corpus: skipped, saying why, where the corpus is not beside the repository.</summary>
    public sealed class CorpusFactAttribute : FactAttribute
    {
        public CorpusFactAttribute()
        {
            if (SharedCorpus.Folder is null) Skip = SharedCorpus.SkipReason;
        }
    }

    /// <summary>A theory over the held-out corpus: skipped, saying why, where the corpus is not beside the repository.</summary>
    public sealed class CorpusTheoryAttribute : TheoryAttribute
    {
        public CorpusTheoryAttribute()
        {
            if (SharedCorpus.Folder is null) Skip = SharedCorpus.SkipReason;
        }
    }
}
