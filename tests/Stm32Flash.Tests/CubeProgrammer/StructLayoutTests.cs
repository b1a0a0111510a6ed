using System;
using System.Runtime.InteropServices;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.CubeProgrammer.Interop;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>The C# declarations against the C compiler's sizeof/offsetof for the fake's header, which follows the reference.</summary>
    public class StructLayoutTests : FakeLibraryTest
    {
        [Theory]
        [InlineData("frequencies", 104)]
        [InlineData("debugConnectParameters", 312)]
        [InlineData("spiConnectParameters", 52)]
        [InlineData("canConnectParameters", 36)]
        [InlineData("i2cConnectParameters", 36)]
        [InlineData("generalInf", 496)]
        [InlineData("dfuDeviceInfo", 224)]
        [InlineData("dfuConnectParameters", 16)]
        [InlineData("displayCallBacks", 24)]
        public void The_fakes_header_has_the_reference_sizes_and_CSharp_agrees(string type, int referenceSize)
        {
            var fake = Fake();
            Assert.Equal(referenceSize, fake.SizeOf(type));
            Assert.Equal(referenceSize, Marshal.SizeOf(ManagedType(type)));
        }

        [Theory]
        [InlineData("debugConnectParameters", "firmwareVersion", 41, "FirmwareVersion")]
        [InlineData("debugConnectParameters", "targetVoltage", 61, "TargetVoltage")]
        [InlineData("debugConnectParameters", "freq", 88, "Freq")]
        [InlineData("debugConnectParameters", "board", 204, "Board")]
        [InlineData("debugConnectParameters", "DBG_Sleep", 304, "DbgSleep")]
        [InlineData("debugConnectParameters", "speed", 308, "Speed")]
        [InlineData("generalInf", "description", 236, "Description")]
        [InlineData("generalInf", "revisionId", 386, "RevisionId")]
        [InlineData("generalInf", "board", 394, "Board")]
        [InlineData("usartConnectParameters", "baudrate", 100, "Baudrate")]
        [InlineData("usartConnectParameters", "parity", 104, "Parity")]
        [InlineData("usartConnectParameters", "dataBits", 108, "DataBits")]
        [InlineData("usartConnectParameters", "stopBits", 112, "StopBits")]
        [InlineData("usartConnectParameters", "flowControl", 116, "FlowControl")]
        [InlineData("usartConnectParameters", "statusRTS", 120, "StatusRts")]
        [InlineData("usartConnectParameters", "statusDTR", 124, "StatusDtr")]
        [InlineData("usartConnectParameters", "noinitBits", 128, "NoInitBits")]
        [InlineData("usartConnectParameters", "rdu", 129, "Rdu")]
        [InlineData("usartConnectParameters", "tzenreg", 130, "TzenReg")]
        public void Fields_sit_at_the_references_offsets_in_C_and_CSharp(string type, string cField, int referenceOffset, string managedField)
        {
            Assert.Equal(referenceOffset, Fake().OffsetOf(type, cField));
            Assert.Equal(referenceOffset, (int)Marshal.OffsetOf(ManagedType(type), managedField));
        }

        [Fact]
        public void The_usart_struct_sent_on_a_2_18_layout_reads_right_under_both_layouts()
        {
            Assert.Equal(132, Fake().SizeOf("usartConnectParameters"));
            var v219 = Fake(FakeLibraryBuild.V219Logged);
            Assert.Equal(136, v219.SizeOf("usartConnectParameters"));
            Assert.Equal(136, Marshal.SizeOf<UsartConnectParametersNative>());
            Assert.Equal(v219.OffsetOf("usartConnectParameters", "noinitBits"), (int)Marshal.OffsetOf<UsartConnectParametersNative>("NoInitBits219"));
            Assert.Equal(v219.OffsetOf("usartConnectParameters", "rdu"), (int)Marshal.OffsetOf<UsartConnectParametersNative>("Rdu219"));
            Assert.Equal(v219.OffsetOf("usartConnectParameters", "tzenreg"), (int)Marshal.OffsetOf<UsartConnectParametersNative>("TzenReg219"));
        }

        private static Type ManagedType(string type) => type switch
        {
            "frequencies" => typeof(FrequenciesNative),
            "debugConnectParameters" => typeof(DebugConnectParametersNative),
            "usartConnectParameters" => typeof(UsartConnectParametersNative),
            "spiConnectParameters" => typeof(SpiConnectParametersNative),
            "canConnectParameters" => typeof(CanConnectParametersNative),
            "i2cConnectParameters" => typeof(I2cConnectParametersNative),
            "generalInf" => typeof(GeneralInfNative),
            "dfuDeviceInfo" => typeof(DfuDeviceInfoNative),
            "dfuConnectParameters" => typeof(DfuConnectParametersNative),
            "displayCallBacks" => typeof(DisplayCallBacksNative),
            _ => throw new ArgumentException(type),
        };

        [Theory]
        [InlineData("frequencies", "jtagFreq", "JtagFreq")]
        [InlineData("frequencies", "jtagFreqNumber", "JtagFreqNumber")]
        [InlineData("frequencies", "swdFreq", "SwdFreq")]
        [InlineData("frequencies", "swdFreqNumber", "SwdFreqNumber")]
        [InlineData("debugConnectParameters", "dbgPort", "DbgPort")]
        [InlineData("debugConnectParameters", "index", "Index")]
        [InlineData("debugConnectParameters", "serialNumber", "SerialNumber")]
        [InlineData("debugConnectParameters", "firmwareVersion", "FirmwareVersion")]
        [InlineData("debugConnectParameters", "targetVoltage", "TargetVoltage")]
        [InlineData("debugConnectParameters", "accessPortNumber", "AccessPortNumber")]
        [InlineData("debugConnectParameters", "accessPort", "AccessPort")]
        [InlineData("debugConnectParameters", "connectionMode", "ConnectionMode")]
        [InlineData("debugConnectParameters", "resetMode", "ResetMode")]
        [InlineData("debugConnectParameters", "isOldFirmware", "IsOldFirmware")]
        [InlineData("debugConnectParameters", "freq", "Freq")]
        [InlineData("debugConnectParameters", "frequency", "Frequency")]
        [InlineData("debugConnectParameters", "isBridge", "IsBridge")]
        [InlineData("debugConnectParameters", "shared", "Shared")]
        [InlineData("debugConnectParameters", "board", "Board")]
        [InlineData("debugConnectParameters", "DBG_Sleep", "DbgSleep")]
        [InlineData("debugConnectParameters", "speed", "Speed")]
        [InlineData("usartConnectParameters", "portName", "PortName")]
        [InlineData("usartConnectParameters", "baudrate", "Baudrate")]
        [InlineData("usartConnectParameters", "parity", "Parity")]
        [InlineData("usartConnectParameters", "dataBits", "DataBits")]
        [InlineData("usartConnectParameters", "stopBits", "StopBits")]
        [InlineData("usartConnectParameters", "flowControl", "FlowControl")]
        [InlineData("usartConnectParameters", "statusRTS", "StatusRts")]
        [InlineData("usartConnectParameters", "statusDTR", "StatusDtr")]
        [InlineData("usartConnectParameters", "noinitBits", "NoInitBits")]
        [InlineData("usartConnectParameters", "rdu", "Rdu")]
        [InlineData("usartConnectParameters", "tzenreg", "TzenReg")]
        [InlineData("spiConnectParameters", "baudrate", "Baudrate")]
        [InlineData("spiConnectParameters", "crcPol", "CrcPol")]
        [InlineData("spiConnectParameters", "direction", "Direction")]
        [InlineData("spiConnectParameters", "cpha", "Cpha")]
        [InlineData("spiConnectParameters", "cpol", "Cpol")]
        [InlineData("spiConnectParameters", "crc", "Crc")]
        [InlineData("spiConnectParameters", "firstBit", "FirstBit")]
        [InlineData("spiConnectParameters", "frameFormat", "FrameFormat")]
        [InlineData("spiConnectParameters", "dataSize", "DataSize")]
        [InlineData("spiConnectParameters", "mode", "Mode")]
        [InlineData("spiConnectParameters", "nss", "Nss")]
        [InlineData("spiConnectParameters", "nssPulse", "NssPulse")]
        [InlineData("spiConnectParameters", "delay", "Delay")]
        [InlineData("canConnectParameters", "br", "Br")]
        [InlineData("canConnectParameters", "mode", "Mode")]
        [InlineData("canConnectParameters", "ide", "Ide")]
        [InlineData("canConnectParameters", "rtr", "Rtr")]
        [InlineData("canConnectParameters", "fifo", "Fifo")]
        [InlineData("canConnectParameters", "fm", "Fm")]
        [InlineData("canConnectParameters", "fs", "Fs")]
        [InlineData("canConnectParameters", "fe", "Fe")]
        [InlineData("canConnectParameters", "fbn", "Fbn")]
        [InlineData("i2cConnectParameters", "add", "Add")]
        [InlineData("i2cConnectParameters", "br", "Br")]
        [InlineData("i2cConnectParameters", "sm", "Sm")]
        [InlineData("i2cConnectParameters", "am", "Am")]
        [InlineData("i2cConnectParameters", "af", "Af")]
        [InlineData("i2cConnectParameters", "df", "Df")]
        [InlineData("i2cConnectParameters", "dnf", "Dnf")]
        [InlineData("i2cConnectParameters", "rt", "Rt")]
        [InlineData("i2cConnectParameters", "ft", "Ft")]
        [InlineData("generalInf", "deviceId", "DeviceId")]
        [InlineData("generalInf", "flashSize", "FlashSize")]
        [InlineData("generalInf", "bootloaderVersion", "BootloaderVersion")]
        [InlineData("generalInf", "type", "Type")]
        [InlineData("generalInf", "cpu", "Cpu")]
        [InlineData("generalInf", "name", "Name")]
        [InlineData("generalInf", "series", "Series")]
        [InlineData("generalInf", "description", "Description")]
        [InlineData("generalInf", "revisionId", "RevisionId")]
        [InlineData("generalInf", "board", "Board")]
        [InlineData("dfuDeviceInfo", "usbIndex", "UsbIndex")]
        [InlineData("dfuDeviceInfo", "busNumber", "BusNumber")]
        [InlineData("dfuDeviceInfo", "addressNumber", "AddressNumber")]
        [InlineData("dfuDeviceInfo", "productId", "ProductId")]
        [InlineData("dfuDeviceInfo", "serialNumber", "SerialNumber")]
        [InlineData("dfuDeviceInfo", "dfuVersion", "DfuVersion")]
        [InlineData("dfuConnectParameters", "usb_index", "UsbIndex")]
        [InlineData("dfuConnectParameters", "rdu", "Rdu")]
        [InlineData("dfuConnectParameters", "tzenreg", "TzenReg")]
        [InlineData("displayCallBacks", "initProgressBar", "InitProgressBar")]
        [InlineData("displayCallBacks", "logMessage", "LogMessage")]
        [InlineData("displayCallBacks", "loadBar", "LoadBar")]
        public void Every_field_sits_where_the_C_compiler_puts_it(string type, string cField, string managedField)
        {
            var fake = Fake();
            var c = fake.OffsetOf(type, cField);
            Assert.True(c >= 0, $"the fake's {type} has no {cField}");
            Assert.Equal(c, (int)Marshal.OffsetOf(ManagedType(type), managedField));
        }

        [Theory]
        [InlineData("statusDTR", "StatusDtr")]
        [InlineData("DelayRtsDtr", "DelayRtsDtr")]
        [InlineData("noinitBits", "NoInitBits")]
        [InlineData("rdu", "Rdu")]
        [InlineData("tzenreg", "TzenReg")]
        public void The_2_19_usart_layout_matches_a_2_19_build(string cField, string managedField)
        {
            var fake = Fake(FakeLibraryBuild.V219Logged);
            Assert.Equal(136, fake.SizeOf("usartConnectParameters"));
            Assert.Equal(136, Marshal.SizeOf<UsartConnectParameters219Native>());
            Assert.Equal(fake.OffsetOf("usartConnectParameters", cField), (int)Marshal.OffsetOf<UsartConnectParameters219Native>(managedField));
        }

        [Fact]
        public void The_2_21_dfu_layout_puts_usbTimeout_in_what_was_padding()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            Assert.Equal(fake.OffsetOf("dfuConnectParameters", "usbTimeout"), (int)Marshal.OffsetOf<DfuConnectParametersNative>(nameof(DfuConnectParametersNative.UsbTimeout)));
            Assert.Equal(fake.SizeOf("dfuConnectParameters"), Marshal.SizeOf<DfuConnectParametersNative>());
            Assert.Equal(Fake().SizeOf("dfuConnectParameters"), fake.SizeOf("dfuConnectParameters"));
        }

        [Theory]
        [InlineData(FakeLibraryBuild.V217, ApiLayoutVersion.V2_17)]
        [InlineData(FakeLibraryBuild.Default, ApiLayoutVersion.V2_18)]
        [InlineData(FakeLibraryBuild.V219Logged, ApiLayoutVersion.V2_19)]
        [InlineData(FakeLibraryBuild.V221, ApiLayoutVersion.V2_21)]
        public void Each_layout_version_matches_the_header_of_its_version(string variant, ApiLayoutVersion version)
        {
            Assert.Equal(Fake(variant).SizeOf("debugConnectParameters"), Marshal.SizeOf<DebugConnectParametersNative>());
            Assert.Equal(Fake(variant).SizeOf("generalInf"), Marshal.SizeOf<GeneralInfNative>());
            Assert.Equal(Fake(variant).SizeOf("usartConnectParameters"), ApiLayout.Stated(version).UsartConnectParametersSize);
            Assert.Equal(Fake(variant).OffsetOf("dfuConnectParameters", "usbTimeout") >= 0, ApiLayout.Stated(version).DfuHasUsbTimeout);
            Assert.False(ApiLayout.Stated(version).IsFallback);
        }
    }
}
