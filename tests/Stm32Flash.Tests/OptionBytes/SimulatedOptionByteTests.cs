using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>The simulator keeps protection in the option bytes as the chip does, and loads them at the reset after a write.</summary>
    public class SimulatedOptionByteTests
    {
        private static SimulatedTarget Target(string device) => new SimulatedTarget(DeviceCatalog.Get(device));

        private static void Set(SimulatedTarget t, params (string Name, uint Value)[] settings)
        {
            var plan = OptionBytePlanner.Plan(t.Device, OptionByteAccess.Read(t), settings.Select(s => new KeyValuePair<string, uint>(s.Name, s.Value)));
            OptionByteAccess.Write(t, plan);
        }

        private static uint Field(SimulatedTarget t, string name) =>
            OptionByteDecoder.Decode(t.Device, t.Simulation.OptionBytes).Single(f => f.Name == name).Value;

        [Fact]
        public void Rdp_written_as_an_option_byte_closes_flash_and_unprotect_erases_it_and_opens_it()
        {
            using var t = Target("STM32L552");
            t.Write(0x08000000, Enumerable.Repeat((byte)0x5A, 64).ToArray());
            Set(t, ("RDP", 0xBB));
            Assert.Equal(1, t.Simulation.ReadoutProtectionLevel);
            foreach (var refused in new Action[] { () => t.Read(0x08000000, new byte[4]), () => t.Read(0x40022040, new byte[4]), () => t.ErasePages(new[] { 0 }),
                () => t.WriteOptionBytes(0x40022040, new byte[4]) })
                Assert.Equal(TargetErrorKind.ReadoutProtected, Assert.Throws<TargetException>(refused).Kind);
            t.ReadoutUnprotect();
            Assert.Equal(0xAAu, Field(t, "RDP"));
            Assert.Empty(t.ExportFlash());
            Assert.Equal("reads are refused now (readout protection level 1)", Record(() => { t.ReadoutProtect(); return OptionByteAccess.ConfirmReadsRefused(t); }));
            Assert.Equal(0xBBu, Field(t, "RDP"));
        }

        private static string Record(Func<string> f) => f();

        [Fact]
        public void Write_protection_set_in_the_option_bytes_refuses_erase_and_write_and_write_unprotect_clears_it()
        {
            using var t = Target("STM32G474");
            Set(t, ("WRP2A_STRT", 0), ("WRP2A_END", 1));
            Assert.Equal(new[] { 128, 129 }, t.Simulation.WriteProtectedPages.OrderBy(n => n));
            Assert.Equal(TargetErrorKind.WriteProtected, Assert.Throws<TargetException>(() => t.ErasePages(new[] { 129 })).Kind);
            Assert.Equal(TargetErrorKind.WriteProtected, Assert.Throws<TargetException>(() => t.Write(0x08040000, new byte[8])).Kind);
            Assert.Equal(TargetErrorKind.WriteProtected, Assert.Throws<TargetException>(() => t.EraseBank(2)).Kind);
            t.ErasePages(new[] { 127 });
            t.WriteUnprotect();
            Assert.Equal((0x7Fu, 0u), (Field(t, "WRP2A_STRT"), Field(t, "WRP2A_END")));
            t.ErasePages(new[] { 129 });
            // The bootloader's Write Protect sets the same fields.
            t.WriteProtect(new[] { 3, 4 });
            Assert.Equal((3u, 4u), (Field(t, "WRP1A_STRT"), Field(t, "WRP1A_END")));
        }

        [Fact]
        public void Dbank_cleared_in_the_option_bytes_changes_the_page_layout_at_the_reset()
        {
            using var t = Target("STM32L552");
            Assert.Equal(256, t.Device.Flash.GetPages().Count);
            Set(t, ("DBANK", 0));
            Assert.Equal(128, t.Device.Flash.GetPages().Count);
            Assert.Equal(4096, t.Device.Flash.PageByNumber(100)!.Size);
            t.Write(0x08064000, new byte[16]);
            t.ErasePages(new[] { 100 });
            Assert.False(t.Simulation.IsProgrammed(0x08064000));
            Assert.Equal(TargetErrorKind.Refused, Assert.Throws<TargetException>(() => t.ErasePages(new[] { 200 })).Kind);
        }

        [Fact]
        public void Options_that_bypass_the_bootloader_start_the_application_at_each_reset()
        {
            using var t = Target("STM32L552");
            Set(t, ("nSWBOOT0", 0));
            Assert.Equal(0x08000000u, t.Simulation.RunningFrom);
            var silent = Assert.Throws<TargetException>(() => t.Read(0x08000000, new byte[4]));
            Assert.Equal(TargetErrorKind.Timeout, silent.Kind);
            Assert.Contains("nSWBOOT0 = 0 with nBOOT0 = 1", silent.Message);
            t.Reset();
            Assert.Equal(0x08000000u, t.Simulation.RunningFrom);
        }

        [Fact]
        public void The_g0_starts_its_bootloader_while_flash_is_empty_and_the_application_once_it_is_not()
        {
            using var t = Target("STM32G071");
            t.Reset();
            Assert.Null(t.Simulation.RunningFrom);
            t.Write(0x08000000, new byte[8]);
            t.Reset();
            Assert.Equal(0x08000000u, t.Simulation.RunningFrom);
        }

        [Fact]
        public void Level_two_closes_the_bootloader_for_good()
        {
            using var t = Target("STM32G474");
            Set(t, ("RDP", 0xCC));
            Assert.Equal(2, t.Simulation.ReadoutProtectionLevel);
            t.Reset();
            Assert.Contains("level 2", Assert.Throws<TargetException>(() => t.ReadoutUnprotect()).Message);
        }

        [Fact]
        public void The_h7_loads_its_programming_registers_into_the_current_ones()
        {
            using var t = Target("STM32H743");
            Set(t, ("BOR_LEV", 3));
            Assert.Equal(3u, Field(t, "BOR_LEV"));
            Assert.Equal(0x0Cu, t.Simulation.OptionBytes.Word(0x5200201C) & 0x0C);
            Set(t, ("nWRP8", 0x7F));
            Assert.Equal(new[] { 15 }, t.Simulation.WriteProtectedPages);
        }

        [Fact]
        public void The_f1_stores_each_option_byte_with_its_complement()
        {
            using var t = Target("STM32F103x8");
            Assert.Equal(0x00FF5AA5u, t.Simulation.OptionBytes.Word(0x1FFFF800) & 0x00FFFFFF);
            t.WriteOptionBytes(0x1FFFF808, new byte[] { 0xFE, 0x00, 0xFF, 0x00 });
            Assert.Equal(0x00FF01FEu, t.Simulation.OptionBytes.Word(0x1FFFF808));
            Assert.Equal(new[] { 0, 1, 2, 3 }, t.Simulation.WriteProtectedPages.OrderBy(n => n));
        }
    }
}
