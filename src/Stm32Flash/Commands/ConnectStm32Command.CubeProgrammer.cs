using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Arguments;
using Stm32Flash.Completion;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The CubeProgrammer_API backend: -Interface with settings in STM32CubeProgrammer CLI's vocabulary, or -ConnectOptions
    /// with an options object for everything else.
    /// </summary>
    public sealed partial class ConnectStm32Command
    {
        private const string InterfaceSet = "Interface";
        private const string ConnectOptionsSet = "ConnectOptions";

        private static readonly TargetInterface[] Debug = { TargetInterface.Swd, TargetInterface.Jtag };

        /// <summary>Which interfaces each setting applies to; giving one for another interface is an error, not ignored.</summary>
        private static readonly Dictionary<string, TargetInterface[]> AppliesTo = new Dictionary<string, TargetInterface[]>(StringComparer.OrdinalIgnoreCase)
        {
            [nameof(Frequency)] = Debug,
            [nameof(ConnectMode)] = Debug,
            [nameof(ResetMode)] = Debug,
            [nameof(ProbeIndex)] = Debug,
            [nameof(AccessPort)] = Debug,
            [nameof(Shared)] = Debug,
            [nameof(SerialNumber)] = new[] { TargetInterface.Swd, TargetInterface.Jtag, TargetInterface.Dfu },
            [nameof(I2cAddress)] = new[] { TargetInterface.I2c },
            [nameof(I2cSpeed)] = new[] { TargetInterface.I2c },
            [nameof(I2cSpeedMode)] = new[] { TargetInterface.I2c },
            [nameof(RiseTime)] = new[] { TargetInterface.I2c },
            [nameof(FallTime)] = new[] { TargetInterface.I2c },
            [nameof(AnalogFilter)] = new[] { TargetInterface.I2c },
            [nameof(DigitalFilter)] = new[] { TargetInterface.I2c },
            [nameof(DigitalNoiseFilter)] = new[] { TargetInterface.I2c },
            [nameof(Port)] = new[] { TargetInterface.Usart },
            [nameof(BaudRate)] = new[] { TargetInterface.Usart },
            [nameof(Parity)] = new[] { TargetInterface.Usart },
            [nameof(DataBits)] = new[] { TargetInterface.Usart },
            [nameof(StopBits)] = new[] { TargetInterface.Usart },
            [nameof(FlowControl)] = new[] { TargetInterface.Usart },
            [nameof(Rts)] = new[] { TargetInterface.Usart },
            [nameof(Dtr)] = new[] { TargetInterface.Usart },
            [nameof(NoInit)] = new[] { TargetInterface.Usart },
            [nameof(SpiSpeed)] = new[] { TargetInterface.Spi },
            [nameof(CanBitRate)] = new[] { TargetInterface.Can },
            [nameof(UsbIndex)] = new[] { TargetInterface.Dfu },
        };

        /// <summary>The option classes' property names as this cmdlet's parameters, for validation errors.</summary>
        private static readonly Dictionary<string, string> ParameterOf = new Dictionary<string, string>
        {
            [nameof(I2cConnectOptions.Address)] = nameof(I2cAddress),
            [nameof(I2cConnectOptions.SpeedKHz)] = nameof(I2cSpeed),
            [nameof(I2cConnectOptions.SpeedMode)] = nameof(I2cSpeedMode),
            [nameof(I2cConnectOptions.RiseTimeNs)] = nameof(RiseTime),
            [nameof(I2cConnectOptions.FallTimeNs)] = nameof(FallTime),
            [nameof(DebugConnectOptions.FrequencyKHz)] = nameof(Frequency),
            [nameof(UsartConnectOptions.PortName)] = nameof(Port),
            [nameof(SpiConnectOptions.BaudRateKHz)] = nameof(SpiSpeed),
            [nameof(CanConnectOptions.BitRate)] = nameof(CanBitRate),
        };

        /// <summary>Full path of the CubeProgrammer_API library or of the STM32CubeProgrammer install folder.</summary>
        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = ConnectOptionsSet)]
        [ValidateNotNullOrEmpty]
        public string? ApiPath { get; set; }

        /// <summary>The folder holding FlashLoader/ for setLoadersPath; found beside the library when left out.</summary>
        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = ConnectOptionsSet)]
        [ValidateNotNullOrEmpty]
        public string? LoadersPath { get; set; }

        /// <summary>The library's struct layouts; Auto decides from its version and says so in Verbose.</summary>
        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = ConnectOptionsSet)]
        public ApiLayoutVersion ApiLayoutVersion { get; set; } = ApiLayoutVersion.Auto;

        /// <summary>The catalog device expected: a device that reports another product ID is refused (DeviceMismatch).</summary>
        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = PortSet)]
        [Parameter(ParameterSetName = UsbSet)]
        [ArgumentCompleter(typeof(DeviceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Device { get; set; }

        /// <summary>Every setting of one interface as an options object (I2cConnectOptions, SpiConnectOptions ...).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectOptionsSet)]
        [ValidateNotNull]
        public CubeProgrammerConnectOptions? ConnectOptions { get; set; }

        // SWD and JTAG (the CLI's freq= mode= reset= sn= index= ap= shared)

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Frequency { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [CliWordTransformation(typeof(DebugConnectMode))]
        public DebugConnectMode ConnectMode { get; set; } = DebugConnectMode.Normal;

        [Parameter(ParameterSetName = InterfaceSet)]
        [CliWordTransformation(typeof(DebugResetMode))]
        public DebugResetMode ResetMode { get; set; } = DebugResetMode.Hardware;

        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = UsbSet)]
        [ValidateNotNullOrEmpty]
        public string? SerialNumber { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(0, int.MaxValue)]
        public int ProbeIndex { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(0, 255)]
        public int AccessPort { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        public SwitchParameter Shared { get; set; }

        // I2C (add= br= sm= af= df= dnf= rt= ft=)

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(1, 0x7F)]
        public byte I2cAddress { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateSet("100", "400")]
        public int I2cSpeed { get; set; } = 400;

        [Parameter(ParameterSetName = InterfaceSet)]
        public I2cSpeedMode I2cSpeedMode { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(0, 1000)]
        public int RiseTime { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(0, 300)]
        public int FallTime { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [EnableWordTransformation]
        public bool AnalogFilter { get; set; } = true;

        [Parameter(ParameterSetName = InterfaceSet)]
        [EnableWordTransformation]
        public bool DigitalFilter { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(0, 15)]
        public byte DigitalNoiseFilter { get; set; }

        // UART (port= br= P= db= sb= fc=)

        // Port, BaudRate, Parity and Device are also the Port set's (ConnectStm32Command.Usart.cs).

        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PortSet)]
        [ArgumentCompleter(typeof(SerialPortCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Port { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = PortSet)]
        [ValidateRange(1, int.MaxValue)]
        public int BaudRate { get; set; } = 115200;

        [Parameter(ParameterSetName = InterfaceSet)]
        [Parameter(ParameterSetName = PortSet)]
        public UsartParity Parity { get; set; } = UsartParity.Even;

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateRange(6, 8)]
        public byte DataBits { get; set; } = 8;

        [Parameter(ParameterSetName = InterfaceSet)]
        public float StopBits { get; set; } = 1;

        [Parameter(ParameterSetName = InterfaceSet)]
        public UsartFlowControl FlowControl { get; set; } = UsartFlowControl.Off;

        [Parameter(ParameterSetName = InterfaceSet)]
        public SwitchParameter Rts { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        public SwitchParameter Dtr { get; set; }

        [Parameter(ParameterSetName = InterfaceSet)]
        public SwitchParameter NoInit { get; set; }

        // SPI, CAN, DFU

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateSet("187", "375", "750", "1500", "3000", "6000", "12000")]
        public int SpiSpeed { get; set; } = 375;

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateSet("125000", "250000", "500000", "1000000")]
        public int CanBitRate { get; set; } = 125000;

        [Parameter(ParameterSetName = InterfaceSet)]
        [ValidateNotNullOrEmpty]
        public string? UsbIndex { get; set; }

        private bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>The options for -Interface from the bound parameters, refusing settings of other interfaces.</summary>
        private CubeProgrammerConnectOptions InterfaceOptions()
        {
            var word = InterfaceNames.Word(SelectedInterface);
            var foreign = AppliesTo.Where(a => Bound(a.Key) && !a.Value.Contains(SelectedInterface)).Select(a => a.Key).ToList();
            if (foreign.Count > 0)
            {
                var own = AppliesTo.Where(a => a.Value.Contains(SelectedInterface)).Select(a => "-" + a.Key).ToList();
                var which = string.Join(", ", foreign.Select(f => $"-{f} ({string.Join("/", AppliesTo[f].Select(InterfaceNames.Word))})"));
                FailArgument("ParameterNotForInterface", foreign[0], foreign[0],
                    $"{which} {(foreign.Count == 1 ? "does" : "do")} not apply to -Interface {word}. " +
                    (own.Count == 0 ? $"-Interface {word} takes none of the interface settings." : $"-Interface {word} takes {string.Join(", ", own)}."));
            }
            var device = CatalogDevice();

            CubeProgrammerConnectOptions options;
            switch (SelectedInterface)
            {
                case TargetInterface.Swd:
                case TargetInterface.Jtag:
                    options = new DebugConnectOptions
                    {
                        Port = SelectedInterface == TargetInterface.Jtag ? DebugPort.Jtag : DebugPort.Swd,
                        FrequencyKHz = Bound(nameof(Frequency)) ? Frequency : (int?)null,
                        Mode = ConnectMode,
                        Reset = ResetMode,
                        SerialNumber = SerialNumber,
                        ProbeIndex = Bound(nameof(ProbeIndex)) ? ProbeIndex : (int?)null,
                        AccessPort = AccessPort,
                        Shared = Shared,
                    };
                    break;
                case TargetInterface.I2c:
                    options = new I2cConnectOptions
                    {
                        Address = Bound(nameof(I2cAddress)) ? I2cAddress : device?.I2cAddress ?? NoI2cAddress(device),
                        SpeedKHz = I2cSpeed,
                        SpeedMode = Bound(nameof(I2cSpeedMode)) ? I2cSpeedMode : (I2cSpeedMode?)null,
                        AnalogFilter = AnalogFilter,
                        DigitalFilter = DigitalFilter,
                        DigitalNoiseFilter = DigitalNoiseFilter,
                        RiseTimeNs = RiseTime,
                        FallTimeNs = FallTime,
                    };
                    break;
                case TargetInterface.Usart:
                    if (Port is null)
                    {
                        FailArgument("PortRequired", nameof(Port), null,
                            "-Interface UART needs -Port: the serial port the bootloader is on (COM3, /dev/ttyUSB0 ...).", recommendedAction: "Add -Port <name>.");
                    }
                    options = new UsartConnectOptions
                    {
                        PortName = Port!,
                        BaudRate = (uint)BaudRate,
                        Parity = Parity,
                        DataBits = DataBits,
                        StopBits = StopBits,
                        FlowControl = FlowControl,
                        Rts = Rts,
                        Dtr = Dtr,
                        NoInit = NoInit,
                    };
                    break;
                case TargetInterface.Spi:
                    options = new SpiConnectOptions { BaudRateKHz = (uint)SpiSpeed };
                    break;
                case TargetInterface.Can:
                    options = new CanConnectOptions { BitRate = CanBitRate };
                    break;
                default:
                    options = new DfuConnectOptions { UsbIndex = UsbIndex, SerialNumber = SerialNumber };
                    break;
            }
            options.DeviceName = device?.Name;
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                var parameter = ex.ParamName is null ? null : ParameterOf.TryGetValue(ex.ParamName, out var p) ? p : ex.ParamName;
                Fail("InvalidConnectOption", ErrorCategory.InvalidArgument, parameter, ex, InParameterTerms(ex, parameter, word));
            }
            return options;
        }

        private DeviceInfo? CatalogDevice()
        {
            if (Device is null) return null;
            var device = DeviceCatalog.Find(Device);
            if (device is null)
            {
                Terminate(DeviceErrors.NotFound(Device));
            }
            return device;
        }

        private byte NoI2cAddress(DeviceInfo? device)
        {
            FailArgument("I2cAddressRequired", nameof(I2cAddress), device,
                "-Interface I2C needs the bootloader's 7-bit slave address: pass -I2cAddress (it is fixed per product in ROM; " +
                "ST's application note AN2606 lists it, e.g. 0x4A for the STM32L45x)" +
                (device is null ? ", or name a catalog device that knows it with -Device." : $". The catalog does not list it for {device.Name}."),
                recommendedAction: "Add -I2cAddress 0x<address>.");
            return 0;
        }

        /// <summary>The options object of the ConnectOptions set, validated.</summary>
        private CubeProgrammerConnectOptions GivenOptions()
        {
            var options = ConnectOptions!;
            if (options is UsartConnectOptions { ReadoutUnprotect: true } || options is DfuConnectOptions { ReadoutUnprotect: true })
            {
                FailArgument("ReadoutUnprotectRefused", nameof(ConnectOptions), options,
                    "ReadoutUnprotect asks the library to remove readout protection while connecting, which mass-erases the flash without " +
                    "a confirmation; Connect-Stm32 does not do that. Connect with ReadoutUnprotect off.");
            }
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                Fail("InvalidConnectOption", ErrorCategory.InvalidArgument, options, ex,
                    $"-ConnectOptions: {ErrorText.Of(ex)}{(ex.ParamName is null ? "" : $" (the {options.GetType().Name}'s {ex.ParamName})")}");
            }
            return options;
        }

        /// <summary>
        /// An options object's refusal as this cmdlet's parameter says it: the property's name in the message becomes the
        /// parameter (RiseTimeNs: -RiseTime), or the parameter is named before the message.
        /// </summary>
        private static string InParameterTerms(ArgumentException ex, string? parameter, string interfaceWord)
        {
            var text = ErrorText.Of(ex);
            if (parameter is null) return $"-Interface {interfaceWord}: {text}";
            var named = System.Text.RegularExpressions.Regex.Replace(text, $@"\b{ex.ParamName}\b", "-" + parameter);
            return named != text ? $"-Interface {interfaceWord}: {named}" : $"-Interface {interfaceWord}, -{parameter}: {text}";
        }

        /// <summary>Loads the library and connects; the API holds one connection per process, so a second gets a specific error.</summary>
        private ITarget ConnectCubeProgrammer(CubeProgrammerConnectOptions options)
        {
            _messages.Source = "CubeProgrammer_API";
            RefuseIfHeld();
            var library = CubeProgrammerLoading.Load(this, ApiPath, LoadersPath, ApiLayoutVersion, _messages);
            _messages.Drain(this);
            WriteVerbose($"Connecting: {options.Describe()}");
            ErrorRecord error;
            try
            {
                return library.Connect(options);
            }
            catch (CubeProgrammerInUseException ex)
            {
                // Held by a session of another runspace in this process.
                error = new ErrorRecord(ex, "CubeProgrammerInUse", ErrorCategory.ResourceBusy, library.LibraryPath)
                {
                    ErrorDetails = new ErrorDetails(ex.Message + " It is not a session of this PowerShell session (a runspace of ForEach-Object -Parallel shares the process); disconnect it where it was opened.")
                    {
                        RecommendedAction = "Disconnect-Stm32 in the session that connected it.",
                    },
                };
            }
            catch (DeviceMismatchException ex)
            {
                error = DeviceErrors.Mismatch(ex, options.DeviceName, $"connecting with {options.Describe()}");
            }
            catch (TargetException ex)
            {
                var record = DeviceErrors.FromTarget(ex, ErrorCategory.ConnectionError, options);
                var (id, category) = ex.Kind == TargetErrorKind.NotSupported || ex.Kind == TargetErrorKind.ReadoutProtected
                    ? DeviceErrors.Classify(ex, ErrorCategory.ConnectionError) : ("ConnectionFailed", ErrorCategory.ConnectionError);
                error = new ErrorRecord(ex, id, category, options) { ErrorDetails = record.ErrorDetails };
            }
            catch (ApiLayoutRequiredException ex)
            {
                error = new ErrorRecord(ex, "ApiLayoutRequired", ErrorCategory.InvalidArgument, options)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Pass -ApiLayoutVersion for the installed STM32CubeProgrammer (V2_17, V2_18, V2_19 for 2.19 and 2.20, V2_21 from 2.21 on)." },
                };
            }
            catch (CubeProgrammerLoadException ex)
            {
                error = CubeProgrammerLoading.LoadFailed(ex);
            }
            _messages.Complete(this);
            Terminate(error);
            throw new InvalidOperationException("unreachable");
        }

        /// <summary>
        /// Fails when a session of this runspace holds a CubeProgrammer_API connection, before the library is touched
        /// (loading sets its loaders path, which must not change under a connection).
        /// </summary>
        private void RefuseIfHeld()
        {
            var holder = SessionRegistry.Open.FirstOrDefault(s => s.GetTarget() is CubeProgrammerTarget);
            if (holder is null) return;
            _messages.Complete(this);
            var disconnect = "Disconnect-Stm32" + (ReferenceEquals(holder, SessionRegistry.Current) ? "" : $" -Session <session {holder.Id}>");
            var target = (CubeProgrammerTarget)holder.GetTarget()!;
            Fail("CubeProgrammerInUse", ErrorCategory.ResourceBusy, holder,
                new CubeProgrammerInUseException(target.LibraryPath, holder.Description,
                    $"CubeProgrammer_API holds one connection per process, and session {holder.Id} has it ({holder.Description}). " +
                    $"Disconnect that session first: {disconnect}, then connect again. Several probes at once need one process each " +
                    "(Start-Job, or Invoke-Command to a PSSession), each with its own connection."),
                recommendedAction: disconnect);
        }
    }
}
