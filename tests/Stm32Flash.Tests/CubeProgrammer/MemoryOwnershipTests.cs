using System;
using Stm32Flash.Targets;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Everything the library allocates goes back to the library: read buffers and interface lists.</summary>
    public class MemoryOwnershipTests : FakeLibraryTest
    {
        [Fact]
        public void Every_read_buffer_is_freed_by_the_library()
        {
            var fake = Fake();
            using (var target = Load(new LogRecorder()).Connect(I2c()))
            {
                var buffer = new byte[256];
                for (var i = 0; i < 20; i++) target.Read(0x08000000 + (uint)(i * 256), buffer);
                fake.Fail("readMemory", 1, -9);
                Assert.Throws<TargetException>(() => target.Read(0x08000000, buffer));
                Assert.Throws<TargetException>(() => target.Read(0x07000000, buffer));
            }
            Assert.Equal(20, fake.Counter("alloc"));
            Assert.Equal(20, fake.Counter("free"));
            Assert.Equal(0, fake.Counter("free_unknown"));
        }

        [Fact]
        public void Interface_lists_are_deleted_after_listing_connecting_and_failing()
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            library.GetStLinkProbes();
            library.GetDfuDevices();
            using (library.Connect(new Stm32Flash.Targets.CubeProgrammer.DebugConnectOptions())) { }
            using (library.Connect(new Stm32Flash.Targets.CubeProgrammer.DfuConnectOptions())) { }
            fake.Fail("getStLinkList", 1, -2);
            var e = Assert.Throws<TargetException>(() => library.GetStLinkProbes());
            Assert.Equal("-2 NO_DEVICE", e.DeviceReply);
            Assert.Equal(4, fake.Counter("lists_allocated"));
            Assert.Equal(4, fake.Counter("lists_deleted"));
            Assert.Equal(0, fake.Counter("lists_outstanding"));
            Assert.Equal(5, fake.CallsTo("deleteInterfaceList").Count);
        }
    }
}
