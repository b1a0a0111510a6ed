using System.Collections.Generic;

namespace Stm32Flash.HelpCompiler.Model
{
    /// <summary>An about_* topic: its headings and text blocks in order, ready to render as a .help.txt file.</summary>
    public sealed class AboutTopic
    {
        public AboutTopic(string name, string file)
        {
            Name = name;
            File = file;
        }

        public string Name { get; }

        public string File { get; }

        public string ShortDescription { get; set; } = string.Empty;

        public List<AboutBlock> Blocks { get; } = new List<AboutBlock>();
    }

    public enum AboutBlockKind
    {
        /// <summary># HEADING: a top-level section (SHORT DESCRIPTION, LONG DESCRIPTION, ...).</summary>
        Section,
        /// <summary>## or ### heading: a subtopic inside a section.</summary>
        Subsection,
        Paragraph,
        /// <summary>List items, one per element, already prefixed ("- ", "1. ").</summary>
        List,
        /// <summary>Code or a table: lines kept as written.</summary>
        Preformatted,
    }

    public sealed class AboutBlock
    {
        public AboutBlock(AboutBlockKind kind, string text, int level = 0)
        {
            Kind = kind;
            Text = text;
            Level = level;
        }

        public AboutBlockKind Kind { get; }

        public string Text { get; }

        /// <summary>Heading level for subsections (2 or 3); list nesting depth for list items.</summary>
        public int Level { get; }
    }
}
