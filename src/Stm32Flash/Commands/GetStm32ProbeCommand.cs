using System;
using System.Collections.Generic;
using System.Linq;
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

        private Session? _connected;

        protected override void End()
        {
            var messages = new TargetMessages("CubeProgrammer_API");
            var library = ConnectedLibrary() ?? CubeProgrammerLoading.Load(this, ApiPath, null, ApiLayoutVersion.Auto, messages);
            messages.Drain(this);
            if (Kind != Dfu) List(() => library.GetStLinkProbes(), "ST-LINK probes", messages);
            if (Kind != StLink) List(() => library.GetDfuDevices(), "USB DFU devices", messages);
            messages.Complete(this);
        }

        /// <summary>
        /// The library of this runspace's CubeProgrammer_API session, when no other library is asked for:
        /// loading it again would reset its loaders path under the connection.
        /// </summary>
        private CubeProgrammerLibrary? ConnectedLibrary()
        {
            var session = SessionRegistry.Open.FirstOrDefault(s => s.GetTarget() is CubeProgrammerTarget);
            if (!(session?.GetTarget() is CubeProgrammerTarget connected) || !SameLibrary(connected)) return null;
            _connected = session;
            WriteVerbose($"Listing through the connected library {connected.LibraryPath} ({connected.Description}).");
            return connected.Library;
        }

        private bool SameLibrary(CubeProgrammerTarget connected)
        {
            if (ApiPath is null) return true;
            try
            {
                return CubeProgrammerLocator.Locate(CubeProgrammerLoading.FullPath(this, ApiPath)).LibraryPath == connected.LibraryPath;
            }
            catch (CubeProgrammerNotFoundException)
            {
                return false;
            }
        }

        private void List<T>(Func<IReadOnlyList<T>> list, string what, TargetMessages messages)
        {
            try
            {
                var found = list();
                messages.Drain(this);
                _connected?.Messages.Drain(this);
                WriteVerbose($"{found.Count} {what}.");
                WriteObject(found, enumerateCollection: true);
            }
            catch (TargetException ex)
            {
                messages.Drain(this);
                _connected?.Messages.Drain(this);
                WriteError(DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, what, $"listing {what}"));
            }
        }
    }
}
