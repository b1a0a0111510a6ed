using System;
using System.IO;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>Fewer bytes than expected arrived in time.</summary>
    public sealed class LinkTimeoutException : TimeoutException
    {
        public LinkTimeoutException(int expected, int received, TimeSpan timeout)
            : base($"{received} of {expected} byte(s) arrived within {timeout.TotalMilliseconds:0} ms.")
        {
            Expected = expected;
            Received = received;
            Timeout = timeout;
        }

        public int Expected { get; }

        public int Received { get; }

        public TimeSpan Timeout { get; }
    }

    /// <summary>The link was closed or failed (port closed, adapter unplugged, the other end of a pseudo-terminal gone).</summary>
    public sealed class LinkClosedException : IOException
    {
        public LinkClosedException(string link, Exception? inner = null)
            : base(inner is null ? $"{link} is closed." : $"{link} failed: {inner.Message}", inner)
        {
            Link = link;
        }

        public string Link { get; }
    }

    /// <summary>A port could not be opened or set up as asked.</summary>
    public sealed class LinkOpenException : IOException
    {
        public LinkOpenException(string port, string reason, string? hint = null, Exception? inner = null)
            : base($"Cannot open {port}: {reason}" + (hint is null ? "" : " " + hint), inner)
        {
            Port = port;
            Reason = reason;
            Hint = hint;
        }

        public string Port { get; }

        public string Reason { get; }

        /// <summary>What to do about it, when something can be done.</summary>
        public string? Hint { get; }

        /// <summary>True when nothing exists at the port's path (a misspelled name, an adapter not plugged in).</summary>
        public bool PortMissing { get; private set; }

        public static LinkOpenException Missing(string port, string reason, string? hint = null, Exception? inner = null) =>
            new LinkOpenException(port, reason, hint, inner) { PortMissing = true };
    }
}
