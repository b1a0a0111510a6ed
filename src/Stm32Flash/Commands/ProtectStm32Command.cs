using System;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Readout protection (the bootloader's Readout Protect, 0x82: level 1) or write protection of pages or sectors (Write
    /// Protect, 0x63). Either ends in a reset of the chip, after which the session connects again.
    /// </summary>
    [Cmdlet(VerbsSecurity.Protect, "Stm32", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ReadoutSet)]
    [OutputType(typeof(Session))]
    public sealed class ProtectStm32Command : Stm32SessionCmdlet
    {
        private const string ReadoutSet = "Readout";
        private const string WriteSet = "Write";

        [Parameter(Mandatory = true, ParameterSetName = ReadoutSet)]
        public SwitchParameter Readout { get; set; }

        /// <summary>The pages (or sectors) to write-protect, by the numbers Clear-Stm32Memory -Page takes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = WriteSet)]
        [ValidateNotNullOrEmpty]
        public int[] Page { get; set; } = Array.Empty<int>();

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
                        Terminate(OptionByteErrors.NotSupported(session, "set readout protection (its capabilities lack CanReadoutProtect)"));
                    if (!ShouldProcess($"{device.Name}: readout protection level 1. Flash can then no longer be read, written or erased through the bootloader " +
                        "or a debugger; Unprotect-Stm32 -Readout lifts it and mass-erases all flash", "Enable readout protection (the chip resets)")) return;
                    target.ReadoutProtect();
                    WriteVerbose($"{device.Name}: {OptionByteAccess.ConfirmReadsRefused(target)}.");
                }
                else
                {
                    if (!target.Capabilities.CanWriteProtect)
                        Terminate(OptionByteErrors.NotSupported(session, "set write protection (its capabilities lack CanWriteProtect)"));
                    var unit = device.Flash.UnitName;
                    var missing = Page.FirstOrDefault(n => device.Flash.PageByNumber(n) is null);
                    if (Page.Any(n => device.Flash.PageByNumber(n) is null))
                        FailArgument("NoSuchPage", nameof(Page), missing, $"{device.Name} has no {unit} {missing}; its {unit}s are numbered {NumberRuns.Describe(device.Flash.GetPages().Select(p => p.Number))}.");
                    var (numbers, covered) = WriteProtection.BootloaderNumbers(device, Page);
                    var wider = covered.Count > Page.Distinct().Count()
                        ? $" (a protection bit covers {string.Join(", ", covered.Select(p => p.Number).Except(Page).Select(n => n.ToString()).Take(8))}{(covered.Count - Page.Distinct().Count() > 8 ? ", ..." : "")} too)"
                        : "";
                    if (!ShouldProcess($"{device.Name}: {unit}s {NumberRuns.Describe(covered.Select(p => p.Number))}{wider} " +
                        $"({AddressRange.Describe(AddressRange.Coalesce(covered.Select(p => p.Range)))}), and no others", "Write-protect (the chip resets)")) return;
                    target.WriteProtect(numbers);
                    ConfirmWriteProtection(target, covered.Select(p => p.Number).ToList());
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

        private void ConfirmWriteProtection(ITarget target, System.Collections.Generic.IReadOnlyList<int> expected)
        {
            var device = target.Device;
            if (OptionByteAccess.ReadProtectedPages(target) is not { } now) return;
            if (!now.SequenceEqual(expected.OrderBy(n => n)))
            {
                throw new OptionByteException(OptionByteError.NotApplied,
                    $"{device.Name} protects {device.Flash.UnitName}s {(now.Count == 0 ? "none" : NumberRuns.Describe(now))} after Write Protect, not {NumberRuns.Describe(expected)}.",
                    null, null, "The bootloader may read the sector numbers differently; check with Get-Stm32OptionByte 'WRP*'.");
            }
            WriteVerbose($"{device.Name}: read back, {device.Flash.UnitName}s {NumberRuns.Describe(now)} are write-protected.");
        }
    }
}
