namespace Stm32Flash.HelpCompiler.Model
{
    public sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        /// <summary>An absolute URI, or empty for a link to another help topic.</summary>
        public string Uri { get; }
    }
}
