using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    public class GetStm32DeviceTests
    {
        [Fact]
        public void Lists_the_whole_catalog_without_arguments()
        {
            var result = PsSession.RunOnce("Get-Stm32Device").AssertNoErrors();
            Assert.Equal(DeviceCatalog.All.Select(d => d.Name), result.Objects<DeviceInfo>().Select(d => d.Name));
        }

        [Theory]
        [InlineData("STM32L552", "STM32L552")]
        [InlineData("stm32l562zet6q", "STM32L552")]
        [InlineData("L476RG", "STM32L476")]
        [InlineData("STM32F103C8T6", "STM32F103x8")]
        [InlineData("STM32F103RET6", "STM32F103xE")]
        public void Finds_a_device_by_name_alias_or_part_number(string name, string expected)
        {
            var device = PsSession.RunOnce("Get-Stm32Device -Name $args[0]", name).AssertNoErrors().Single<DeviceInfo>();
            Assert.Equal(expected, device.Name);
        }

        [Fact]
        public void Takes_names_from_the_pipeline_and_wildcards()
        {
            var names = PsSession.RunOnce("'STM32G4*', 'STM32H743' | Get-Stm32Device").AssertNoErrors()
                .Objects<DeviceInfo>().Select(d => d.Name).ToList();
            Assert.Equal(new[] { "STM32G431", "STM32G474", "STM32G491", "STM32H743" }, names);
        }

        [Fact]
        public void Finds_devices_by_product_id()
        {
            var device = PsSession.RunOnce("Get-Stm32Device -ProductId 0x472").AssertNoErrors().Single<DeviceInfo>();
            Assert.Equal("STM32L552", device.Name);
            Assert.Equal(8, device.ProgramUnit);
            Assert.Equal(512 * 1024, device.FlashSize);
        }

        [Fact]
        public void Unknown_name_is_a_non_terminating_ObjectNotFound_error_naming_the_families_and_the_way_out()
        {
            var result = PsSession.RunOnce("Get-Stm32Device -Name STM32F999, STM32G071");
            var error = Assert.Single(result.Errors);
            Assert.Equal("DeviceNotFound,Stm32Flash.Commands.GetStm32DeviceCommand", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("STM32F999", error.ToString());
            Assert.Matches(@"families STM32\w+, .*STM32L5, ", error.ToString());
            Assert.Contains("about_Stm32Flash_Devices", error.ToString());
            Assert.Contains("Add-Stm32Device", error.ToString());
            Assert.Equal("STM32G071", result.Single<DeviceInfo>().Name);
        }

        [Fact]
        public void Name_completes_from_the_catalog()
        {
            var result = PsSession.RunOnce(
                "$line = 'Get-Stm32Device -Name STM32G4'; [System.Management.Automation.CommandCompletion]::CompleteInput($line, $line.Length, $null).CompletionMatches | ForEach-Object CompletionText")
                .AssertNoErrors();
            var completions = result.Output.Select(o => o.ToString()).ToList();
            Assert.Contains("STM32G431", completions);
            Assert.Contains("STM32G474", completions);
            Assert.DoesNotContain("STM32L552", completions);
        }
    }
}
