using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>What each connect call hands the library, read field by field at the C compiler's offsets.</summary>
    public class ConnectMarshallingTests : FakeLibraryTest
    {
        private const string I2cType = "i2cConnectParameters";
        private const string UsartType = "usartConnectParameters";
        private const string DebugType = "debugConnectParameters";

        [Fact]
        public void I2c_parameters_arrive_as_given()
        {
            var fake = Fake();
            var options = new I2cConnectOptions { Address = 0x4A, SpeedKHz = 400, DigitalNoiseFilter = 3, RiseTimeNs = 120, FallTimeNs = 30 };
            using (Load(new LogRecorder()).Connect(options))
            {
                var raw = fake.LastStruct(I2cType);
                Assert.Equal(0x4A, fake.Int32At(raw, I2cType, "add"));
                Assert.Equal(400, fake.Int32At(raw, I2cType, "br"));
                Assert.Equal(1, fake.Int32At(raw, I2cType, "sm"));
                Assert.Equal(0, fake.Int32At(raw, I2cType, "am"));
                Assert.Equal(1, fake.Int32At(raw, I2cType, "af"));
                Assert.Equal(0, fake.Int32At(raw, I2cType, "df"));
                Assert.Equal(3, fake.ByteAt(raw, I2cType, "dnf"));
                Assert.Equal(120, fake.Int32At(raw, I2cType, "rt"));
                Assert.Equal(30, fake.Int32At(raw, I2cType, "ft"));
            }
            Assert.Equal("port=I2C add=0x4A br=400 sm=FAST am=7 af=ENABLE df=DISABLE dnf=3 rt=120 ft=30", options.Describe());
        }

        [Fact]
        public void Usart_parameters_reach_a_2_18_library_whose_version_is_unknown()
        {
            var fake = Fake();
            var options = new UsartConnectOptions
            {
                PortName = "/dev/ttyUSB0", BaudRate = 57600, Parity = UsartParity.Odd, DataBits = 7, StopBits = 1.5f,
                FlowControl = UsartFlowControl.Hardware, Rts = true, NoInit = true, ReadoutUnprotect = true,
            };
            var library = Load(new LogRecorder());
            Assert.True(library.Layout.IsFallback);
            using (library.Connect(options))
            {
                var raw = fake.LastStruct(UsartType);
                Assert.Equal(132, raw.Length);
                Assert.Equal("/dev/ttyUSB0", fake.TextAt(raw, UsartType, "portName"));
                Assert.Equal(57600, fake.Int32At(raw, UsartType, "baudrate"));
                Assert.Equal(1, fake.Int32At(raw, UsartType, "parity"));
                Assert.Equal(7, fake.ByteAt(raw, UsartType, "dataBits"));
                Assert.Equal(1.5f, BitConverter.ToSingle(raw, fake.OffsetOf(UsartType, "stopBits")));
                Assert.Equal(1, fake.Int32At(raw, UsartType, "flowControl"));
                Assert.Equal(1, fake.Int32At(raw, UsartType, "statusRTS"));
                Assert.Equal(0, fake.Int32At(raw, UsartType, "statusDTR"));
                Assert.Equal(1, fake.ByteAt(raw, UsartType, "noinitBits"));
                Assert.Equal(1, fake.ByteAt(raw, UsartType, "rdu"));
                Assert.Equal(0, fake.ByteAt(raw, UsartType, "tzenreg"));
            }
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void On_an_assumed_layout_a_2_18_and_a_2_19_library_read_the_same_noinit_rdu_and_tzenreg(bool noInit, bool readoutUnprotect)
        {
            // FakeLibraryBuild.V221 has the 2.19 UART layout and logs no version, so its layout is assumed (V2_18).
            foreach (var variant in new[] { FakeLibraryBuild.Default, FakeLibraryBuild.V221 })
            {
                var fake = Fake(variant);
                var library = Load(new LogRecorder(), variant);
                Assert.True(library.Layout.IsFallback);
                using (library.Connect(new UsartConnectOptions { PortName = "/dev/ttyACM0", BaudRate = 9600, NoInit = noInit, ReadoutUnprotect = readoutUnprotect }))
                {
                    var raw = fake.LastStruct(UsartType);
                    Assert.Equal(fake.SizeOf(UsartType), raw.Length);
                    Assert.Equal(9600, fake.Int32At(raw, UsartType, "baudrate"));
                    Assert.Equal(0, fake.Int32At(raw, UsartType, "statusDTR"));
                    Assert.Equal(noInit ? 1 : 0, fake.ByteAt(raw, UsartType, "noinitBits"));
                    Assert.Equal(readoutUnprotect ? 1 : 0, fake.ByteAt(raw, UsartType, "rdu"));
                    Assert.Equal(0, fake.ByteAt(raw, UsartType, "tzenreg"));
                    if (variant == FakeLibraryBuild.V221)
                        Assert.Equal((noInit ? 1 : 0) + (readoutUnprotect ? 256 : 0), fake.Int32At(raw, UsartType, "DelayRtsDtr"));
                }
            }
        }

        [Fact]
        public void Settings_whose_place_depends_on_the_version_are_refused_on_an_assumed_layout()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            var library = Load(new LogRecorder(), FakeLibraryBuild.V221);
            var usart = Assert.Throws<ApiLayoutRequiredException>(() => library.Connect(new UsartConnectOptions { PortName = "COM3", DelayRtsDtr = 50 }));
            Assert.Equal("DelayRtsDtr", usart.Setting);
            Assert.Contains("layout version resolves it", usart.Message);
            Assert.DoesNotContain("-ApiLayoutVersion", usart.Message);
            var dfu = Assert.Throws<ApiLayoutRequiredException>(() => library.Connect(new DfuConnectOptions { UsbIndex = "USB1", UsbTimeoutMs = 3000 }));
            Assert.Equal("UsbTimeoutMs", dfu.Setting);
            Assert.Empty(fake.CallsTo("connectUsartBootloader"));
            Assert.Empty(fake.CallsTo("connectDfuBootloader2"));

            using (Load(new LogRecorder(), FakeLibraryBuild.V221, ApiLayoutVersion.V2_21).Connect(new UsartConnectOptions { PortName = "COM3", DelayRtsDtr = 50 }))
                Assert.Equal(50, fake.Int32At(fake.LastStruct(UsartType), UsartType, "DelayRtsDtr"));
        }

        [Fact]
        public void Usart_parameters_follow_the_2_19_layout_when_the_library_reports_2_19()
        {
            var fake = Fake(FakeLibraryBuild.V219Logged);
            var options = new UsartConnectOptions { PortName = "COM7", Dtr = true, DelayRtsDtr = 25, NoInit = true };
            using (Load(new LogRecorder(), FakeLibraryBuild.V219Logged).Connect(options))
            {
                var raw = fake.LastStruct(UsartType);
                Assert.Equal(136, raw.Length);
                Assert.Equal("COM7", fake.TextAt(raw, UsartType, "portName"));
                Assert.Equal(115200, fake.Int32At(raw, UsartType, "baudrate"));
                Assert.Equal(0, fake.Int32At(raw, UsartType, "parity"));
                Assert.Equal(1, fake.Int32At(raw, UsartType, "statusDTR"));
                Assert.Equal(25, fake.Int32At(raw, UsartType, "DelayRtsDtr"));
                Assert.Equal(1, fake.ByteAt(raw, UsartType, "noinitBits"));
                Assert.Equal(0, fake.ByteAt(raw, UsartType, "rdu"));
            }
        }

        [Fact]
        public void One_library_can_be_driven_with_either_usart_layout_in_turn()
        {
            var fake = Fake(FakeLibraryBuild.V219Logged);
            using (Load(new LogRecorder(), FakeLibraryBuild.V219Logged, ApiLayoutVersion.V2_18).Connect(new UsartConnectOptions { PortName = "COM1" }))
                Assert.Equal("COM1", fake.TextAt(fake.LastStruct(UsartType), UsartType, "portName"));
            using (Load(new LogRecorder(), FakeLibraryBuild.V219Logged, ApiLayoutVersion.V2_19).Connect(new UsartConnectOptions { PortName = "COM2", DelayRtsDtr = 9 }))
            {
                var raw = fake.LastStruct(UsartType);
                Assert.Equal("COM2", fake.TextAt(raw, UsartType, "portName"));
                Assert.Equal(9, fake.Int32At(raw, UsartType, "DelayRtsDtr"));
            }
        }

        [Fact]
        public void Spi_and_can_defaults_are_the_headers_recommended_values()
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            using (library.Connect(new SpiConnectOptions()))
            {
                var raw = fake.LastStruct("spiConnectParameters");
                var expected = new (string field, int value)[]
                {
                    ("baudrate", 375), ("direction", 0), ("cpha", 0), ("cpol", 0), ("crc", 0), ("firstBit", 1), ("frameFormat", 0),
                    ("dataSize", 1), ("mode", 1), ("nss", 1), ("nssPulse", 1), ("delay", 1),
                };
                foreach (var (field, value) in expected)
                    Assert.True(value == fake.Int32At(raw, "spiConnectParameters", field), $"{field}: expected {value}");
                Assert.Equal(7, BitConverter.ToUInt16(raw, fake.OffsetOf("spiConnectParameters", "crcPol")));
            }
            using (library.Connect(new CanConnectOptions { FilterBank = 5 }))
            {
                var raw = fake.LastStruct("canConnectParameters");
                var expected = new (string field, int value)[] { ("br", 125000), ("mode", 0), ("ide", 0), ("rtr", 0), ("fifo", 0), ("fm", 0), ("fs", 1), ("fe", 1) };
                foreach (var (field, value) in expected)
                    Assert.True(value == fake.Int32At(raw, "canConnectParameters", field), $"{field}: expected {value}");
                Assert.Equal(5, fake.ByteAt(raw, "canConnectParameters", "fbn"));
            }
        }

        [Fact]
        public void Swd_connect_sends_the_listed_probe_with_the_chosen_settings()
        {
            var fake = Fake();
            var options = new DebugConnectOptions
            {
                SerialNumber = "FAKESTLINK0001", FrequencyKHz = 4000, Mode = CliVocabulary.ParseConnectMode("UR"),
                Reset = CliVocabulary.ParseResetMode("HWrst"), AccessPort = 1,
            };
            using (var target = Load(new LogRecorder()).Connect(options))
            {
                Assert.Equal(TargetInterface.Swd, target.Interface);
                var raw = fake.LastStruct(DebugType);
                Assert.Equal(312, raw.Length);
                Assert.Equal("FAKESTLINK0001", fake.TextAt(raw, DebugType, "serialNumber"));
                Assert.Equal("V3J15M7B5S1", fake.TextAt(raw, DebugType, "firmwareVersion"));
                Assert.Equal("NUCLEO-L552ZE-Q", fake.TextAt(raw, DebugType, "board"));
                Assert.Equal(1, fake.Int32At(raw, DebugType, "dbgPort"));
                Assert.Equal(1, fake.Int32At(raw, DebugType, "index"));
                Assert.Equal(2, fake.Int32At(raw, DebugType, "connectionMode"));
                Assert.Equal(1, fake.Int32At(raw, DebugType, "resetMode"));
                Assert.Equal(4000, fake.Int32At(raw, DebugType, "frequency"));
                Assert.Equal(1, fake.Int32At(raw, DebugType, "accessPort"));
                Assert.Equal(0, fake.Int32At(raw, DebugType, "shared"));
                Assert.Equal(0, fake.Int32At(raw, DebugType, "speed"));
                Assert.Equal(16 * 1024, target.Capabilities.MaxWrite);
                Assert.True(target.Capabilities.CanReset);
            }
            Assert.Equal(fake.Counter("lists_allocated"), fake.Counter("lists_deleted"));
        }

        [Fact]
        public void Jtag_with_the_first_probe_by_default()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(new DebugConnectOptions { Port = DebugPort.Jtag });
            var raw = fake.LastStruct(DebugType);
            Assert.Equal(0, fake.Int32At(raw, DebugType, "dbgPort"));
            Assert.Equal("FAKESTLINK0000", fake.TextAt(raw, DebugType, "serialNumber"));
            Assert.Equal(TargetInterface.Jtag, target.Interface);
        }

        [Fact]
        public void A_serial_number_that_is_not_attached_lists_the_attached_ones()
        {
            Fake();
            var e = Assert.Throws<TargetException>(() => Load(new LogRecorder()).Connect(new DebugConnectOptions { SerialNumber = "NOPE" }));
            Assert.Equal(TargetErrorKind.Disconnected, e.Kind);
            Assert.Contains("FAKESTLINK0000, FAKESTLINK0001", e.LikelyCause);
        }

        [Fact]
        public void Dfu_connect_finds_the_device_and_sends_its_usb_index()
        {
            var fake = Fake();
            using (var target = Load(new LogRecorder()).Connect(new DfuConnectOptions()))
            {
                Assert.Equal(TargetInterface.Dfu, target.Interface);
                Assert.Contains("connectDfuBootloader2 USB1 -> 0", fake.Calls);
                Assert.Contains("getDfuDeviceList pid=0xDF11 vid=0x0483", fake.Calls);
                Assert.Equal(1024, target.Capabilities.MaxWrite);
            }
            Assert.Equal(0, fake.Counter("lists_outstanding"));
        }

        [Fact]
        public void Dfu_usb_timeout_reaches_a_2_21_library()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            using (Load(new LogRecorder(), FakeLibraryBuild.V221, ApiLayoutVersion.V2_21).Connect(new DfuConnectOptions { UsbIndex = "USB1", UsbTimeoutMs = 3000 }))
            {
                var raw = fake.LastStruct("dfuConnectParameters");
                Assert.Equal(3000, fake.Int32At(raw, "dfuConnectParameters", "usbTimeout"));
                Assert.Equal(0, fake.ByteAt(raw, "dfuConnectParameters", "rdu"));
                Assert.NotEqual(0L, BitConverter.ToInt64(raw, fake.OffsetOf("dfuConnectParameters", "usb_index")));
            }
        }

        [Fact]
        public void The_probe_list_is_read_entry_by_entry()
        {
            var fake = Fake();
            fake.SetProbeCount(3, 0);
            var log = new LogRecorder();
            var probes = Load(log).GetStLinkProbes();
            Assert.Equal(new[] { "FAKESTLINK0000", "FAKESTLINK0001", "FAKESTLINK0002" }, probes.Select(p => p.SerialNumber));
            Assert.Equal(new[] { "STLINK-V3SET", "NUCLEO-L552ZE-Q", "NUCLEO-L552ZE-Q" }, probes.Select(p => p.Board));
            Assert.Equal(new uint[] { 24000, 8000, 3300, 1000, 200, 50, 5 }, probes[2].SwdFrequenciesKHz);
            Assert.True(probes[0].IsBridge);
            Assert.Equal(0, fake.Counter("lists_outstanding"));
        }

        [Fact]
        public void Listing_dfu_devices_copies_them_and_deletes_the_list()
        {
            var fake = Fake();
            fake.SetProbeCount(0, 2);
            var devices = Load(new LogRecorder()).GetDfuDevices();
            Assert.Equal(new[] { "USB1", "USB2" }, devices.Select(d => d.UsbIndex));
            Assert.Equal("STM32  BOOTLOADER", devices[0].ProductId);
            Assert.Equal("205F37A05141", devices[1].SerialNumber);
            Assert.Equal(0x011Au, devices[0].DfuVersion);
            Assert.Equal(6, devices[1].AddressNumber);
            Assert.Equal(0, fake.Counter("lists_outstanding"));
            Assert.Contains("deleteInterfaceList", fake.Calls);
        }

        [Theory]
        [InlineData(0, 400)]
        [InlineData(0x80, 400)]
        [InlineData(0x4A, 250)]
        public void Invalid_i2c_settings_are_refused_before_the_library_is_called(byte address, int speed)
        {
            var fake = Fake();
            Assert.Throws<ArgumentException>(() => Load(new LogRecorder()).Connect(new I2cConnectOptions { Address = address, SpeedKHz = speed }));
            Assert.DoesNotContain(fake.Calls, c => c.StartsWith("connectI2cBootloader", StringComparison.Ordinal));
        }

        [Fact]
        public void Cli_words_parse_and_bad_ones_say_what_is_accepted()
        {
            Assert.Equal(DebugConnectMode.HotPlug, CliVocabulary.ParseConnectMode("hotplug"));
            Assert.Equal(DebugConnectMode.HardwareResetPulse, CliVocabulary.ParseConnectMode("HWRSTPULSE"));
            Assert.Equal(DebugResetMode.Core, CliVocabulary.ParseResetMode("Crst"));
            Assert.Equal(UsartParity.None, CliVocabulary.ParseParity("NONE"));
            Assert.Equal(I2cSpeedMode.Fast, CliVocabulary.ParseSpeedMode("FAST"));
            Assert.False(CliVocabulary.ParseEnable("DISABLE"));
            var e = Assert.Throws<FormatException>(() => CliVocabulary.ParseConnectMode("UNDER"));
            Assert.Contains("UR", e.Message);
            Assert.Throws<FormatException>(() => CliVocabulary.ParseParity("2"));
        }
    }
}
