using System.Management.Automation;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Removes readout protection (the bootloader's Readout Unprotect, 0x92: the chip mass-erases its flash first) or all
    /// write protection (Write Unprotect, 0x73). Either ends in a reset of the chip, after which the session connects again.
    /// </summary>
    [Cmdlet(VerbsSecurity.Unprotect, "Stm32", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ReadoutSet)]
    [OutputType(typeof(Session))]
    public sealed class UnprotectStm32Command : Stm32SessionCmdlet
    {
        private const string ReadoutSet = "Readout";
        private const string WriteSet = "Write";

        [Parameter(Mandatory = true, ParameterSetName = ReadoutSet)]
        public SwitchParameter Readout { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = WriteSet)]
        public SwitchParameter Write { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            var target = session.GetTarget()!;
            var device = target.Device;
            try
            {
                if (ParameterSetName == ReadoutSet)
                {
                    if (!target.Capabilities.CanReadoutProtect)
                        Terminate(OptionByteErrors.NotSupported(session, "remove readout protection (its capabilities lack CanReadoutProtect)"));
                    if (!ShouldProcess($"{device.Name}: remove readout protection. The chip mass-erases all {device.FlashSize / 1024} KiB of flash " +
                        "(and clears its RAM) first; what flash holds is lost", "Remove readout protection (mass erase; the chip resets)")) return;
                    target.ReadoutUnprotect();
                    var first = new byte[4];
                    target.Read(target.Device.Flash.BaseAddress, first);
                    WriteVerbose($"{device.Name}: readout protection removed; flash reads again (0x{target.Device.Flash.BaseAddress:X8}: {System.BitConverter.ToString(first)}).");
                }
                else
                {
                    if (!target.Capabilities.CanWriteProtect)
                        Terminate(OptionByteErrors.NotSupported(session, "remove write protection (its capabilities lack CanWriteProtect)"));
                    if (!ShouldProcess($"{device.Name}: write protection of every {device.Flash.UnitName}", "Remove write protection (the chip resets)")) return;
                    target.WriteUnprotect();
                    if (OptionByteAccess.ReadProtectedPages(target) is { } still)
                    {
                        if (still.Count > 0)
                            throw new OptionByteException(OptionByteError.NotApplied, $"{device.Name} still protects {device.Flash.UnitName}s {NumberRuns.Describe(still)} after Write Unprotect.");
                        WriteVerbose($"{device.Name}: read back, no {device.Flash.UnitName} is write-protected.");
                    }
                }
            }
            catch (OptionByteException ex)
            {
                Terminate(OptionByteErrors.From(ex, session));
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(ProtectionErrors.FromTarget(ex, session));
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
            if (PassThru) WriteObject(session);
        }
    }
}
