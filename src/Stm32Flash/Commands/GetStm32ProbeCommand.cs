using System;
using System.Collections.Generic;
using System.Management.Automation;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;

namespace Stm32Flash.Commands
{
    /// <summary>Lists the ST-LINK probes and USB DFU devices CubeProgrammer_API sees.</summary>
    [Cmdlet(VerbsCommon.Get, "Stm32Probe")]
    [OutputType(typeof(StLinkProbe), typeof(DfuDevice))]
    public sealed class GetStm32ProbeCommand : Stm32Cmdlet
    {
        private const string StLink = "StLink";
        private const string Dfu = "Dfu";

        /// <summary>Full path of the CubeProgrammer_API library or of the STM32CubeProgrammer install folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? ApiPath { get; set; }

        /// <summary>StLink or Dfu; both when left out.</summary>
        [Parameter]
        [ValidateSet(StLink, Dfu)]
        public string? Kind { get; set; }

        /// <summary>The library's struct layouts (the ST-LINK list's entry size depends on it).</summary>
        [Parameter]
        public ApiLayoutVersion ApiLayoutVersion { get; set; } = ApiLayoutVersion.Auto;

        protected override void EndProcessing()
        {
            var messages = new TargetMessages("CubeProgrammer_API");
            var library = CubeProgrammerLoading.Load(this, ApiPath, null, ApiLayoutVersion, messages);
            messages.Drain(this);
            if (Kind != Dfu) List(() => library.GetStLinkProbes(), "ST-LINK probes", messages);
            if (Kind != StLink) List(() => library.GetDfuDevices(), "USB DFU devices", messages);
            messages.Complete(this);
        }

        private void List<T>(Func<IReadOnlyList<T>> list, string what, TargetMessages messages)
        {
            try
            {
                var found = list();
                messages.Drain(this);
                WriteVerbose($"{found.Count} {what}.");
                WriteObject(found, enumerateCollection: true);
            }
            catch (TargetException ex)
            {
                messages.Drain(this);
                WriteError(DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, what, $"listing {what}"));
            }
        }
    }
}
