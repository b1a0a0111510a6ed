using System;

namespace Stm32Flash
{
    /// <summary>A device cmdlet has no connected session to work on: none was opened (NoSession), or it was closed (SessionClosed).</summary>
    public sealed class SessionException : InvalidOperationException
    {
        public SessionException(string message, Session? session = null)
            : base(message)
        {
            Session = session;
        }

        /// <summary>The closed session; null when there was none.</summary>
        public Session? Session { get; }
    }
}
