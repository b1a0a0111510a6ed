using System;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>Protection commands end in a reset; over USART the session synchronises again, or says it must connect again.</summary>
    public sealed class ProtectionOverUsartTests : IDisposable
    {
        private readonly SocatPair _pty = new SocatPair();
        private readonly PsSession _ps = new PsSession();
        private UsartSimulator? _simulator;

        private void Serve(string device) =>
            _simulator = UsartSimulator.Start(DeviceCatalog.Get(device), new SerialLinkSettings(_pty.DeviceEnd, 115200, SerialParity.None));

        [Fact]
        public void After_readout_protect_the_session_synchronises_again_and_works_on()
        {
            Serve("STM32G474");
            _ps.Run("$null = Connect-Stm32 -Port $args[0] -Parity None; Protect-Stm32 -Readout -Confirm:$false", _pty.HostEnd).AssertNoErrors();
            var refused = Assert.Single(_ps.Run("Read-Stm32Memory -Address 0x08000000 -Length 4").Errors);
            Assert.Equal("ReadoutProtected,Stm32Flash.Commands.ReadStm32MemoryCommand", refused.FullyQualifiedErrorId);
            _ps.Run("Unprotect-Stm32 -Readout -Confirm:$false; $null = Read-Stm32Memory -Address 0x08000000 -Length 4").AssertNoErrors();
            Assert.Equal(2, _simulator!.Simulation.ResetCount);
        }

        [Fact]
        public void A_chip_that_starts_its_application_after_the_reset_is_reported_with_connect_again()
        {
            // A G071 as shipped starts the bootloader only while its flash is empty; written, it starts the application
            // at the reset that ends Readout Protect.
            Serve("STM32G071");
            _ps.Run("$null = Connect-Stm32 -Port $args[0] -Parity None; [Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]](1..64)) | Write-Stm32Memory", _pty.HostEnd)
                .AssertNoErrors();
            var error = Assert.Single(_ps.Run("Protect-Stm32 -Readout -Confirm:$false").Errors);
            Assert.Equal("DeviceTimeout,Stm32Flash.Commands.ProtectStm32Command", error.FullyQualifiedErrorId);
            Assert.Contains("run Connect-Stm32 again", error.ErrorDetails.Message);
            Assert.Equal(0x08000000u, _simulator!.Simulation.RunningFrom);
        }

        public void Dispose()
        {
            _ps.Dispose();
            _simulator?.Dispose();
            _pty.Dispose();
        }
    }
}
