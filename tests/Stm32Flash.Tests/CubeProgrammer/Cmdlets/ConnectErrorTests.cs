using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>What Connect-Stm32 -Interface says when the library, the settings or the connection are wrong, and the one-connection rule.</summary>
    public class ConnectErrorTests : FakeLibraryTest
    {
        private const string Connect = "Stm32Flash.Commands.ConnectStm32Command";

        private static ErrorRecord SingleError(PsResult result, string id)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal($"{id},{Connect}", error.FullyQualifiedErrorId);
            Assert.Empty(result.Output);
            return error;
        }

        [Fact]
        public void A_missing_library_says_where_it_looked_and_what_to_install_or_pass()
        {
            Fake();
            using var shell = new CubeShell();
            var missing = Path.Combine(Path.GetTempPath(), "no-such-cubeprogrammer-" + Guid.NewGuid().ToString("N"));
            var error = SingleError(shell.Run("Connect-Stm32 -Interface I2C -I2cAddress 0x4A -ApiPath $args[0]", missing), "CubeProgrammerNotFound");
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(missing, error.TargetObject);
            Assert.IsType<CubeProgrammerNotFoundException>(error.Exception);
            Assert.Contains($"{missing} (explicit path): no such file or folder", error.ErrorDetails.Message);
            Assert.Contains("-ApiPath", error.ErrorDetails.Message);
            Assert.Contains(CubeProgrammerLocator.EnvironmentVariable, error.ErrorDetails.Message);
            Assert.StartsWith("Install STM32CubeProgrammer", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_library_missing_an_export_is_unavailable_and_the_export_is_named()
        {
            Fake();
            using var shell = new CubeShell(FakeLibraryBuild.MissingExport);
            var error = SingleError(shell.Run("Connect-Stm32 -Interface I2C -I2cAddress 0x4A -ApiPath $api"), "CubeProgrammerLoadFailed");
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal(Build.LibraryPath(FakeLibraryBuild.MissingExport), error.TargetObject);
            Assert.Contains("'writeMemory'", error.ErrorDetails.Message);
            Assert.Contains("writeMemory", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_relative_api_path_is_resolved_against_the_powershell_location()
        {
            Fake();
            using var shell = new CubeShell();
            shell.SetLocation(Build.Root);
            var result = shell.Run("Connect-Stm32 -Interface I2C -I2cAddress 0x4A -ApiPath ./v2_18 -Verbose").AssertNoErrors();
            Assert.Contains(result.Verbose.Messages(), m => m.Contains($"CubeProgrammer_API: {Build.LibraryPath(FakeLibraryBuild.Default)} (from the explicit path)"));
        }

        [Fact]
        public void The_environment_variable_points_the_module_at_the_library()
        {
            Fake();
            using var shell = new CubeShell();
            try
            {
                var result = shell.Run($"$env:{CubeProgrammerLocator.EnvironmentVariable} = $api; Connect-Stm32 -Interface I2C -I2cAddress 0x4A -Verbose").AssertNoErrors();
                Assert.Contains(result.Verbose.Messages(), m => m.Contains($"(from the environment variable {CubeProgrammerLocator.EnvironmentVariable})"));
            }
            finally
            {
                Environment.SetEnvironmentVariable(CubeProgrammerLocator.EnvironmentVariable, null);
            }
        }

        [Fact]
        public void A_setting_of_another_interface_is_refused_naming_what_the_interface_takes()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var error = SingleError(shell.Run("Connect-Stm32 -Interface SWD -ApiPath $api -I2cAddress 0x4A -BaudRate 9600"), "ParameterNotForInterface");
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-I2cAddress (I2C)", error.Exception.Message);
            Assert.Contains("-BaudRate (UART)", error.Exception.Message);
            Assert.Contains("-Interface SWD takes -Frequency, -ConnectMode, -ResetMode", error.Exception.Message);
            Assert.Empty(fake.Calls);
        }

        [Fact]
        public void A_setting_that_needs_the_library_version_is_refused_with_ApiLayoutRequired_when_the_layout_is_assumed()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            using var shell = new CubeShell(FakeLibraryBuild.V221);
            var options = new Stm32Flash.Targets.CubeProgrammer.UsartConnectOptions { PortName = "/dev/ttyUSB0", DelayRtsDtr = 20 };
            var result = shell.Run("Connect-Stm32 -ApiPath $api -ConnectOptions $args[0]", options);
            var error = SingleError(result, "ApiLayoutRequired");
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Same(options, error.TargetObject);
            Assert.Contains("DelayRtsDtr", error.ErrorDetails.Message);
            Assert.Contains("-ApiLayoutVersion", error.ErrorDetails.RecommendedAction);
            Assert.Contains(result.Warnings, w => w.Message.StartsWith("CubeProgrammer_API struct layout V2_18", StringComparison.Ordinal));
            Assert.Empty(fake.CallsTo("connectUsartBootloader"));
        }

        [Fact]
        public void A_device_that_is_not_the_one_named_is_refused_alike_through_the_library_and_the_usart_host()
        {
            var fake = Fake();
            fake.SetProductId(0x469);
            using var shell = new CubeShell();
            var cube = SingleError(shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -Device STM32L552"), "DeviceMismatch");
            Assert.Equal("disconnect", fake.Calls.Last());
            Assert.Empty(shell.Run("Get-Stm32Device -Connected -ErrorAction SilentlyContinue").Output);

            using var pty = new Stm32Flash.Tests.Usart.Infrastructure.SocatPair();
            using var simulator = Stm32Flash.Targets.Usart.UsartSimulator.Start(Stm32Flash.Devices.DeviceCatalog.Get("STM32G474"),
                new Stm32Flash.Targets.Usart.SerialLinkSettings(pty.DeviceEnd, 115200, Stm32Flash.Targets.Usart.SerialParity.None));
            var usart = SingleError(shell.Run("Connect-Stm32 -Port $args[0] -Parity None -Device STM32L552", pty.HostEnd), "DeviceMismatch");

            foreach (var error in new[] { cube, usart })
            {
                Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
                Assert.Equal("STM32L552", error.TargetObject);
                var mismatch = Assert.IsType<Stm32Flash.Targets.DeviceMismatchException>(error.Exception);
                Assert.Equal(0x469, mismatch.ProductId);
                Assert.Equal("STM32L552", mismatch.Named.Name);
                Assert.StartsWith("The device reports product ID 0x469", error.ErrorDetails.Message);
                Assert.Contains("but STM32L552 (0x472) was named", error.ErrorDetails.Message);
                Assert.Contains("or name STM32G474", error.ErrorDetails.RecommendedAction);
            }
        }

        [Fact]
        public void Required_and_invalid_settings_are_named()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var address = SingleError(shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api"), "I2cAddressRequired");
            Assert.Contains("AN2606", address.Exception.Message);
            SingleError(shell.Run("Connect-Stm32 -Interface UART -ApiPath $api"), "PortRequired");
            var mode = SingleError(shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -I2cSpeedMode Standard"), "InvalidConnectOption");
            Assert.Equal("I2cSpeedMode", mode.TargetObject);
            Assert.Equal("-Interface I2C, -I2cSpeedMode: Standard mode runs at up to 100 kHz; use Fast mode for 400 kHz.", mode.ErrorDetails.Message);
            Assert.IsAssignableFrom<ArgumentException>(mode.Exception);
            var rise = SingleError(shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -RiseTime 500"), "InvalidConnectOption");
            Assert.Equal("RiseTime", rise.TargetObject);
            SingleError(shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -Device STM32X999"), "DeviceNotFound");
            Assert.Empty(fake.Calls);
        }

        [Fact]
        public void No_answer_at_the_i2c_address_is_a_connection_failure_with_the_librarys_words_and_a_likely_cause()
        {
            var fake = Fake();
            fake.SetExpectedI2cAddress(0x4B);
            using var shell = new CubeShell();
            var result = shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -Verbose");
            var error = SingleError(result, "ConnectionFailed");
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.IsType<I2cConnectOptions>(error.TargetObject);
            Assert.StartsWith("-3 CONNECTION to connectI2cBootloader", error.ErrorDetails.Message);
            Assert.Contains("no response from the device at this I2C address", error.ErrorDetails.Message);
            Assert.Contains("Likely cause: no ACK at this 7-bit slave address", error.ErrorDetails.Message);
            Assert.Contains("BOOT0", error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain(error.ErrorDetails.RecommendedAction, error.ErrorDetails.Message);
            Assert.Contains(result.Verbose.Messages(), m => m == "CubeProgrammer_API error: Error: no response from the device at this I2C address");
            Assert.Contains("connectI2cBootloader add=0x4A -> -3", fake.Calls);
        }

        [Fact]
        public void A_second_connection_names_the_session_that_holds_the_library_and_touches_nothing()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var first = shell.ConnectI2c();
            fake.Reset();
            var result = shell.Run("Connect-Stm32 -Interface SWD -ApiPath $api");
            var error = SingleError(result, "CubeProgrammerInUse");
            Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
            Assert.Same(first.BaseObject, error.TargetObject);
            Assert.Contains($"session {first.Property<int>("Id")} has it", error.Exception.Message);
            Assert.Contains("Disconnect-Stm32", error.Exception.Message);
            Assert.Contains("one process each (Start-Job, or Invoke-Command to a PSSession)", error.Exception.Message);
            Assert.Equal("Disconnect-Stm32", error.ErrorDetails.RecommendedAction);
            Assert.Empty(fake.Calls);
            Assert.True(first.Property<bool>("IsConnected"));
        }

        [Fact]
        public void A_connection_held_by_another_runspace_is_refused_too()
        {
            Fake();
            using var holder = new CubeShell();
            holder.ConnectI2c();
            using var other = new CubeShell();
            var error = SingleError(other.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A"), "CubeProgrammerInUse");
            Assert.IsType<CubeProgrammerInUseException>(error.Exception);
            Assert.Contains("not a session of this PowerShell session", error.ErrorDetails.Message);
            Assert.Contains("give each probe a process of its own (Start-Job, or Invoke-Command to a PSSession)", error.ErrorDetails.Message);
        }

        [Fact]
        public void Disconnect_releases_the_connection_for_the_next_one()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var first = shell.ConnectI2c();
            var closed = shell.Run("Disconnect-Stm32 -PassThru").AssertNoErrors().Output.Single();
            Assert.Same(first.BaseObject, closed.BaseObject);
            Assert.False(first.Property<bool>("IsConnected"));
            Assert.Contains("disconnect", fake.Calls);
            Assert.Equal("SessionClosed,Stm32Flash.Commands.ReadStm32MemoryCommand",
                Assert.Single(shell.Run("Read-Stm32Memory 0x08000000 8 -Session $args[0]", first).Errors).FullyQualifiedErrorId);
            var second = shell.ConnectI2c();
            Assert.True(second.Property<bool>("IsConnected"));
            Assert.Equal(2, fake.CallsTo("connectI2cBootloader").Count);
        }
    }
}
