using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.Dfu;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Lists the ST-LINK probes and USB DFU devices CubeProgrammer_API sees, or, where it is not installed or with -Usb,
    /// the USB DFU devices libusb sees.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Stm32Probe", DefaultParameterSetName = ApiSet)]
    [OutputType(typeof(StLinkProbe), typeof(DfuDevice), typeof(UsbDfuDevice))]
    public sealed class GetStm32ProbeCommand : Stm32Cmdlet
    {
        private const string StLink = "StLink";
        private const string Dfu = "Dfu";
        private const string ApiSet = "Api";
        private const string UsbSet = "Usb";

        /// <summary>Full path of the CubeProgrammer_API library or of the STM32CubeProgrammer install folder.</summary>
        [Parameter(Position = 0, ParameterSetName = ApiSet)]
        [ValidateNotNullOrEmpty]
        public string? ApiPath { get; set; }

        /// <summary>StLink or Dfu; both when left out.</summary>
        [Parameter(ParameterSetName = ApiSet)]
        [ValidateSet(StLink, Dfu)]
        public string? Kind { get; set; }

        /// <summary>Lists the USB DFU devices through libusb-1.0, as Connect-Stm32 -Usb finds them, with no ST software.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UsbSet)]
        public SwitchParameter Usb { get; set; }

        /// <summary>The USB vendor ID to list (0x0483 by default).</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateRange(0, 0xFFFF)]
        public int VendorId { get; set; } = UsbDfuFilter.StVendorId;

        /// <summary>The USB product ID to list (0xDF11 by default).</summary>
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateRange(0, 0xFFFF)]
        public int ProductId { get; set; } = UsbDfuFilter.DfuProductId;

        /// <summary>Full path of libusb-1.0; else STM32FLASH_LIBUSB, else the system's standard name for it.</summary>
        [Parameter(ParameterSetName = ApiSet)]
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateNotNullOrEmpty]
        public string? LibUsbPath { get; set; }

        private Session? _connected;

        protected override void End()
        {
            if (Usb)
            {
                ListUsb();
                return;
            }
            if (ApiPath is null && Kind is null)
            {
                ListEverywhere();
                return;
            }
            var messages = new TargetMessages("CubeProgrammer_API");
            var library = ConnectedLibrary() ?? CubeProgrammerLoading.Load(this, ApiPath, null, ApiLayoutVersion.Auto, messages);
            messages.Drain(this);
            if (Kind != Dfu) List(() => library.GetStLinkProbes(), "ST-LINK probes", messages);
            if (Kind != StLink) List(() => library.GetDfuDevices(), "USB DFU devices", messages);
            messages.Complete(this);
        }

        // Without -ApiPath, -Kind or -Usb: what CubeProgrammer_API sees where it is installed, else the DFU devices libusb
        // sees; an error only when neither is there.
        private void ListEverywhere()
        {
            var messages = new TargetMessages("CubeProgrammer_API");
            CubeProgrammerLibrary? library = ConnectedLibrary();
            ErrorRecord? cubeProgrammerMissing = null;
            if (library is null)
            {
                try
                {
                    library = CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions(), messages.Add);
                }
                catch (CubeProgrammerNotFoundException ex)
                {
                    cubeProgrammerMissing = CubeProgrammerLoading.NotFound(ex, null);
                    WriteVerbose($"No ST-LINK probes listed: {ex.Message}");
                }
                catch (CubeProgrammerLoadException ex)
                {
                    WriteError(CubeProgrammerLoading.LoadFailed(ex));
                }
            }
            messages.Drain(this);
            if (library != null)
            {
                // CubeProgrammer_API lists the DFU devices itself; libusb would list them a second time.
                List(() => library.GetStLinkProbes(), "ST-LINK probes", messages);
                List(() => library.GetDfuDevices(), "USB DFU devices", messages);
                messages.Complete(this);
                return;
            }
            messages.Complete(this);
            var usb = LoadLibUsb(quiet: true);
            if (usb is null)
            {
                // Neither is there: the error says where CubeProgrammer_API was looked for; -Verbose says why libusb was not found.
                if (cubeProgrammerMissing != null) Terminate(cubeProgrammerMissing);
                return;
            }
            ListUsb(usb, warnOnly: true);
        }

        private LibUsbLibrary? LoadLibUsb(bool quiet)
        {
            try
            {
                return LibUsbLibrary.Load(LibUsbPath is null ? null : GetUnresolvedProviderPathFromPSPath(LibUsbPath));
            }
            catch (LibUsbLoadException ex)
            {
                if (quiet)
                {
                    WriteVerbose($"No USB DFU devices listed through libusb: {ex.Message}");
                    return null;
                }
                Terminate(new ErrorRecord(ex, "LibUsbNotFound", ErrorCategory.ObjectNotFound, LibUsbPath)
                {
                    ErrorDetails = new ErrorDetails(ex.Message)
                    {
                        RecommendedAction = "Install libusb-1.0 (Debian/Ubuntu: apt-get install libusb-1.0-0; macOS: brew install libusb; Windows: put libusb-1.0.dll beside the module), " +
                            $"or give its full path with -LibUsbPath or the environment variable {LibUsbLibrary.PathVariable}.",
                    },
                });
                throw;
            }
        }

        private void ListUsb() => ListUsb(LoadLibUsb(quiet: false)!, warnOnly: false);

        private void ListUsb(LibUsbLibrary library, bool warnOnly)
        {
            WriteVerbose($"Listing USB DFU devices {VendorId:x4}:{ProductId:x4} through {library.Path}.");
            try
            {
                WriteObject(library.ListDevices(new UsbDfuFilter { VendorId = (ushort)VendorId, ProductId = (ushort)ProductId }), enumerateCollection: true);
            }
            catch (TargetException ex)
            {
                if (warnOnly) WriteWarning($"USB DFU devices could not be listed through libusb ({library.Path}): {ex.Message}");
                else WriteError(DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, "USB DFU devices", "listing USB DFU devices through libusb"));
            }
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
