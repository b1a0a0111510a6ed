using System;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>Connect-Stm32's parameters, read back field by field from the struct the fake library received.</summary>
    public class ConnectParameterTests : FakeLibraryTest
    {
        private const string I2cType = "i2cConnectParameters";
        private const string DebugType = "debugConnectParameters";
        private const string UsartType = "usartConnectParameters";
        private const string SpiType = "spiConnectParameters";
        private const string CanType = "canConnectParameters";

        private static void AssertFields(FakeApi fake, string type, params (string Field, int Value)[] expected)
        {
            var raw = fake.LastStruct(type);
            foreach (var (field, value) in expected)
            {
                var size = field == "dnf" || field == "fbn" || field == "dataBits" || field == "noinitBits" || field == "rdu" ? 1 : 4;
                var actual = size == 1 ? fake.ByteAt(raw, type, field) : fake.Int32At(raw, type, field);
                Assert.True(value == actual, $"{type}.{field}: expected {value}, the library received {actual}");
            }
        }

        [Fact]
        public void I2c_parameters_land_in_their_fields()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var session = shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4B -I2cSpeed 100 -I2cSpeedMode Standard " +
                "-RiseTime 700 -FallTime 120 -AnalogFilter DISABLE -DigitalFilter ENABLE -DigitalNoiseFilter 5").AssertNoErrors().Output.Single();
            AssertFields(fake, I2cType, ("add", 0x4B), ("br", 100), ("sm", 0), ("am", 0), ("af", 0), ("df", 1), ("dnf", 5), ("rt", 700), ("ft", 120));
            Assert.Equal(TargetInterface.I2c, session.Property<TargetInterface>("Interface"));
            Assert.Equal("STM32L552", session.Property<DeviceInfo>("Device").Name);
            Assert.Contains("port=I2C add=0x4B br=100 sm=STANDARD", session.Property<string>("Description"));
        }

        [Fact]
        public void I2c_defaults_are_fast_mode_at_400_kHz_with_the_analog_filter_on()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            AssertFields(fake, I2cType, ("add", 0x4A), ("br", 400), ("sm", 1), ("am", 0), ("af", 1), ("df", 0), ("dnf", 0), ("rt", 0), ("ft", 0));
        }

        [Fact]
        public void Filters_take_booleans_and_refuse_other_words()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.Run("$null = Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -AnalogFilter:$false -DigitalFilter false; Disconnect-Stm32").AssertNoErrors();
            AssertFields(fake, I2cType, ("af", 0), ("df", 0));
            var bad = shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -AnalogFilter maybe");
            Assert.StartsWith("ParameterArgumentTransformationError", Assert.Single(bad.Errors).FullyQualifiedErrorId);
            Assert.Contains("ENABLE or DISABLE", bad.Errors[0].Exception.Message);
        }

        [Theory]
        [InlineData("SWD", 1)]
        [InlineData("swd", 1)]
        [InlineData("Jtag", 0)]
        public void Swd_and_jtag_parameters_land_in_the_probes_entry(string word, int port)
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var session = shell.Run($"Connect-Stm32 -Interface {word} -ApiPath $api -Frequency 4000 -ConnectMode UR -ResetMode SWrst " +
                "-SerialNumber FAKESTLINK0001 -AccessPort 1 -Shared").AssertNoErrors().Output.Single();
            AssertFields(fake, DebugType, ("dbgPort", port), ("index", 1), ("connectionMode", 2), ("resetMode", 0), ("frequency", 4000),
                ("accessPort", 1), ("shared", 1));
            Assert.Equal("FAKESTLINK0001", fake.TextAt(fake.LastStruct(DebugType), DebugType, "serialNumber"));
            Assert.Contains("getStLinkList shared=1", fake.Calls);
            Assert.Equal(port == 1 ? TargetInterface.Swd : TargetInterface.Jtag, session.Property<TargetInterface>("Interface"));
        }

        [Fact]
        public void Debug_modes_take_the_enums_names_and_the_probe_index()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.Run("$null = Connect-Stm32 -Interface SWD -ApiPath $api -ProbeIndex 1 -ConnectMode HotPlug -ResetMode Core").AssertNoErrors();
            AssertFields(fake, DebugType, ("dbgPort", 1), ("index", 1), ("connectionMode", 1), ("resetMode", 2), ("accessPort", 0), ("shared", 0));
            Assert.Contains("getStLinkList shared=0", fake.Calls);
            shell.Run("Disconnect-Stm32; $null = Connect-Stm32 -Interface SWD -ApiPath $api -ConnectMode HWRSTPULSE -ResetMode HWrst -ApiLayoutVersion V2_18").AssertNoErrors();
            AssertFields(fake, DebugType, ("index", 0), ("connectionMode", 5), ("resetMode", 1));
        }

        [Theory]
        [InlineData("UART")]
        [InlineData("Usart")]
        public void Uart_parameters_land_in_their_fields(string word)
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var session = shell.Run($"Connect-Stm32 -Interface {word} -ApiPath $api -Port /dev/ttyUSB7 -BaudRate 57600 -Parity Odd -DataBits 7 " +
                "-StopBits 1.5 -FlowControl Hardware -Rts -NoInit").AssertNoErrors().Output.Single();
            var raw = fake.LastStruct(UsartType);
            Assert.Equal(132, raw.Length);
            Assert.Equal("/dev/ttyUSB7", fake.TextAt(raw, UsartType, "portName"));
            AssertFields(fake, UsartType, ("baudrate", 57600), ("parity", 1), ("dataBits", 7), ("flowControl", 1), ("statusRTS", 1), ("statusDTR", 0),
                ("noinitBits", 1), ("rdu", 0));
            Assert.Equal(1.5f, BitConverter.ToSingle(raw, fake.OffsetOf(UsartType, "stopBits")));
            Assert.Equal(TargetInterface.Usart, session.Property<TargetInterface>("Interface"));
        }

        [Fact]
        public void Uart_defaults_are_the_bootloaders_frame_115200_8E1()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.Run("$null = Connect-Stm32 -Interface UART -ApiPath $api -Port COM3 -Dtr").AssertNoErrors();
            AssertFields(fake, UsartType, ("baudrate", 115200), ("parity", 0), ("dataBits", 8), ("flowControl", 0), ("statusRTS", 0), ("statusDTR", 1), ("noinitBits", 0));
            Assert.Equal(1f, BitConverter.ToSingle(fake.LastStruct(UsartType), fake.OffsetOf(UsartType, "stopBits")));
        }

        [Fact]
        public void Spi_and_can_rates_land_in_their_fields_with_the_headers_defaults_around_them()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.Run("$null = Connect-Stm32 -Interface SPI -ApiPath $api -SpiSpeed 1500; Disconnect-Stm32").AssertNoErrors();
            AssertFields(fake, SpiType, ("baudrate", 1500), ("direction", 0), ("cpha", 0), ("cpol", 0), ("crc", 0), ("firstBit", 1), ("frameFormat", 0),
                ("dataSize", 1), ("mode", 1), ("nss", 1), ("nssPulse", 1), ("delay", 1));
            shell.Run("$null = Connect-Stm32 -Interface CAN -ApiPath $api -CanBitRate 500000").AssertNoErrors();
            AssertFields(fake, CanType, ("br", 500000), ("mode", 0), ("ide", 0), ("rtr", 0), ("fifo", 0), ("fm", 0), ("fs", 1), ("fe", 1), ("fbn", 0));
        }

        [Fact]
        public void Dfu_connects_by_serial_number_through_the_device_list_or_by_usb_index_directly()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var session = shell.Run("Connect-Stm32 -Interface USB -ApiPath $api -SerialNumber 205F37A05140").AssertNoErrors().Output.Single();
            Assert.Contains("getDfuDeviceList pid=0xDF11 vid=0x0483", fake.Calls);
            Assert.Contains("connectDfuBootloader2 USB1 -> 0", fake.Calls);
            Assert.Equal(TargetInterface.Dfu, session.Property<TargetInterface>("Interface"));
            Assert.Equal(0, fake.ByteAt(fake.LastStruct("dfuConnectParameters"), "dfuConnectParameters", "rdu"));

            fake.Reset();
            shell.Run("Disconnect-Stm32; $null = Connect-Stm32 -Interface DFU -ApiPath $api -UsbIndex USB1").AssertNoErrors();
            Assert.Empty(fake.CallsTo("getDfuDeviceList"));
            Assert.Contains("connectDfuBootloader2 USB1 -> 0", fake.Calls);
        }

        [Fact]
        public void An_options_object_reaches_settings_that_have_no_parameter()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var session = shell.Run("Connect-Stm32 -ApiPath $api -ConnectOptions ([Stm32Flash.Targets.CubeProgrammer.SpiConnectOptions]@{ ClockHigh = $true; SecondEdge = $true; NssPulse = $false })")
                .AssertNoErrors().Output.Single();
            AssertFields(fake, SpiType, ("baudrate", 375), ("cpol", 1), ("cpha", 1), ("nssPulse", 0), ("nss", 1));
            Assert.Equal(TargetInterface.Spi, session.Property<TargetInterface>("Interface"));

            var refused = shell.Run("Disconnect-Stm32; Connect-Stm32 -ApiPath $api -ConnectOptions ([Stm32Flash.Targets.CubeProgrammer.DfuConnectOptions]@{ ReadoutUnprotect = $true })");
            var error = Assert.Single(refused.Errors);
            Assert.Equal("ReadoutUnprotectRefused,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Empty(fake.CallsTo("connectDfuBootloader2"));
        }

        [Fact]
        public void Device_names_the_catalog_entry_and_supplies_its_i2c_address()
        {
            var fake = Fake();
            fake.SetProductId(0x450);
            using var shell = new CubeShell();
            var session = shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -Device STM32H743").AssertNoErrors().Output.Single();
            Assert.Equal("STM32H743", session.Property<DeviceInfo>("Device").Name);
            AssertFields(fake, I2cType, ("add", 0x4E));
        }
    }
}
