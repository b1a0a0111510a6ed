using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Readout and write protection through sendOptionBytesCmd and readUnprotect, on the fake's STM32L552 (two banks of 128 pages).</summary>
    public class ProtectionTests : FakeLibraryTest
    {
        [Fact]
        public void Readout_protection_is_set_with_the_headers_command_and_removed_with_readUnprotect()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.True(target.Capabilities.CanReadoutProtect);
            target.Write(0x08000000, new byte[8]);
            target.ReadoutProtect();
            Assert.Contains("sendOptionBytesCmd -ob rdp=0xBB -> 0", fake.Calls);
            Assert.Equal(1, fake.Rdp);
            Assert.Equal(TargetErrorKind.ReadoutProtected, Assert.Throws<TargetException>(() => target.Read(0x08000000, new byte[8])).Kind);

            target.ReadoutUnprotect();
            Assert.Contains("readUnprotect -> 0", fake.Calls);
            Assert.Equal(0, fake.Rdp);
            Assert.All(fake.ReadFlash(0x08000000, 8), b => Assert.Equal(0xFF, b));
        }

        [Fact]
        public void Write_protection_sets_one_area_per_run_of_pages_in_each_bank_and_disables_the_others()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.True(target.Capabilities.CanWriteProtect);
            var bank2 = target.Device.Flash.PagesInBank(2).Select(p => p.Number).ToList();
            target.WriteProtect(new[] { 3, 0, 1, 2, 9, bank2[5] });
            Assert.Contains("sendOptionBytesCmd -ob WRP1A_PSTRT=0x0 WRP1A_PEND=0x3 WRP1B_PSTRT=0x9 WRP1B_PEND=0x9 " +
                "WRP2A_PSTRT=0x5 WRP2A_PEND=0x5 WRP2B_PSTRT=0x7F WRP2B_PEND=0x0 -> 0", fake.Calls);
            Assert.True(fake.WriteProtected(0, 3));
            Assert.False(fake.WriteProtected(0, 4));
            Assert.True(fake.WriteProtected(1, 5));

            Assert.Equal("-11 ERASE_MEM", Assert.Throws<TargetException>(() => target.ErasePages(new[] { 1 })).DeviceReply);
            target.ErasePages(new[] { 4 });

            target.WriteUnprotect();
            Assert.Contains("sendOptionBytesCmd -ob WRP1A_PSTRT=0x7F WRP1A_PEND=0x0 WRP1B_PSTRT=0x7F WRP1B_PEND=0x0 " +
                "WRP2A_PSTRT=0x7F WRP2A_PEND=0x0 WRP2B_PSTRT=0x7F WRP2B_PEND=0x0 -> 0", fake.Calls);
            target.ErasePages(new[] { 1 });
            target.MassErase();
        }

        [Fact]
        public void More_runs_in_a_bank_than_it_has_areas_and_pages_the_device_lacks_are_refused_before_the_library_is_called()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var e = Assert.Throws<ArgumentException>(() => target.WriteProtect(new[] { 0, 2, 4 }));
            Assert.Contains("bank 1", e.Message);
            Assert.Contains("two", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => target.WriteProtect(new[] { 100000 }));
            Assert.Throws<ArgumentException>(() => target.WriteProtect(Array.Empty<int>()));
            Assert.Empty(fake.CallsTo("sendOptionBytesCmd"));
        }

        [Fact]
        public void A_series_whose_write_protection_option_bytes_are_not_mapped_says_so()
        {
            var fake = Fake();
            fake.SetProductId(0x413);
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.Equal("STM32F4", target.Device.Series);
            Assert.False(target.Capabilities.CanWriteProtect);
            Assert.Equal(TargetErrorKind.NotSupported, Assert.Throws<TargetException>(() => target.WriteProtect(new[] { 0 })).Kind);
            Assert.Equal(TargetErrorKind.NotSupported, Assert.Throws<TargetException>(() => target.WriteUnprotect()).Kind);
            Assert.Empty(fake.CallsTo("sendOptionBytesCmd"));
        }

        [Fact]
        public void The_series_with_start_and_end_areas_name_them_so()
        {
            var g474 = DeviceCatalog.Find("STM32G474")!;
            var last = g474.Flash.PagesInBank(1).Count() - 1;
            var command = WriteProtectionAreas.For(g474)!.Protect(new[] { 1, 2 });
            Assert.StartsWith($"-ob WRP1A_STRT=0x1 WRP1A_END=0x2 WRP1B_STRT=0x{last:X} WRP1B_END=0x0", command);
            Assert.Equal(g474.BankCount == 2, command.Contains("WRP2B_END=0x0"));
            Assert.Null(WriteProtectionAreas.For(DeviceCatalog.Find("STM32F405")!));
        }

        [Fact]
        public void The_fake_refuses_option_byte_commands_the_header_does_not_describe()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.Equal("-8 WRONG_PARAM", Assert.Throws<TargetException>(() => target.SendOptionBytes("RDP=0xBB")).DeviceReply);
            Assert.Equal("-8 WRONG_PARAM", Assert.Throws<TargetException>(() => target.SendOptionBytes("-ob WRP1A_STRT=0x0")).DeviceReply);
            Assert.Equal(0, fake.Rdp);
        }
    }
}
