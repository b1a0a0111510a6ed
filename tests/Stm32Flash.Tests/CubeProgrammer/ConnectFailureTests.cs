using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>A failed connect* is followed by disconnect(), as in ST's examples, so the probe or port is not left half-open.</summary>
    public class ConnectFailureTests : FakeLibraryTest
    {
        [Theory]
        [InlineData("connectStLink")]
        [InlineData("connectUsartBootloader")]
        [InlineData("connectI2cBootloader")]
        [InlineData("connectSpiBootloader")]
        [InlineData("connectCanBootloader")]
        [InlineData("connectDfuBootloader2")]
        public void A_failed_connect_is_disconnected_so_a_retry_in_the_same_process_connects(string function)
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            fake.Fail(function, 1, -3);
            var e = Assert.ThrowsAny<TargetException>(() => library.Connect(OptionsFor(function)));
            Assert.Equal("-3 CONNECTION", e.DeviceReply);
            Assert.Equal("disconnect", fake.Calls.Last());

            using var target = library.Connect(OptionsFor(function));
            Assert.True(target.IsConnected);
        }

        private static CubeProgrammerConnectOptions OptionsFor(string function) => function switch
        {
            "connectStLink" => new DebugConnectOptions(),
            "connectUsartBootloader" => new UsartConnectOptions { PortName = "/dev/ttyUSB0" },
            "connectI2cBootloader" => I2c(),
            "connectSpiBootloader" => new SpiConnectOptions(),
            "connectCanBootloader" => new CanConnectOptions(),
            _ => new DfuConnectOptions { UsbIndex = "USB1" },
        };
    }
}
