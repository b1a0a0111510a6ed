using System;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>Get-Stm32Probe lists the fake's ST-LINK probes and DFU devices as objects, frees the lists, and has views for them.</summary>
    public class ProbeTests : FakeLibraryTest
    {
        [Fact]
        public void Lists_the_st_link_probes_and_the_dfu_devices_and_frees_the_lists()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var result = shell.Run("Get-Stm32Probe -ApiPath $api").AssertNoErrors();
            var probes = result.Output.Select(o => o.BaseObject).OfType<StLinkProbe>().ToList();
            Assert.Equal(new[] { "FAKESTLINK0000", "FAKESTLINK0001" }, probes.Select(p => p.SerialNumber));
            Assert.Equal(new[] { 0, 1 }, probes.Select(p => p.Index));
            Assert.All(probes, p => Assert.Equal("V3J15M7B5S1", p.FirmwareVersion));
            Assert.All(probes, p => Assert.Equal("3.29", p.TargetVoltage));
            Assert.Equal(new[] { true, false }, probes.Select(p => p.IsBridge));
            Assert.Equal(new uint[] { 24000, 8000, 3300, 1000, 200, 50, 5 }, probes[0].SwdFrequenciesKHz);
            Assert.Equal(new[] { "STLINK-V3SET", "NUCLEO-L552ZE-Q" }, probes.Select(p => p.Board));

            var dfu = Assert.Single(result.Output.Select(o => o.BaseObject).OfType<DfuDevice>());
            Assert.Equal("USB1", dfu.UsbIndex);
            Assert.Equal("205F37A05140", dfu.SerialNumber);
            Assert.Equal("STM32  BOOTLOADER", dfu.ProductId);
            Assert.Equal(0x011Au, dfu.DfuVersion);
            Assert.Equal(3, result.Output.Count);
            Assert.Equal(0, fake.Counter("lists_outstanding"));
            Assert.Equal(fake.Counter("lists_allocated"), fake.Counter("lists_deleted"));
        }

        [Fact]
        public void Kind_lists_one_kind_only()
        {
            var fake = Fake();
            using var shell = new CubeShell();
            var dfu = shell.Run("Get-Stm32Probe -ApiPath $api -Kind Dfu").AssertNoErrors();
            Assert.IsType<DfuDevice>(Assert.Single(dfu.Output).BaseObject);
            Assert.Empty(fake.CallsTo("getStLinkList"));
            fake.Reset();
            var stlink = shell.Run("Get-Stm32Probe $api -Kind StLink").AssertNoErrors();
            Assert.All(stlink.Output, o => Assert.IsType<StLinkProbe>(o.BaseObject));
            Assert.Equal(2, stlink.Output.Count);
            Assert.Empty(fake.CallsTo("getDfuDeviceList"));
        }

        [Fact]
        public void No_probes_is_no_output_and_a_failed_list_is_an_error_that_leaves_the_other_list()
        {
            var fake = Fake();
            fake.SetProbeCount(0, 0);
            using var shell = new CubeShell();
            var none = shell.Run("Get-Stm32Probe -ApiPath $api -Verbose").AssertNoErrors();
            Assert.Empty(none.Output);
            Assert.Contains("0 ST-LINK probes.", none.Verbose.Messages());

            fake.Reset();
            fake.Fail("getStLinkList", 1, -2);
            var failed = shell.Run("Get-Stm32Probe -ApiPath $api");
            var error = Assert.Single(failed.Errors);
            Assert.Equal("DeviceDisconnected,Stm32Flash.Commands.GetStm32ProbeCommand", error.FullyQualifiedErrorId);
            Assert.StartsWith("-2 NO_DEVICE to getStLinkList (listing ST-LINK probes)", error.ErrorDetails.Message);
            Assert.IsType<DfuDevice>(Assert.Single(failed.Output).BaseObject);
        }

        [Fact]
        public void Listing_while_connected_goes_through_the_connection_and_leaves_its_loaders_path()
        {
            var fake = Fake();
            var loaders = System.IO.Path.Combine(Build.Root, "loaders-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(loaders, "FlashLoader"));
            try
            {
                using var shell = new CubeShell();
                shell.Run("$null = Connect-Stm32 -Interface SWD -ApiPath $api -LoadersPath $args[0]", loaders).AssertNoErrors();
                Assert.Equal(loaders, fake.LoadersPath);
                var result = shell.Run("Get-Stm32Probe -ApiPath $api -Kind StLink -Verbose").AssertNoErrors();
                Assert.Equal(2, result.Output.Count);
                Assert.Contains(result.Verbose.Messages(), m => m.StartsWith("Listing through the connected library", StringComparison.Ordinal));
                Assert.Equal(loaders, fake.LoadersPath);
                Assert.Single(fake.CallsTo("setLoadersPath " + loaders));
                Assert.Single(fake.CallsTo("setLoadersPath"));
                Assert.True(shell.Run("(Read-Stm32Memory 0x08000000 8).Length").AssertNoErrors().Output.Single().BaseObject is int);
            }
            finally
            {
                System.IO.Directory.Delete(loaders, true);
            }
        }

        [Fact]
        public void A_missing_library_is_the_same_clear_error_as_for_connect()
        {
            Fake();
            using var shell = new CubeShell();
            var error = Assert.Single(shell.Run("Get-Stm32Probe -ApiPath /no/such/folder").Errors);
            Assert.Equal("CubeProgrammerNotFound,Stm32Flash.Commands.GetStm32ProbeCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        }

        [Theory]
        [InlineData("Stm32Flash.StLinkProbe", "Get-Stm32Probe -ApiPath $api -Kind StLink", typeof(StLinkProbe))]
        [InlineData("Stm32Flash.DfuDevice", "Get-Stm32Probe -ApiPath $api -Kind Dfu", typeof(DfuDevice))]
        public void The_views_columns_name_real_properties_and_their_scripts_run(string view, string list, Type type)
        {
            Fake();
            var definition = XDocument.Load(Repo.PathOf("Stm32Flash.format.ps1xml")).Descendants("View").Single(v => (string?)v.Element("Name") == view);
            Assert.Equal(type.FullName, definition.Descendants("TypeName").Single().Value);
            var items = definition.Descendants("TableColumnItem").ToList();
            Assert.Equal(definition.Descendants("TableColumnHeader").Count(), items.Count);
            foreach (var property in items.Select(i => i.Element("PropertyName")).Where(p => p != null))
                Assert.NotNull(type.GetProperty(property!.Value));

            using var shell = new CubeShell();
            shell.Run($"$items = @({list})").AssertNoErrors();
            foreach (var script in items.Select(i => i.Element("ScriptBlock")).Where(s => s != null))
            {
                var result = shell.Run($"$items | ForEach-Object {{ {script!.Value} }}").AssertNoErrors();
                Assert.NotEmpty(result.Output);
                Assert.All(result.Output, o => Assert.False(string.IsNullOrWhiteSpace(o.ToString())));
            }
        }
    }
}
