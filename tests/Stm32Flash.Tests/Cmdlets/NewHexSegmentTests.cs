using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    /// <summary>New-HexSegment makes the segment Get-HexSegment would read from a file of the same bytes, at any 32-bit address.</summary>
    public class NewHexSegmentTests
    {
        [Theory]
        [InlineData("New-HexSegment 0x0807F800 (1, 2, 255)", 0x0807F800u, new byte[] { 1, 2, 255 })]
        [InlineData("New-HexSegment -Address 0x90000000 -Data ([byte[]](1, 2, 3, 4))", 0x90000000u, new byte[] { 1, 2, 3, 4 })]
        [InlineData("New-HexSegment '0x0807_F800' -Text 'SN-é'", 0x0807F800u, new byte[] { 0x53, 0x4E, 0x2D, 0xC3, 0xA9 })]
        [InlineData("New-HexSegment 0xFFFFFFFC -UInt32 0xDEADBEEF", 0xFFFFFFFCu, new byte[] { 0xEF, 0xBE, 0xAD, 0xDE })]
        [InlineData("New-HexSegment 0x20000000 -UInt32 1, '0x80000000'", 0x20000000u, new byte[] { 1, 0, 0, 0, 0, 0, 0, 0x80 })]
        public void Makes_one_segment_of_the_bytes_at_the_address(string script, uint address, byte[] data)
        {
            using var ps = new PsSession();
            var segment = ps.Run(script).AssertNoErrors().Single<Segment>();
            Assert.Equal(address, segment.Address);
            Assert.Equal(data, segment.Data);
            Assert.StartsWith("New-HexSegment -", segment.Source.ToString());
        }

        [Fact]
        public void A_segment_past_the_address_space_is_refused()
        {
            using var ps = new PsSession();
            var error = Assert.Single(ps.Run("New-HexSegment 0xFFFFFFFE -Data (1, 2, 3)").Errors);
            Assert.StartsWith("AddressRefused,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("0xFFFFFFFE", error.ToString());
        }

        [Fact]
        public void Its_segment_writes_verifies_and_exports_like_one_read_from_a_file()
        {
            using var temp = new TempFolder();
            using var ps = new PsSession();
            ps.Run("$null = Connect-Stm32 -Simulator STM32L552").AssertNoErrors();
            var verified = ps.Run("New-HexSegment 0x0807F800 -UInt32 0x12345678, 0xCAFEF00D | Write-Stm32Memory -PassThru | Test-Stm32Memory").AssertNoErrors().Single<VerifyResult>();
            Assert.True(verified.Match);
            var file = temp.File("config.hex");
            var back = ps.Run("New-HexSegment 0x0807F800 -UInt32 0x12345678 | Export-HexSegment $args[0]; Get-HexSegment $args[0]", file).AssertNoErrors().Single<Segment>();
            Assert.Equal(new byte[] { 0x78, 0x56, 0x34, 0x12 }, back.Data);
            Assert.Equal(0x0807F800u, back.Address);
        }
    }
}
