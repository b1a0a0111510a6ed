using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Commands
{
    /// <summary>The simulators each runspace has served on ports, so that Stop-Stm32Simulator and module removal find them.</summary>
    internal static class SimulatorRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, List<UsartSimulator>> States = new ConditionalWeakTable<Runspace, List<UsartSimulator>>();
        private static readonly List<UsartSimulator> NoRunspace = new List<UsartSimulator>();

        private static List<UsartSimulator> Here
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace is null ? NoRunspace : States.GetValue(runspace, _ => new List<UsartSimulator>());
            }
        }

        public static void Add(UsartSimulator simulator)
        {
            var list = Here;
            lock (list) list.Add(simulator);
        }

        public static IReadOnlyList<UsartSimulator> All
        {
            get
            {
                var list = Here;
                lock (list) return list.ToArray();
            }
        }

        public static void Stop(UsartSimulator simulator)
        {
            var list = Here;
            lock (list) list.Remove(simulator);
            simulator.Stop();
        }

        /// <summary>Stops the runspace's served simulators; returns what they served.</summary>
        public static IReadOnlyList<string> StopAll()
        {
            var all = All;
            foreach (var s in all) Stop(s);
            return all.Select(s => $"the simulated {s.Device.Name} on {s.Port}").ToList();
        }
    }
}
