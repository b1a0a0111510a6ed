using System;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Simulation
{
    public class UniqueIdTests
    {
        [Fact]
        public void Reads_the_twelve_bytes_at_the_catalog_address_and_shows_them_most_significant_word_first()
        {
            using var target = new SimulatedTarget(DeviceCatalog.Get("STM32L552"), new SimulatorOptions { UniqueIdSeed = 4711 });
            var reading = DeviceIdentity.ReadUniqueId(target);
            Assert.Null(reading.Reason);
            Assert.Equal(0x0BFA0590u, reading.Address);
            var raw = new byte[12];
            target.Read(0x0BFA0590, raw);
            Assert.Equal(raw, reading.UniqueId!.Value.GetBytes());
            Assert.Equal(target.Simulation.UniqueId, reading.UniqueId);
            var words = Enumerable.Range(0, 3).Select(i => BitConverter.ToUInt32(raw, 4 * i)).ToArray();
            Assert.Equal(words, reading.UniqueId.Value.Words);
            Assert.Equal($"{words[2]:X8}{words[1]:X8}{words[0]:X8}", reading.ToString());
            // The layout the reference manuals give: lot number in ASCII in UID[95:40].
            Assert.Equal("S004711", System.Text.Encoding.ASCII.GetString(raw, 5, 7));
        }

        [Fact]
        public void The_same_seed_gives_the_same_id_and_unseeded_simulators_differ()
        {
            var l5 = DeviceCatalog.Get("STM32L552");
            Assert.Equal(new SimulatedDevice(l5, uniqueIdSeed: 7).UniqueId, new SimulatedDevice(l5, uniqueIdSeed: 7).UniqueId);
            Assert.NotEqual(new SimulatedDevice(l5, uniqueIdSeed: 7).UniqueId, new SimulatedDevice(l5, uniqueIdSeed: 8).UniqueId);
            var ids = Enumerable.Range(0, 5).Select(_ => new SimulatedDevice(l5).UniqueId!.Value.ToString()).ToList();
            Assert.Equal(5, ids.Distinct().Count());
        }

        [Theory]
        [InlineData("STM32F103x8", 0x1FFFF7E8u)]
        [InlineData("STM32F405", 0x1FFF7A10u)]
        [InlineData("STM32G474", 0x1FFF7590u)]
        [InlineData("STM32H743", 0x1FF1E800u)]
        [InlineData("STM32L15xxBxxA", 0x1FF80050u)]
        [InlineData("STM32U575", 0x0BFA0700u)]
        [InlineData("STM32WBA25", 0x0BF8D700u)]
        public void A_served_simulator_answers_the_read_over_the_usart_bootloader(string device, uint address)
        {
            using var served = new ServedDevice(device, new SimulatorOptions { UniqueIdSeed = 12 });
            using var target = served.Connect();
            var reading = DeviceIdentity.ReadUniqueId(target);
            Assert.Null(reading.Reason);
            Assert.Equal(address, reading.Address);
            Assert.Equal(served.Simulation.UniqueId, reading.UniqueId);
        }

        [Fact]
        public void Without_an_address_in_the_catalog_the_reading_has_no_id_and_says_why()
        {
            // A user's definition file that leaves "uniqueId" out.
            var json = DeviceCatalog.Get("STM32L552").Definition!.ToJson()!
                .Replace("\"name\": \"STM32L552\"", "\"name\": \"NOUID552\"").Replace("\"uniqueId\": \"0x0BFA0590\",", "");
            using var target = new SimulatedTarget(Stm32Flash.Devices.Definitions.DeviceDefinitionReader.Read(json, "nouid.json").Single().Default);
            var reading = DeviceIdentity.ReadUniqueId(target);
            Assert.Null(reading.UniqueId);
            Assert.Null(reading.Address);
            Assert.Contains("no unique-ID address for NOUID552", reading.Reason);
            Assert.Equal("", reading.ToString());
            Assert.Null(target.Simulation.UniqueId);
        }

        [Fact]
        public void A_refused_read_under_readout_protection_gives_no_id_and_the_reason()
        {
            using var served = new ServedDevice("STM32F405", new SimulatorOptions());
            served.Simulation.ReadoutProtect();
            using var target = served.Connect();
            var reading = DeviceIdentity.ReadUniqueId(target);
            Assert.Null(reading.UniqueId);
            Assert.Equal(0x1FFF7A10u, reading.Address);
            Assert.Contains("refused", reading.Reason);
        }
    }
}
