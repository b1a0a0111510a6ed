using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>
    /// The option-byte and protection cmdlets on a CubeProgrammer_API session (the fake's STM32L552 over I2C): what its
    /// target does not offer is refused as NotSupported with the reason; readout and write protection go through the
    /// library's sendOptionBytesCmd and readUnprotect.
    /// </summary>
    public class OptionByteRefusalTests : FakeLibraryTest
    {
        [Theory]
        [InlineData("Get-Stm32OptionByte", "GetStm32OptionByteCommand", "CanReadOptionBytes")]
        [InlineData("Set-Stm32OptionByte BOR_LEV 1 -Confirm:$false", "SetStm32OptionByteCommand", "CanWriteOptionBytes")]
        public void What_the_library_target_lacks_is_refused_as_not_supported(string script, string command, string capability)
        {
            Fake();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            var error = Assert.Single(shell.Run(script).Errors);
            Assert.Equal($"NotSupported,Stm32Flash.Commands.{command}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
            Assert.Contains(capability, error.ErrorDetails.Message);
            Assert.Contains("Connect-Stm32 -Port", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void Readout_protection_refuses_reads_and_lifting_it_lets_the_image_be_flashed_again()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            shell.Run("Protect-Stm32 -Readout -Confirm:$false").AssertNoErrors();
            Assert.Contains("sendOptionBytesCmd -ob rdp=0xBB -> 0", fake.Calls);
            Assert.NotEqual(0xAA, fake.Rdp);

            var refused = Assert.Single(shell.Run("Read-Stm32Memory -Address 0x08000000 -Length 16").Errors);
            Assert.StartsWith("ReadoutProtected,", refused.FullyQualifiedErrorId);

            shell.Run("Unprotect-Stm32 -Readout -Confirm:$false").AssertNoErrors();
            Assert.Contains(fake.Calls, c => c.StartsWith("readUnprotect", System.StringComparison.Ordinal));
            var verified = shell.Run("Get-HexSegment $args[0] | Write-Stm32Memory -Pad 8 -PassThru | Test-Stm32Memory",
                Repo.PathOf("samples", "stm32l552-demo", "demo.hex")).AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(4, verified.Count);
            Assert.All(verified, v => Assert.True(v.Match));
        }

        [Fact]
        public void Write_protection_of_pages_is_set_and_lifted_through_the_option_bytes()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            shell.Run("Protect-Stm32 -Page 0, 1, 2, 3 -Confirm:$false").AssertNoErrors();
            Assert.Contains(fake.CallsTo("sendOptionBytesCmd"), c => c.Contains("WRP1A_PSTRT=0x0 WRP1A_PEND=0x3"));
            shell.Run("Unprotect-Stm32 -Write -Confirm:$false").AssertNoErrors();
            Assert.Contains(fake.CallsTo("sendOptionBytesCmd"), c => c.Contains("WRP1A_PSTRT=0x7F WRP1A_PEND=0x0"));
        }
    }
}
