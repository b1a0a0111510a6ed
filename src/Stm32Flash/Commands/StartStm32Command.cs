using System.Management.Automation;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Starts the application (the bootloader's Go): loads SP from [Address] and jumps to [Address + 4].</summary>
    [Cmdlet(VerbsLifecycle.Start, "Stm32", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Session))]
    public sealed class StartStm32Command : Stm32SessionCmdlet
    {
        /// <summary>Where the vector table is; the flash base when left out.</summary>
        [Parameter(Position = 0)]
        [AddressTransformation]
        public uint Address { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            var address = MyInvocation.BoundParameters.ContainsKey(nameof(Address)) ? Address : session.Device.Flash.BaseAddress;
            if (!ShouldProcess($"{session.Description}: application at 0x{address:X8}", "Go")) return;
            try
            {
                session.GetTarget()!.Go(address);
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.DeviceError, address));
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
            if (PassThru) WriteObject(session);
        }
    }
}
