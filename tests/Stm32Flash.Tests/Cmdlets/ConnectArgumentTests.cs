using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>Connect-Stm32's argument words and completion, without a device.</summary>
    public class ConnectArgumentTests
    {
        private static string[] Complete(PsSession ps, string line) =>
            ps.Run("[System.Management.Automation.CommandCompletion]::CompleteInput($args[0], $args[0].Length, $null).CompletionMatches | ForEach-Object CompletionText", line)
                .AssertNoErrors().Output.Select(o => o.ToString()).ToArray();

        [Fact]
        public void Interface_and_the_debug_modes_complete_with_their_names()
        {
            using var ps = new PsSession();
            Assert.Equal(new[] { "Can", "Dfu", "I2c", "Jtag", "Spi", "Swd", "Usart" }, Complete(ps, "Connect-Stm32 -Interface "));
            Assert.Equal(new[] { "HardwareResetPulse", "HotPlug", "Normal", "PowerDown", "PreReset", "UnderReset" }, Complete(ps, "Connect-Stm32 -Interface SWD -ConnectMode "));
        }

        [Theory]
        [InlineData("UR", "UnderReset")]
        [InlineData("HWRSTPULSE", "HardwareResetPulse")]
        [InlineData("HwResetPulse", "HardwareResetPulse")]
        [InlineData("hotplug", "HotPlug")]
        [InlineData("PowerDown", "PowerDown")]
        public void Connect_modes_take_the_cli_words(string word, string expected)
        {
            using var ps = new PsSession();
            var value = ps.Run("[Stm32Flash.Arguments.CliWordTransformationAttribute]::new([Stm32Flash.Targets.CubeProgrammer.DebugConnectMode]).Transform($ExecutionContext, $args[0])", word)
                .AssertNoErrors().Output.Single();
            Assert.Equal(expected, value.ToString());
        }

        [Theory]
        [InlineData("UART", TargetInterface.Usart)]
        [InlineData("uart", TargetInterface.Usart)]
        [InlineData("USB", TargetInterface.Dfu)]
        [InlineData("I2C", TargetInterface.I2c)]
        [InlineData("Spi", TargetInterface.Spi)]
        public void The_simulator_takes_the_cli_words_for_its_interface_too(string word, TargetInterface expected)
        {
            using var ps = new PsSession();
            var session = ps.Run($"Connect-Stm32 -Simulator STM32L552 -Interface {word}").AssertNoErrors().Output.Single();
            Assert.Equal(expected, (TargetInterface)session.Properties["Interface"].Value);
        }

        [Fact]
        public void An_unknown_interface_word_is_refused_by_the_binder_listing_the_names()
        {
            using var ps = new PsSession();
            var result = ps.Run("Connect-Stm32 -Simulator STM32L552 -Interface Bluetooth");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId);
            Assert.Contains("'Bluetooth' is not an interface. Give one of Usart, I2c, Spi, Can, Dfu, Swd, Jtag (or the CLI's words: SWD, JTAG, UART, I2C, SPI, CAN, DFU, USB)", error.Exception.Message);
        }
    }
}
