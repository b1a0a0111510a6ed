using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Tests.Planning
{
    /// <summary>For random images, devices and units: no unit twice, chunks aligned and in limits, and the device ends up holding the image.</summary>
    public class FlashPlanProperties
    {
        private static readonly string[] Devices = { "STM32L552", "STM32H743", "STM32U575", "STM32F103x8", "STM32F405", "STM32G071" };

        private static (DeviceInfo device, Segment[] segments, int? pad, TargetInterface iface) Case(int seed)
        {
            var random = new Random(seed);
            var device = DeviceCatalog.Get(Devices[random.Next(Devices.Length)]);
            var iface = random.Next(3) == 0 ? TargetInterface.Swd : TargetInterface.Usart;
            int? pad = random.Next(3) == 0 ? FlashPlanner.DefaultUnit(device, iface) * (1 << random.Next(3)) : (int?)null;
            var segments = new List<Segment>();
            var address = 0x08000000u + (uint)random.Next(64);
            var count = random.Next(1, 9);
            for (var i = 0; i < count; i++)
            {
                var length = random.Next(1, random.Next(2) == 0 ? 40 : 1500);
                var bytes = new byte[length];
                random.NextBytes(bytes);
                segments.Add(new Segment(address, bytes));
                address += (uint)(length + random.Next(0, random.Next(2) == 0 ? 12 : 5000));
            }
            return (device, segments.OrderBy(_ => random.Next()).ToArray(), pad, iface);
        }

        [Property(MaxTest = 80)]
        public bool Chunks_are_whole_aligned_units_within_the_limit_and_no_unit_is_written_twice(int seed)
        {
            var (device, segments, pad, iface) = Case(seed);
            var plan = FlashPlanner.Plan(segments, device, iface, new FlashPlanOptions { Pad = pad });
            var unit = plan.Unit;
            var seen = new HashSet<ulong>();
            foreach (var c in plan.ProgramSteps)
            {
                if (c.Address % unit != 0 || c.Length % unit != 0 || c.Length > plan.MaxWrite || c.Length == 0) return false;
                if (device.Flash.PageAt(c.Address) != device.Flash.PageAt((uint)(c.Range.End - 1))) return false;
                for (var a = (ulong)c.Address; a < c.Range.End; a += (ulong)unit)
                {
                    if (!seen.Add(a)) return false;
                }
            }
            return true;
        }

        [Property(MaxTest = 40)]
        public bool Executing_the_plan_leaves_the_image_and_erased_value_elsewhere(int seed)
        {
            var (device, segments, pad, iface) = Case(seed);
            using var target = new SimulatedTarget(device, new SimulatorOptions { Interface = iface });
            var plan = FlashPlanner.Plan(segments, target, new FlashPlanOptions { Pad = pad, Verify = true });
            new FlashExecutor(target).Execute(plan);
            var expected = Enumerable.Repeat(device.ErasedValue, (int)device.FlashSize).ToArray();
            foreach (var s in segments) Array.Copy(s.Data, 0, expected, s.Address - device.Flash.BaseAddress, s.Length);
            return expected.AsSpan().SequenceEqual(target.Simulation.FlashSnapshot());
        }
    }
}
