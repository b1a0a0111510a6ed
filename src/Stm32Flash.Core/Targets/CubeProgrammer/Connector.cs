using System;
using System.Linq;
using System.Runtime.InteropServices;
using Stm32Flash.Devices;
using Stm32Flash.Targets.CubeProgrammer.Interop;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>Fills the API's connect struct for one interface, connects, and identifies the device. Runs under the library's lock.</summary>
    internal sealed class Connector
    {
        private readonly CubeProgrammerLibrary _library;
        private readonly LoadedApi _api;

        public Connector(CubeProgrammerLibrary library, LoadedApi api)
        {
            _library = library;
            _api = api;
        }

        private ApiLayout Layout => _library.Layout;

        private void Say(TargetLogLevel level, string text) => _library.Log?.Invoke(level, text);

        public CubeProgrammerTarget Connect(CubeProgrammerConnectOptions options)
        {
            var (function, rc) = options switch
            {
                DebugConnectOptions d => ("connectStLink", ConnectDebug(d)),
                UsartConnectOptions u => ("connectUsartBootloader", ConnectUsart(u)),
                I2cConnectOptions i => ("connectI2cBootloader", ConnectI2c(i)),
                SpiConnectOptions s => ("connectSpiBootloader", ConnectSpi(s)),
                CanConnectOptions c => ("connectCanBootloader", ConnectCan(c)),
                DfuConnectOptions f => ("connectDfuBootloader2", ConnectDfu(f)),
                _ => throw new NotSupportedException($"Connecting with {options.GetType().Name} is not supported."),
            };
            if (rc != 0)
            {
                var failure = CubeProgrammerErrors.ToException(rc, function, options.Interface, detail: $"({options.Describe()})", libraryMessage: _api.LastError);
                // As ST's examples do: a failed connect can leave the probe or port half-open for the next one.
                Disconnect();
                throw failure;
            }
            try
            {
                return Identify(options);
            }
            catch
            {
                Disconnect();
                throw;
            }
        }

        private void Disconnect() => _api.Exports.Get<VoidFn>("disconnect", "disconnecting")();

        private unsafe CubeProgrammerTarget Identify(CubeProgrammerConnectOptions options)
        {
            if (_api.Exports.Get<IntFn>("checkDeviceConnection", "checking the connection")() != 1)
                throw new TargetException(TargetErrorKind.Disconnected, "checkDeviceConnection",
                    $"The library reported a successful connect over {options.Interface} but then no connected device.", likelyCause: "the device reset or left its bootloader right after connecting");
            var p = _api.Exports.Get<PointerFn>("getDeviceGeneralInf", "identifying the device")();
            if (p == IntPtr.Zero)
                throw new TargetException(TargetErrorKind.Protocol, "getDeviceGeneralInf", "The library returned no device information after connecting.");
            var g = *(GeneralInfNative*)p;
            var info = new DeviceGeneralInfo(g.DeviceId, g.FlashSize, g.BootloaderVersion, NativeText.Read(g.Type, 4), NativeText.Read(g.Cpu, 20),
                NativeText.Read(g.Name, 100), NativeText.Read(g.Series, 100), NativeText.Read(g.Description, 150),
                NativeText.Read(g.RevisionId, 8), NativeText.Read(g.Board, 100));

            DeviceInfo device;
            if (options.DeviceName != null)
            {
                device = DeviceCatalog.Find(options.DeviceName) ?? throw new ArgumentException(DeviceCatalog.UnknownNameMessage(options.DeviceName), nameof(options));
                if (device.ProductId != info.DeviceId) throw new DeviceMismatchException(device, info.DeviceId, info.Name, "getDeviceGeneralInf");
            }
            else
            {
                var matches = DeviceCatalog.FindByProductId(info.DeviceId);
                if (matches.Count == 0)
                    throw new TargetException(TargetErrorKind.NotSupported, "identify",
                        $"The device reports product ID 0x{info.DeviceId:X3} ({info.Name}), which Stm32Flash's catalog does not know; the nearest known product IDs are " +
                        $"{DeviceCatalog.DescribeNearest(info.DeviceId)}.",
                        likelyCause: "a product newer than the catalog: describe it in a JSON file of the catalog's format (Get-Help about_Stm32Flash_Devices) " +
                            "and connect with -DeviceDefinition <file>, or add it for the session with Add-Stm32Device <file>");
                device = matches[0];
                if (matches.Count > 1)
                    Say(TargetLogLevel.Warning, $"Product ID 0x{info.DeviceId:X3} matches {string.Join(", ", matches.Select(m => m.Name))}; using {device.Name}. Name the device to choose.");
            }

            var limits = device.Offers(options.Interface) ? device.LimitsFor(options.Interface) : new TransferLimits(256, 256);
            if (!device.Offers(options.Interface))
                Say(TargetLogLevel.Warning, $"The catalog lists no {options.Interface} bootloader for {device.Name}, yet the device answered; assuming 256-byte transfers.");
            Say(TargetLogLevel.Verbose, $"Connected over {options.Interface} ({options.Describe()}): {info}; catalog device {device.Name}.");
            var target = new CubeProgrammerTarget(_library, _api, options, device, info, limits);
            if (device.Definition is null) return target;
            // Read the chip's flash size and layout bits; whatever the library refuses leaves the catalog's default.
            var chip = LayoutProbe.Resolve(device.Definition, (address, length) =>
            {
                var bytes = new byte[length];
                try
                {
                    target.Read(address, bytes);
                }
                catch (TargetException ex) when (ex.Kind != TargetErrorKind.Disconnected)
                {
                    throw new TargetException(TargetErrorKind.Refused, ex.Operation, ex.Message, address, ex.DeviceReply ?? ex.Message);
                }
                return bytes;
            }, text => Say(TargetLogLevel.Verbose, text));
            return new CubeProgrammerTarget(_library, _api, options, chip, info, limits);
        }

        private unsafe int ConnectDebug(DebugConnectOptions o)
        {
            if (o.Mode == DebugConnectMode.HardwareResetPulse) RequireHardwareResetPulse();
            var probes = _library.ListStLinks(o.Shared);
            if (probes.Count == 0)
                throw new TargetException(TargetErrorKind.Disconnected, "getStLinkList", "No ST-LINK probe was found.",
                    likelyCause: "the probe is not plugged in, its USB driver is missing, or another program holds it (use a shared connection through ST-LINK Server)");
            int chosen;
            if (o.SerialNumber != null)
            {
                chosen = probes.FindIndex(p => NativeText.Read(p.SerialNumber, DebugConnectParametersNative.SerialNumberLength)
                    .Equals(o.SerialNumber, StringComparison.OrdinalIgnoreCase));
                if (chosen < 0)
                    throw new TargetException(TargetErrorKind.Disconnected, "connectStLink", $"No ST-LINK with serial number {o.SerialNumber} is attached.",
                        likelyCause: "attached: " + string.Join(", ", probes.Select(p => NativeText.Read(p.SerialNumber, DebugConnectParametersNative.SerialNumberLength))));
            }
            else
            {
                chosen = o.ProbeIndex ?? 0;
                if (chosen >= probes.Count)
                    throw new TargetException(TargetErrorKind.Disconnected, "connectStLink", $"There is no ST-LINK at index {chosen}; {probes.Count} attached.");
            }
            var parameters = probes[chosen];
            parameters.DbgPort = (int)o.Port;
            parameters.ConnectionMode = (int)o.Mode;
            parameters.ResetMode = (int)o.Reset;
            parameters.AccessPort = o.AccessPort;
            parameters.Shared = o.Shared ? 1 : 0;
            if (o.FrequencyKHz is int f) parameters.Frequency = f;
            return _api.Exports.Get<ConnectStLinkFn>("connectStLink", "SWD/JTAG")(parameters);
        }

        private void RequireHardwareResetPulse()
        {
            if (Layout.IsFallback)
                throw LayoutNeeded("HardwareResetPulse", "debugConnectMode has HW_RESET_PULSE_MODE from API 2.18 on and a 2.17 library has no such mode, so it is not sent on a guess");
            if (!Layout.HasHardwareResetPulse)
                throw new TargetException(TargetErrorKind.NotSupported, "connectStLink",
                    $"The hardware reset pulse connect mode (HWRSTPULSE) exists from STM32CubeProgrammer 2.18 on; the library's layout is {Layout.Version} ({Layout.Reason}).",
                    likelyCause: "connect under reset (UR) instead, or install STM32CubeProgrammer 2.18 or later");
        }

        private unsafe int ConnectUsart(UsartConnectOptions o)
        {
            if (Layout.UsartHasDelayRtsDtr)
            {
                var p = new UsartConnectParameters219Native
                {
                    Baudrate = o.BaudRate, Parity = (int)o.Parity, DataBits = o.DataBits, StopBits = o.StopBits, FlowControl = (int)o.FlowControl,
                    StatusRts = o.Rts ? 1 : 0, StatusDtr = o.Dtr ? 1 : 0, DelayRtsDtr = o.DelayRtsDtr,
                    NoInitBits = (byte)(o.NoInit ? 1 : 0), Rdu = (byte)(o.ReadoutUnprotect ? 1 : 0),
                };
                NativeText.Write(p.PortName, UsartConnectParametersNative.PortNameLength, o.PortName, nameof(o.PortName));
                return _api.Exports.Get<ConnectUsart219Fn>("connectUsartBootloader", "UART")(p);
            }
            if (o.DelayRtsDtr != 0)
            {
                if (Layout.IsFallback) throw LayoutNeeded("DelayRtsDtr", "usartConnectParameters has it from API 2.19 on, where older libraries read noinitBits, rdu and tzenreg, so it is not sent on a guess");
                Say(TargetLogLevel.Warning, $"DelayRtsDtr is not sent: struct layout {Layout.Version} has no such field (it exists from API 2.19 on).");
            }
            var q = new UsartConnectParametersNative
            {
                Baudrate = o.BaudRate, Parity = (int)o.Parity, DataBits = o.DataBits, StopBits = o.StopBits, FlowControl = (int)o.FlowControl,
                StatusRts = o.Rts ? 1 : 0, StatusDtr = o.Dtr ? 1 : 0,
            };
            q.SetTail((byte)(o.NoInit ? 1 : 0), (byte)(o.ReadoutUnprotect ? 1 : 0), 0);
            NativeText.Write(q.PortName, UsartConnectParametersNative.PortNameLength, o.PortName, nameof(o.PortName));
            return _api.Exports.Get<ConnectUsartFn>("connectUsartBootloader", "UART")(q);
        }

        private ApiLayoutRequiredException LayoutNeeded(string setting, string why) =>
            new ApiLayoutRequiredException(_library.LibraryPath, Layout, setting, why);

        private int ConnectI2c(I2cConnectOptions o) =>
            _api.Exports.Get<ConnectI2cFn>("connectI2cBootloader", "I2C")(new I2cConnectParametersNative
            {
                Add = o.Address, Br = o.SpeedKHz, Sm = (int)o.EffectiveSpeedMode, Am = 0, Af = o.AnalogFilter ? 1 : 0, Df = o.DigitalFilter ? 1 : 0,
                Dnf = o.DigitalNoiseFilter, Rt = o.RiseTimeNs, Ft = o.FallTimeNs,
            });

        private int ConnectSpi(SpiConnectOptions o) =>
            _api.Exports.Get<ConnectSpiFn>("connectSpiBootloader", "SPI")(new SpiConnectParametersNative
            {
                Baudrate = o.BaudRateKHz, CrcPol = o.CrcPolynomial, Direction = o.Direction, Cpha = o.SecondEdge ? 1 : 0, Cpol = o.ClockHigh ? 1 : 0,
                Crc = o.Crc ? 1 : 0, FirstBit = o.MsbFirst ? 1 : 0, FrameFormat = o.TiFrameFormat ? 1 : 0, DataSize = o.EightBitFrames ? 1 : 0,
                Mode = o.Master ? 1 : 0, Nss = o.HardwareNss ? 1 : 0, NssPulse = o.NssPulse ? 1 : 0, Delay = o.Delay ? 1 : 0,
            });

        private int ConnectCan(CanConnectOptions o) =>
            _api.Exports.Get<ConnectCanFn>("connectCanBootloader", "CAN")(new CanConnectParametersNative
            {
                Br = o.BitRate, Mode = o.Mode, Ide = o.ExtendedIdentifiers ? 1 : 0, Rtr = o.RemoteFrames ? 1 : 0, Fifo = o.Fifo,
                Fm = o.FilterListMode ? 1 : 0, Fs = o.FilterScale32 ? 1 : 0, Fe = o.FilterEnabled ? 1 : 0, Fbn = o.FilterBank,
            });

        private int ConnectDfu(DfuConnectOptions o)
        {
            var usbIndex = o.UsbIndex;
            if (usbIndex is null)
            {
                var devices = _library.GetDfuDevices(o.ProductId, o.VendorId);
                var device = o.SerialNumber is null ? devices.FirstOrDefault()
                    : devices.FirstOrDefault(d => d.SerialNumber.Equals(o.SerialNumber, StringComparison.OrdinalIgnoreCase));
                if (device is null)
                    throw new TargetException(TargetErrorKind.Disconnected, "getDfuDeviceList",
                        $"No USB DFU device{(o.SerialNumber is null ? "" : " with serial number " + o.SerialNumber)} with VID 0x{o.VendorId:X4} PID 0x{o.ProductId:X4} was found" +
                        (devices.Count == 0 ? "." : $"; found {string.Join(", ", devices)}."),
                        likelyCause: "the device is not in its DFU bootloader (BOOT0 or boot option bytes, then reset), or the USB driver is missing");
                usbIndex = device.UsbIndex;
            }
            var text = NarrowString.Allocate(usbIndex);
            try
            {
                if (o.UsbTimeoutMs.HasValue && Layout.IsFallback)
                    throw LayoutNeeded("UsbTimeoutMs", "dfuConnectParameters has usbTimeout from API 2.21 on, so it is not sent on a guess");
                if (o.UsbTimeoutMs.HasValue && !Layout.DfuHasUsbTimeout)
                    Say(TargetLogLevel.Warning, $"UsbTimeoutMs is not used: struct layout {Layout.Version} has no usbTimeout (it exists from API 2.21 on).");
                // Written whatever the layout: before 2.21 usbTimeout's place is padding the library does not read.
                var p = new DfuConnectParametersNative
                {
                    UsbIndex = text, Rdu = (byte)(o.ReadoutUnprotect ? 1 : 0),
                    UsbTimeout = o.UsbTimeoutMs ?? DfuConnectOptions.DefaultUsbTimeoutMs,
                };
                return _api.Exports.Get<ConnectDfu2Fn>("connectDfuBootloader2", "USB DFU")(p);
            }
            finally
            {
                Marshal.FreeHGlobal(text);
            }
        }
    }
}
