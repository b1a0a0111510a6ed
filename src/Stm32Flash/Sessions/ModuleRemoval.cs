using System;
using System.Collections.Generic;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// What the last removal of the module (Remove-Module, or Import-Module -Force, which removes it first) stopped in this
    /// process: said as a warning then, and again in a later timeout, when a client waits for a simulator that is gone.
    /// </summary>
    internal static class ModuleRemoval
    {
        private static volatile string? _last;

        /// <summary>The warning for what a removal stopped and closed; null when it stopped nothing.</summary>
        public static string? Describe(IReadOnlyList<string> simulators, IReadOnlyList<string> sessions)
        {
            if (simulators.Count == 0 && sessions.Count == 0) return null;
            var stopped = new List<string>();
            if (simulators.Count > 0) stopped.Add("stopped " + string.Join(", ", simulators));
            if (sessions.Count > 0) stopped.Add("closed " + string.Join(", ", sessions));
            return $"Removing the Stm32Flash module (Remove-Module, or Import-Module -Force) {string.Join(" and ", stopped)}. " +
                "Import the module once per process (Import-Module without -Force) to keep them.";
        }

        public static void Record(string warning) => _last = $"At {DateTime.Now:HH:mm:ss}: {warning}";

        /// <summary>A sentence for a timeout error when a removal stopped simulators in this process; otherwise null.</summary>
        public static string? TimeoutNote => _last is { } last && last.Contains("stopped the simulated")
            ? " Note: " + last.Substring(0, last.IndexOf(" Import the module", StringComparison.Ordinal))
            : null;
    }
}
