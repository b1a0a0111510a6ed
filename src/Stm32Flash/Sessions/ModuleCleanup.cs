using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>Closes the runspace's sessions (ports, libraries) and stops its served simulators when the module is removed.</summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            SessionRegistry.CloseAll();
            SimulatorRegistry.StopAll();
        }
    }
}
