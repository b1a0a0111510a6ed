using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>What a device shows to PowerShell and ConvertTo-Json: limits by interface name, flash by bank, text where an object is cut short.</summary>
    public class DeviceShapeTests
    {
        [Fact]
        public void Limits_are_keyed_by_interface_name_in_interface_order_and_any_case()
        {
            var l5 = DeviceCatalog.Get("STM32L552");
            Assert.Equal(new[] { "Usart", "I2c", "Spi", "Can", "Dfu", "Swd", "Jtag" }, l5.Limits.Keys);
            Assert.Same(l5.LimitsFor(TargetInterface.Dfu), l5.Limits["dfu"]);
            Assert.Equal(l5.Limits.Keys, l5.Definition!.Bootloader.Limits.Keys);
            Assert.True(l5.Offers(TargetInterface.I2c));
            Assert.Equal("Usart=write 256 B, read 256 B; I2c=write 256 B, read 256 B; Spi=write 256 B, read 256 B; Can=write 256 B, read 256 B; " +
                "Dfu=write 1024 B, read 1024 B; Swd=write 16384 B, read 16384 B; Jtag=write 16384 B, read 16384 B", l5.Limits.ToString());
        }

        [Fact]
        public void A_device_built_with_a_name_that_is_no_interface_is_refused()
        {
            var g4 = DeviceCatalog.Get("STM32G474");
            var limits = new Dictionary<string, TransferLimits> { ["Usart"] = new TransferLimits(256, 256), ["Uart"] = new TransferLimits(256, 256) };
            var error = Assert.Throws<ArgumentException>(() => new DeviceInfo("STM32X999", Array.Empty<string>(), "STM32X", 0x999, g4.Flash, g4.ProgramUnit,
                g4.ErasedValue, g4.Ram, g4.BootloaderRam, g4.SystemMemory, g4.OptionBytes, limits));
            Assert.StartsWith("'Uart' is not an interface", error.Message);
        }

        [Theory]
        [InlineData("STM32L552", "0x08000000..0x08080000: 256 pages of 2 KiB in 2 banks",
            "bank 1: 0x08000000..0x08040000, 128 pages of 2 KiB", "bank 2: 0x08040000..0x08080000, 128 pages of 2 KiB")]
        [InlineData("STM32F405", "0x08000000..0x08100000: 12 sectors of 16 KiB to 128 KiB in 1 bank",
            "bank 1: 0x08000000..0x08100000, 12 sectors of 16 KiB to 128 KiB")]
        public void Flash_reads_as_its_banks(string name, string flash, params string[] banks)
        {
            var device = DeviceCatalog.Get(name);
            Assert.Equal(flash, device.Flash.ToString());
            Assert.Equal(banks, device.Flash.Banks.Select(b => b.ToString()));
            Assert.Equal(device.Flash.GetPages(), device.Flash.Banks.SelectMany(b => b.Pages));
        }

        [Fact]
        public void The_catalog_entry_reads_as_text_where_it_is_cut_short()
        {
            var definition = DeviceCatalog.Get("STM32L552").Definition!;
            Assert.Equal("Usart, I2c, Spi, Can, Dfu, Swd, Jtag", definition.Bootloader.ToString());
            Assert.Equal("DBANK=1; DB256K=1", definition.FactoryOptionBits.ToString());
            Assert.Equal("0x08000000: 128 x 2 KiB", definition.Layouts[0].Banks[0].ToString());
            Assert.StartsWith("{", definition.ToJson());
        }
    }
}
