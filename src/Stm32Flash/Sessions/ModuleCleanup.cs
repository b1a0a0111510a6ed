using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Closes the runspace's sessions (ports, libraries) and stops its served simulators when the module is removed, and
    /// warns on the host when that stopped anything: Import-Module -Force removes the module first, which a script that
    /// re-imports it does not expect.
    /// </summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            var sessions = SessionRegistry.CloseAll();
            var simulators = SimulatorRegistry.StopAll();
            if (ModuleRemoval.Record(simulators, sessions) is not { } warning) return;
            if (Runspace.DefaultRunspace is null) return;
            try
            {
                using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddScript("$Host.UI.WriteWarningLine($args[0])").AddArgument(warning).Invoke();
            }
            catch (PSInvalidOperationException)
            {
                // No nested pipeline possible here (the runspace is closing): the timeout note still says it.
            }
        }
    }
}
