using System.Management.Automation;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Resets the device. Whatever runs on it stops; with BOOT0 high it comes back in the bootloader.</summary>
    [Cmdlet(VerbsCommon.Reset, "Stm32", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Session))]
    public sealed class ResetStm32Command : Stm32SessionCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            if (!ShouldProcess(session.Description, "Reset")) return;
            try
            {
                session.GetTarget()!.Reset();
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.DeviceError, session));
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
            if (PassThru) WriteObject(session);
        }
    }
}
