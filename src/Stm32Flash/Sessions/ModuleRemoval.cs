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
        private const string Removing = "Removing the Stm32Flash module (Remove-Module, or Import-Module -Force)";

        private static volatile string? _stoppedSimulators;

        /// <summary>Keeps what a removal stopped and returns the warning to show; null when it stopped nothing.</summary>
        public static string? Record(IReadOnlyList<string> simulators, IReadOnlyList<string> sessions)
        {
            if (simulators.Count == 0 && sessions.Count == 0) return null;
            var stopped = new List<string>();
            if (simulators.Count > 0) stopped.Add("stopped " + string.Join(", ", simulators));
            if (sessions.Count > 0) stopped.Add("closed " + string.Join(", ", sessions));
            if (simulators.Count > 0) _stoppedSimulators = $"At {DateTime.Now:HH:mm:ss}: {Removing} {string.Join(" and ", stopped)}.";
            return $"{Removing} {string.Join(" and ", stopped)}. Import the module once per process (Import-Module without -Force) to keep them.";
        }

        /// <summary>A sentence for a timeout error when a removal stopped simulators in this process; otherwise null.</summary>
        public static string? TimeoutNote => _stoppedSimulators is { } stopped ? " Note: " + stopped : null;
    }
}
