using System.Management.Automation;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>The option-byte cmdlets on a CubeProgrammer_API session: what its target does not offer is refused as NotSupported, with the reason.</summary>
    public class OptionByteRefusalTests : FakeLibraryTest
    {
        [Theory]
        [InlineData("Get-Stm32OptionByte", "GetStm32OptionByteCommand", "CanReadOptionBytes")]
        [InlineData("Set-Stm32OptionByte BOR_LEV 1 -Confirm:$false", "SetStm32OptionByteCommand", "CanWriteOptionBytes")]
        [InlineData("Protect-Stm32 -Page 1 -Confirm:$false", "ProtectStm32Command", "CanWriteProtect")]
        [InlineData("Unprotect-Stm32 -Write -Confirm:$false", "UnprotectStm32Command", "CanWriteProtect")]
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
    }
}
