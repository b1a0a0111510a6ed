using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;
using Xunit;

namespace Stm32Flash.Tests.Planning
{
    public class MemoryVerifierTests
    {
        [Theory]
        [InlineData(true, 0x08000001u, 1)]
        [InlineData(true, 0x08000001u, 2)]
        [InlineData(true, 0x08000003u, 601)]
        [InlineData(true, 0x08000000u, 600)]
        [InlineData(false, 0x08000003u, 601)]
        public void Finds_the_first_mismatch_at_any_alignment(bool checksum, uint address, int length)
        {
            using var t = new SimulatedTarget(DeviceCatalog.Get("STM32L552"), new SimulatorOptions { Checksum = checksum, Interface = Stm32Flash.Devices.TargetInterface.Swd });
            var bytes = Enumerable.Range(0, 1024).Select(i => (byte)(i * 7)).ToArray();
            t.Write(0x08000000, bytes);
            var good = new Segment(address, bytes.Skip((int)(address - 0x08000000)).Take(length).ToArray());
            var ok = MemoryVerifier.Verify(t, good, 3);
            Assert.True(ok.Match);
            Assert.Equal(checksum ? Stm32Flash.VerifyMethod.DeviceCrc : Stm32Flash.VerifyMethod.ReadBack, ok.Method);
            Assert.Equal(3, ok.SegmentNumber);
            foreach (var at in new[] { 0, length / 2, length - 1 }.Distinct())
            {
                var wrong = (byte[])good.Data.Clone();
                wrong[at] ^= 0x01;
                var r = MemoryVerifier.Verify(t, new Segment(address, wrong));
                Assert.False(r.Match);
                Assert.Equal(address + (uint)at, r.FirstMismatch);
                Assert.Equal(wrong[at], r.Expected);
                Assert.Equal(good.Data[at], r.Actual);
            }
        }
    }
}
