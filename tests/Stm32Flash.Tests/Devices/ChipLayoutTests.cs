using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// One product ID covers chips with less flash fitted and option bits that change the layout. The module's USART host
    /// reads the flash-size register and the layout bits at connect, and flashes the chip as it really is: served
    /// simulators on a socat pseudo-terminal, configured as factory-fresh and as changed chips.
    /// </summary>
    public class ChipLayoutTests
    {
        public static TheoryData<string, long, string, int, string> Chips() => new TheoryData<string, long, string, int, string>
        {
            // device, flash fitted (0: largest), option bit set (or ""), its value, the layout expected
            { "STM32L552", 0, "", 0, "dual bank" },
            { "STM32L552", 0, "DBANK", 0, "single bank" },
            { "STM32L552", 256 * 1024, "DBANK", 1, "dual bank" },
            { "STM32G474", 0, "", 0, "dual bank" },
            { "STM32G474", 0, "DBANK", 0, "single bank" },
            { "STM32G474", 128 * 1024, "", 0, "dual bank" },
            { "STM32L4R5", 0, "", 0, "dual bank" },
            { "STM32L4R5", 0, "DBANK", 0, "single bank" },
            { "STM32U3B5", 0, "DUALBANK", 0, "dual bank (2 MB, always)" },
            { "STM32U3B5", 1024 * 1024, "DUALBANK", 0, "single bank" },
        };

        [Theory]
        [MemberData(nameof(Chips))]
        public void The_host_reads_the_chips_layout_and_flashes_and_verifies_it_over_usart(string name, long fitted, string bit, int value, string layout)
        {
            var options = new SimulatorOptions();
            if (fitted > 0) options.FlashSize = fitted;
            if (bit.Length > 0) options.OptionBits[bit] = value;
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(DeviceCatalog.Get(name), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None), options);
            var log = new List<string>();
            using var target = UsartBootloaderTarget.Connect(SerialLinks.OpenPort(new SerialLinkSettings(pty.HostEnd, 115200, SerialParity.None)),
                log: (_, text) => log.Add(text));

            var chip = simulator.Simulation.Info;
            Assert.StartsWith(layout, target.Device.Layout!.Name);
            Assert.Equal(chip.FlashSize, target.Device.FlashSize);
            Assert.Equal(fitted > 0 ? fitted : chip.Definition!.MaxFlashSize, target.Device.FlashSize);
            Assert.Equal(chip.Flash.GetPages().Select(p => (p.Number, p.Address, p.Size, p.Bank)), target.Device.Flash.GetPages().Select(p => (p.Number, p.Address, p.Size, p.Bank)));
            Assert.StartsWith("read from the device: flash size", target.Device.LayoutOrigin);
            Assert.Contains(log, l => l.Contains(target.Device.Layout.Name) && l.Contains("read from the device"));

            // Pages at the start, across the end of bank 1 into bank 2 (or the middle of a single bank), and at the end.
            var flash = target.Device.Flash;
            var middle = flash.GetPages().FirstOrDefault(p => p.Bank == 2) ?? flash.GetPages().First(p => p.Address >= flash.BaseAddress + flash.Size / 2);
            var before = flash.GetPages()[flash.GetPages().ToList().IndexOf(middle) - 1];
            var random = new Random(name.GetHashCode() ^ (int)fitted ^ value);
            var image = new[]
            {
                Segment(flash.BaseAddress, flash.GetPages()[0].Size * 2 + 100, random),
                Segment((uint)before.EndAddress - 3000, 3000, random),
                Segment(middle.Address, 3000, random),
                Segment((uint)(flash.EndAddress - 5000), 5000, random),
            };
            var plan = FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true });
            var result = new FlashExecutor(target).Execute(plan);
            Assert.True(result.Verified.Sum(r => r.Length) >= image.Sum(s => (long)s.Length), "the whole image was verified");
            var snapshot = simulator.Simulation.FlashSnapshot();
            foreach (var s in image)
                Assert.Equal(s.Data.ToArray(), snapshot.AsSpan((int)(s.Address - flash.BaseAddress), s.Length).ToArray());
            Assert.Null(simulator.Failure);
        }

        [Fact]
        public void A_128_KiB_G474_says_so_and_refuses_what_is_past_its_flash()
        {
            var options = new SimulatorOptions { FlashSize = 128 * 1024 };
            using var served = new ServedDevice("STM32G474", options);
            using var target = served.Connect();
            Assert.Equal(128 * 1024, target.Device.FlashSize);
            // Bank 2 stays at 0x08040000 whatever the flash fitted (as OpenOCD's stm32l4x driver has it), so a 128 KiB part has two 64 KiB banks apart.
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08010000), new AddressRange(0x08040000, 0x08050000) }, target.Device.Flash.Ranges);
            var plan = Assert.Throws<FlashPlanException>(() => FlashPlanner.Plan(new[] { new Segment(0x08030000, new byte[64]) }, target));
            Assert.Contains("128 KiB", plan.Message);

            // The chip itself refuses a write past its flash, whatever a host believes.
            var chip = served.Simulation;
            var refused = Assert.Throws<TargetException>(() => chip.Write(0x08010000, new byte[8]));
            Assert.Equal(TargetErrorKind.AddressRefused, refused.Kind);
            refused = Assert.Throws<TargetException>(() => chip.Write(0x08050000, new byte[8]));
            Assert.Equal(TargetErrorKind.AddressRefused, refused.Kind);
            Assert.Equal(new byte[] { 0x80, 0x00 }, Read(chip, chip.FlashSizeRegister!.Value.Start, 4).Skip((int)(target.Device.Definition!.FlashSizeRegister!.Value & 3)).Take(2).ToArray());
        }

        [Fact]
        public void A_part_number_gives_the_flash_it_names()
        {
            Assert.Equal(128 * 1024, DeviceCatalog.Get("STM32G474RBT6").FlashSize);
            Assert.Equal(512 * 1024, DeviceCatalog.Get("STM32G474RET6").FlashSize);
            Assert.Equal(512 * 1024, DeviceCatalog.Get("STM32G474").FlashSize);
            Assert.Contains("part number", DeviceCatalog.Get("STM32G474RB").LayoutOrigin);
        }

        [Fact]
        public void An_erase_refused_where_the_bank_mode_could_not_be_read_names_the_bank_mode()
        {
            // A single-bank L552 behind a bootloader that refuses reads of its option bytes: the host must assume the factory
            // dual-bank layout, whose page 128 (0x08040000, bank 2) this chip does not have.
            var options = new SimulatorOptions { RefuseLayoutReads = true };
            options.OptionBits["DBANK"] = 0;
            using var served = new ServedDevice("STM32L552", options);
            using var target = served.Connect();
            Assert.Equal("dual bank", target.Device.Layout!.Name);
            Assert.Contains("DBANK", target.Device.AssumedOptionBits);
            Assert.Contains("not readable", target.Device.LayoutOrigin);

            var plan = FlashPlanner.Plan(new[] { new Segment(0x08040000, new byte[64]) }, target);
            var ex = Assert.ThrowsAny<Exception>(() => new FlashExecutor(target).Execute(plan));
            var cause = (ex as TargetException)?.LikelyCause ?? (ex.InnerException as TargetException)?.LikelyCause ?? ex.ToString();
            Assert.Contains("bank mode could not be read", cause);
            Assert.Contains("single bank", cause);
        }

        [Fact]
        public void An_option_byte_write_that_clears_DBANK_takes_effect_at_the_reset()
        {
            var chip = new SimulatedDevice(DeviceCatalog.Get("STM32L552"));
            Assert.Equal("dual bank", chip.Info.Layout!.Name);
            var bit = chip.Info.Definition!.OptionBits.Single(b => b.Name == "DBANK");
            var word = BitConverter.ToUInt32(Read(chip, bit.Address, 4), 0);
            Assert.Equal(1, bit.ValueIn(word));
            chip.Write(bit.Address, BitConverter.GetBytes(bit.Apply(word, 0)));
            Assert.Equal("single bank", chip.Info.Layout!.Name);
            Assert.Equal(4096, chip.Info.Flash.PageAt(0x08040000)!.Size);
            Assert.Equal(64, chip.Info.Flash.PageAt(0x08040000)!.Number);
        }

        private static byte[] Read(SimulatedDevice chip, uint address, int length)
        {
            var bytes = new byte[length];
            chip.Read(address, bytes);
            return bytes;
        }

        private static Segment Segment(uint address, int length, Random random)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return new Segment(address, bytes);
        }
    }
}
