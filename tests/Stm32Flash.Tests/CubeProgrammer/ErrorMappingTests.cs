using System;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>API codes turned into name, explanation, kind and a cause that fits the interface.</summary>
    public class ErrorMappingTests : FakeLibraryTest
    {
        [Theory]
        [InlineData(-1, "NOT_CONNECTED", TargetErrorKind.Disconnected)]
        [InlineData(-2, "NO_DEVICE", TargetErrorKind.Disconnected)]
        [InlineData(-3, "CONNECTION", TargetErrorKind.Disconnected)]
        [InlineData(-4, "NO_FILE", TargetErrorKind.Other)]
        [InlineData(-5, "NOT_SUPPORTED", TargetErrorKind.NotSupported)]
        [InlineData(-6, "INTERFACE_NOT_SUPPORTED", TargetErrorKind.NotSupported)]
        [InlineData(-7, "NO_MEM", TargetErrorKind.Other)]
        [InlineData(-8, "WRONG_PARAM", TargetErrorKind.Refused)]
        [InlineData(-9, "READ_MEM", TargetErrorKind.Refused)]
        [InlineData(-10, "WRITE_MEM", TargetErrorKind.Refused)]
        [InlineData(-11, "ERASE_MEM", TargetErrorKind.Refused)]
        [InlineData(-12, "UNSUPPORTED_FILE_FORMAT", TargetErrorKind.Other)]
        [InlineData(-13, "REFRESH_REQUIRED", TargetErrorKind.Disconnected)]
        [InlineData(-14, "NO_SECURITY", TargetErrorKind.NotSupported)]
        [InlineData(-15, "CHANGE_FREQ", TargetErrorKind.Refused)]
        [InlineData(-16, "RDP_ENABLED", TargetErrorKind.ReadoutProtected)]
        [InlineData(-99, "OTHER", TargetErrorKind.Other)]
        public void Every_documented_code_has_a_name_kind_and_explanation(int code, string name, TargetErrorKind kind)
        {
            Assert.Equal(name, CubeProgrammerErrors.Name(code));
            Assert.Equal($"{code} {name}", CubeProgrammerErrors.Reply(code));
            Assert.Equal(kind, CubeProgrammerErrors.Kind(code));
            Assert.DoesNotContain("not one of its documented", CubeProgrammerErrors.Explanation(code));
        }

        [Fact]
        public void An_undocumented_code_says_so()
        {
            Assert.Equal("-42 UNKNOWN", CubeProgrammerErrors.Reply(-42));
            Assert.Contains("-42", CubeProgrammerErrors.Explanation(-42));
        }

        [Fact]
        public void The_likely_cause_of_write_mem_depends_on_the_interface()
        {
            var l552 = DeviceCatalog.Get("STM32L552");
            var i2c = CubeProgrammerErrors.LikelyCause(-10, "writeMemory", TargetInterface.I2c, l552)!;
            Assert.Contains("8-byte units", i2c);
            Assert.Contains("256 bytes", i2c);
            Assert.Contains("merge them before padding", i2c);
            Assert.Contains("mass erase", CubeProgrammerErrors.LikelyCause(-10, "writeMemory", TargetInterface.Dfu, l552));
            Assert.Contains("flash loader", CubeProgrammerErrors.LikelyCause(-10, "writeMemory", TargetInterface.Swd, l552));
            Assert.Contains("readout protection", CubeProgrammerErrors.LikelyCause(-16, "readMemory", TargetInterface.Usart, l552));
        }

        [Fact]
        public void A_refused_write_names_code_address_and_what_the_library_said()
        {
            Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var e = Assert.Throws<TargetException>(() => target.Write(0x08000000, new byte[12]));
            Assert.Equal("-10 WRITE_MEM", e.DeviceReply);
            Assert.Equal(0x08000000u, e.Address);
            Assert.Equal("writeMemory", e.Operation);
            Assert.Equal(TargetErrorKind.Refused, e.Kind);
            Assert.Equal("writeMemory of 12 bytes at 0x08000000 over I2c failed: writing memory failed. " +
                "The library said: \"Error: flash is written in whole 8-byte units (0x08000000, 12 bytes)\"", e.Message);
            Assert.Contains("8-byte units", e.LikelyCause);
        }

        [Fact]
        public void An_injected_failure_hits_exactly_the_call_it_names()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            fake.Fail("writeMemory", 3, -10);
            target.Write(0x08000000, new byte[256]);
            target.Write(0x08000100, new byte[256]);
            var e = Assert.Throws<TargetException>(() => target.Write(0x08000200, new byte[256]));
            target.Write(0x08000300, new byte[256]);
            Assert.Equal(0x08000200u, e.Address);
            Assert.Equal("-10 WRITE_MEM", e.DeviceReply);
            Assert.Equal(new[] { "writeMemory 0x08000000 256 -> 0", "writeMemory 0x08000100 256 -> 0", "writeMemory 0x08000200 256 -> -10",
                "writeMemory 0x08000300 256 -> 0" }, fake.CallsTo("writeMemory"));
        }

        [Fact]
        public void No_ack_at_a_wrong_i2c_address_points_at_the_address_and_the_bridge_timing()
        {
            var fake = Fake();
            fake.SetExpectedI2cAddress(0x4A);
            var e = Assert.Throws<TargetException>(() => Load(new LogRecorder()).Connect(I2c(0x50)));
            Assert.Equal("-3 CONNECTION", e.DeviceReply);
            Assert.Equal(TargetErrorKind.Disconnected, e.Kind);
            Assert.Contains("add=0x50", e.Message);
            Assert.Contains("no response from the device at this I2C address", e.Message);
            Assert.Contains("7-bit slave address", e.LikelyCause);
            Assert.Contains("rise and fall times", e.LikelyCause);
        }

        [Fact]
        public void Readout_protection_refuses_reads_until_removed_which_erases_flash()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            target.Write(0x08000000, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            target.ReadoutProtect();
            Assert.Equal(1, fake.Rdp);
            Assert.Contains("sendOptionBytesCmd -ob rdp=0xBB -> 0", fake.Calls);
            var e = Assert.Throws<TargetException>(() => target.Read(0x08000000, new byte[8]));
            Assert.Equal(TargetErrorKind.ReadoutProtected, e.Kind);
            Assert.Equal("-16 RDP_ENABLED", e.DeviceReply);
            target.ReadoutUnprotect();
            var after = new byte[8];
            target.Read(0x08000000, after);
            Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, after);
        }
    }
}
