using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>CubeProgrammerTarget as an ITarget over the fake's I2C bootloader emulating an STM32L552.</summary>
    public class TargetTests : FakeLibraryTest
    {
        [Fact]
        public void Connecting_over_i2c_identifies_the_L552_and_its_bootloader_limits()
        {
            var fake = Fake();
            using ITarget target = Load(new LogRecorder()).Connect(I2c());
            Assert.Equal("STM32L552", target.Device.Name);
            Assert.Equal(TargetInterface.I2c, target.Interface);
            Assert.Equal(256, target.Capabilities.MaxWrite);
            Assert.Equal(256, target.Capabilities.MaxRead);
            Assert.False(target.Capabilities.CanChecksum);
            Assert.False(target.Capabilities.CanReset);
            Assert.True(target.Capabilities.CanEraseBank);
            Assert.StartsWith("STM32L552 over I2c through CubeProgrammer_API (port=I2C add=0x4A", target.Description);
            var cube = (CubeProgrammerTarget)target;
            Assert.Equal(0x472, cube.GeneralInfo.DeviceId);
            Assert.Equal("STM32L55x/L56x", cube.GeneralInfo.Name);
            Assert.True(cube.IsConnected);
            Assert.Equal(new[] { "connectI2cBootloader add=0x4A -> 0", "checkDeviceConnection", "getDeviceGeneralInf" },
                fake.Calls.Skip(fake.Calls.ToList().FindIndex(c => c.StartsWith("connectI2c", StringComparison.Ordinal))).Take(3));
        }

        [Fact]
        public void Connecting_asks_for_the_layout_and_says_the_catalogs_default_is_used_where_the_library_refuses()
        {
            var fake = Fake();
            var log = new LogRecorder();
            using ITarget target = Load(log).Connect(I2c());
            // The fake's memory is flash and RAM only: the flash-size register and FLASH_OPTR reads come back -9.
            Assert.Contains("readMemory 0x0BFA05E0 4 -> -9", fake.CallsTo("readMemory"));
            Assert.Contains("readMemory 0x40022040 4 -> -9", fake.CallsTo("readMemory"));
            Assert.Equal(512 * 1024, target.Device.FlashSize);
            Assert.Equal("dual bank", target.Device.Layout!.Name);
            Assert.Contains("DBANK", target.Device.AssumedOptionBits);
            Assert.Contains("not readable, the catalog's default used", target.Device.LayoutOrigin);
        }

        [Fact]
        public void An_unknown_product_is_refused_and_the_library_disconnected()
        {
            var fake = Fake();
            fake.SetProductId(0x999);
            var library = Load(new LogRecorder());
            var e = Assert.Throws<TargetException>(() => library.Connect(I2c()));
            Assert.Equal(TargetErrorKind.NotSupported, e.Kind);
            Assert.Contains("0x999", e.Message);
            Assert.Equal("disconnect", fake.Calls.Last());
            // Naming a catalog device does not make an unknown product one: its flash layout would be guessed.
            var mismatch = Assert.Throws<DeviceMismatchException>(() => library.Connect(new I2cConnectOptions { Address = 0x4A, DeviceName = "STM32G474" }));
            Assert.Equal(0x999, mismatch.ProductId);
            Assert.Contains("(the catalog does not know it)", mismatch.LikelyCause);
            Assert.Equal("disconnect", fake.Calls.Last());
            fake.SetProductId(0x469);
            using var named = library.Connect(new I2cConnectOptions { Address = 0x4A, DeviceName = "STM32G474" });
            Assert.Equal("STM32G474", named.Device.Name);
        }

        [Fact]
        public void Write_read_erase_round_trip_under_the_fakes_flash_rules()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
            target.Write(0x08000800, data);
            var back = new byte[256];
            target.Read(0x08000800, back);
            Assert.Equal(data, back);

            Assert.Throws<TargetException>(() => target.Write(0x08000800, data));
            Assert.Contains("already programmed since its erase", Assert.Throws<TargetException>(() => target.Write(0x08000800, data)).Message);
            Assert.Contains("at most 256 bytes", Assert.Throws<TargetException>(() => target.Write(0x08001000, new byte[264])).Message);

            target.ErasePages(new[] { 1 });
            Assert.Contains("sectorErase 1 (null) -> 0", fake.Calls);
            target.Read(0x08000800, back);
            Assert.All(back, b => Assert.Equal(0xFF, b));
            target.Write(0x08000800, data);

            target.EraseBank(2);
            Assert.Contains(fake.Calls, c => c.StartsWith("sectorErase 128,129,", StringComparison.Ordinal) && c.EndsWith(",255 (null) -> 0", StringComparison.Ordinal));
            target.MassErase();
            Assert.Contains("massErase (null) -> 0", fake.Calls);
            Assert.All(fake.ReadFlash(0x08000800, 256), b => Assert.Equal(0xFF, b));
        }

        [Fact]
        public void Page_numbers_and_banks_the_device_lacks_are_refused_before_the_library_is_called()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.Throws<ArgumentOutOfRangeException>(() => target.ErasePages(new[] { 3, 256 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => target.EraseBank(3));
            Assert.Empty(fake.CallsTo("sectorErase"));
        }

        [Fact]
        public void Go_leaves_the_bootloader_and_later_calls_say_the_device_is_gone()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            target.Go(0x08000000);
            Assert.Contains("execute 0x08000000 -> 0", fake.Calls);
            Assert.False(target.IsConnected);
            var e = Assert.Throws<TargetException>(() => target.Read(0x08000000, new byte[4]));
            Assert.Equal("-1 NOT_CONNECTED", e.DeviceReply);
            Assert.Equal(TargetErrorKind.Disconnected, e.Kind);
        }

        [Fact]
        public void What_the_api_does_not_offer_over_i2c_is_refused_as_not_supported()
        {
            Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            Assert.Equal(TargetErrorKind.NotSupported, Assert.Throws<TargetException>(() => target.Reset()).Kind);
            Assert.Equal(TargetErrorKind.NotSupported, Assert.Throws<TargetException>(() => target.Checksum(0x08000000, 256)).Kind);
        }

        [Fact]
        public void Reset_over_swd_uses_the_connect_reset_mode()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(new DebugConnectOptions { Reset = DebugResetMode.Software });
            target.Reset();
            Assert.Contains("reset 0 -> 0", fake.Calls);
        }

        [Fact]
        public void One_connection_at_a_time_and_none_after_dispose()
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            var first = library.Connect(I2c());
            Assert.Throws<CubeProgrammerInUseException>(() => library.Connect(I2c()));
            first.Dispose();
            first.Dispose();
            Assert.Single(fake.CallsTo("disconnect"));
            Assert.Throws<ObjectDisposedException>(() => first.Read(0x08000000, new byte[4]));
            Assert.False(first.IsConnected);
            using var second = library.Connect(I2c());
            Assert.True(second.IsConnected);
        }
    }
}
