using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// For one product of every family: random data over several pages at the start of flash, across the end of bank 1
    /// (into bank 2 where there is one) and at the end of flash, written and verified through stm32flash 0.7 (where it
    /// knows the product) and through the module's USART host, each reading back what the other wrote.
    /// </summary>
    public class FamilyFlashTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

        public static TheoryData<string> OnePerFamily()
        {
            var data = new TheoryData<string>();
            foreach (var family in DeviceCatalog.BuiltIn.Where(d => d.Bootloader.Limits.ContainsKey(nameof(TargetInterface.Usart))).GroupBy(d => d.Family))
            {
                // The one with the most banks, so that bank 2 is covered where the family has one.
                data.Add(family.OrderByDescending(d => d.Default.BankCount).ThenByDescending(d => d.MaxFlashSize).First().Name);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(OnePerFamily))]
        public void Stm32flash_and_the_module_write_verify_and_read_back_each_others_data(string name)
        {
            var device = DeviceCatalog.Get(name);
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(device, new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var random = new Random(name.GetHashCode());
            var regions = Regions(device);

            var stm32flashKnows = Stm32flash($"{pty.HostEnd}").ExitCode == 0;
            if (stm32flashKnows)
            {
                foreach (var (address, length) in regions)
                {
                    var data = Bytes(random, length);
                    var file = pty.PathOf($"w{address:X8}.bin");
                    File.WriteAllBytes(file, data);
                    var write = Stm32flash($"-w {file} -v -S 0x{address:X8} {pty.HostEnd}");
                    Assert.True(write.ExitCode == 0, $"{name} at 0x{address:X8}: {write.Text}");
                    Assert.Equal(data, Snapshot(simulator, device, address, length));
                }
                Assert.Equal(0, Stm32flash($"-o {pty.HostEnd}").ExitCode);
            }

            var image = regions.Select(r => new Segment(r.Address, Bytes(random, r.Length))).ToList();
            using (var target = UsartBootloaderTarget.Connect(SerialLinks.OpenPort(new SerialLinkSettings(pty.HostEnd, 115200, SerialParity.None))))
            {
                Assert.Equal(device.FlashSize, target.Device.FlashSize);
                var plan = FlashPlanner.Plan(image, target, new FlashPlanOptions { Verify = true });
                var result = new FlashExecutor(target).Execute(plan);
                Assert.True(result.Verified.Sum(r => r.Length) >= image.Sum(s => (long)s.Length));
            }
            foreach (var s in image)
            {
                Assert.Equal(s.Data.ToArray(), Snapshot(simulator, device, s.Address, s.Length));
                if (!stm32flashKnows) continue;
                var back = pty.PathOf($"r{s.Address:X8}.bin");
                var read = Stm32flash($"-r {back} -S 0x{s.Address:X8}:{s.Length} {pty.HostEnd}");
                Assert.True(read.ExitCode == 0, read.Text);
                Assert.Equal(s.Data.ToArray(), File.ReadAllBytes(back));
            }
            Assert.Null(simulator.Failure);
        }

        // Several pages (at most 24 KiB) at the start, across the end of bank 1 or the middle of flash, and at the end.
        private static List<(uint Address, int Length)> Regions(DeviceInfo device)
        {
            var pages = device.Flash.GetPages();
            var bank2 = pages.FirstOrDefault(p => p.Bank == 2);
            var middle = bank2 ?? pages.First(p => p.Address >= device.Flash.BaseAddress + device.FlashSize / 2);
            var before = pages[pages.ToList().IndexOf(middle) - 1];
            int Span(params FlashPage[] p) => (int)Math.Min(24 * 1024, p.Sum(x => (long)x.Size));
            // Lengths in whole 256-byte blocks: stm32flash pads only to 4 bytes, and a strict simulated chip refuses a partial
            // programming unit (8 to 32 bytes) as the flash would.
            var startLength = (Math.Max(2048, Span(pages.Take(3).ToArray())) - 256) & ~255;
            var tail = Math.Min(12 * 1024, before.Size);
            var head = Math.Min(12 * 1024, middle.Size);
            var endLength = Math.Max(256, Span(pages.Skip(pages.Count - 2).ToArray()) & ~255);
            return new List<(uint, int)>
            {
                (device.Flash.BaseAddress, startLength),
                (bank2 is null ? middle.Address - (uint)tail : (uint)(before.EndAddress - (ulong)tail), tail),
                (middle.Address, head),
                ((uint)(device.Flash.EndAddress - (ulong)endLength), endLength),
            };
        }

        private static byte[] Snapshot(UsartSimulator simulator, DeviceInfo device, uint address, int length) =>
            simulator.Simulation.FlashSnapshot().AsSpan((int)(address - device.Flash.BaseAddress), length).ToArray();

        private static byte[] Bytes(Random random, int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        private static ExternalTool.Result Stm32flash(string arguments) =>
            ExternalTool.Run("stm32flash", "-m 8n1 -b 115200 " + arguments, Limit);
    }
}
