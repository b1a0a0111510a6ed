using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Sets option-byte fields by name: checks the names and values against the product's field map, refuses combinations
    /// that cannot be undone or lock the bootloader out unless a switch says they are meant, writes, lets the chip reload
    /// them (it resets; the session connects again) and reads them back.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Stm32OptionByte", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(OptionByte))]
    public sealed class SetStm32OptionByteCommand : Stm32SessionCmdlet
    {
        private const string NameSet = "Name";
        private const string SettingSet = "Setting";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = NameSet)]
        [OptionValueTransformation]
        public uint Value { get; set; }

        /// <summary>Several fields at once: @{ nSWBOOT0 = 0; nBOOT0 = 0 }.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SettingSet)]
        [ValidateNotNullOrEmpty]
        public IDictionary? Setting { get; set; }

        /// <summary>Accepts a change that cannot be undone (readout protection level 2).</summary>
        [Parameter]
        public SwitchParameter AllowIrreversible { get; set; }

        /// <summary>Accepts turning TrustZone on.</summary>
        [Parameter]
        public SwitchParameter AllowTrustZone { get; set; }

        /// <summary>Accepts options after which the chip no longer starts its bootloader.</summary>
        [Parameter]
        public SwitchParameter AllowBootloaderLockout { get; set; }

        /// <summary>Emits the fields set, as read back.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            var target = session.GetTarget()!;
            if (!target.Capabilities.CanReadOptionBytes || !target.Capabilities.CanWriteOptionBytes)
                Terminate(OptionByteErrors.NotSupported(session, "change the option bytes (its capabilities lack CanReadOptionBytes or CanWriteOptionBytes)"));
            var settings = Settings();
            try
            {
                var plan = OptionBytePlanner.Plan(target.Device, OptionByteAccess.Read(target), settings, target.Capabilities.MaxWrite);
                if (!plan.ChangesAnything)
                {
                    WriteVerbose($"{target.Device.Name}: nothing to change ({string.Join(", ", plan.Changes.Select(c => $"{c.Name} = {c.After.ValueText}"))} already).");
                    if (PassThru) WriteObject(plan.Changes.Select(c => c.After), enumerateCollection: true);
                    return;
                }
                plan.EnsureAccepted(Accepted());
                // ShouldProcess shows before and after: to the host (and as information) under -WhatIf, to Verbose under -Verbose.
                var description = $"{target.Device.Name} option bytes, as they are -> as they will be:\n" + string.Join("\n", plan.Changes.Select(c => "  " + c)) +
                    $"\nThe chip resets to load them ({plan.Writes.Count} write(s)); the session connects again.";
                if (!ShouldProcess(description, $"Set {string.Join(", ", plan.Changes.Select(c => $"{c.Name} = {c.After.ValueText}"))} on {target.Device.Name}? The chip resets to load them.",
                        $"Set-Stm32OptionByte: {session.Description}", out var reason))
                {
                    if (reason == ShouldProcessReason.WhatIf) WriteInformation(description, new[] { "WhatIf", "OptionBytes" });
                    return;
                }
                if (!Apply(target, plan)) return;
                if (PassThru) WriteObject(plan.Changes.Select(c => c.After), enumerateCollection: true);
            }
            catch (OptionByteException ex)
            {
                Terminate(OptionByteErrors.From(ex, ex.Field));
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.WriteError, session, "setting option bytes"));
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
        }

        // Writes and confirms; false when the chip, as accepted, no longer answers as a bootloader.
        private bool Apply(ITarget target, OptionBytePlan plan)
        {
            var lockedOut = plan.Risks.Any(r => r.Risk != OptionRisk.TrustZone);
            try
            {
                OptionByteAccess.Write(target, plan);
                WriteVerbose($"{target.Device.Name}: {OptionByteAccess.Confirm(target, plan)}.");
                return true;
            }
            catch (TargetException ex) when (lockedOut && ex.Kind == TargetErrorKind.Timeout)
            {
                WriteWarning($"{target.Device.Name}: the option bytes were written and the chip now starts from flash, not the bootloader " +
                    $"({string.Join("; ", plan.Risks.Select(r => r.Why))}), so they cannot be read back and this session cannot reach it again. Run Disconnect-Stm32.");
                return false;
            }
        }

        private List<KeyValuePair<string, uint>> Settings()
        {
            if (ParameterSetName == NameSet) return new List<KeyValuePair<string, uint>> { new KeyValuePair<string, uint>(Name, Value) };
            var list = new List<KeyValuePair<string, uint>>();
            foreach (DictionaryEntry e in Setting!)
            {
                var key = (e.Key is PSObject k ? k.BaseObject : e.Key)?.ToString() ?? "";
                if (!OptionValueTransformationAttribute.TryConvert(e.Value, out var value))
                {
                    FailArgument("OptionValueRefused", nameof(Setting), e.Value, $"'{e.Value}' is not a value for {key}: give a number such as 1 or 0xBB.");
                }
                list.Add(new KeyValuePair<string, uint>(key, value));
            }
            return list;
        }

        private List<OptionRisk> Accepted()
        {
            var accepted = new List<OptionRisk>();
            if (AllowIrreversible) accepted.Add(OptionRisk.Irreversible);
            if (AllowTrustZone) accepted.Add(OptionRisk.TrustZone);
            if (AllowBootloaderLockout) accepted.Add(OptionRisk.BootloaderLockout);
            return accepted;
        }
    }
}
