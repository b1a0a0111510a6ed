using System;

namespace Stm32Flash.Commands
{
    /// <summary>An exception's message as an error shows it to a PowerShell user.</summary>
    internal static class ErrorText
    {
        /// <summary>
        /// The message without what ArgumentException adds to it: " (Parameter 'name')", the C# parameter of the method
        /// that refused, and ArgumentOutOfRangeException's "Actual value was ..." line.
        /// </summary>
        public static string Of(Exception ex)
        {
            var message = ex.Message;
            if (ex is ArgumentException argument && argument.ParamName != null)
            {
                var suffix = message.IndexOf($" (Parameter '{argument.ParamName}')", StringComparison.Ordinal);
                if (suffix >= 0) message = message.Substring(0, suffix);
            }
            return message;
        }
    }
}
