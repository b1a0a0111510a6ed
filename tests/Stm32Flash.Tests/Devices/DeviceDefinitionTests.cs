using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Devices
{
    /// <summary>
    /// A part the catalog lacks, described in a file of the catalog's own format: read with every mistake named by its
    /// place, and used without rebuilding. The tests that add definitions to the process run alone.
    /// </summary>
    [Collection(CubeProgrammer.ProcessStateCollection.Name)]
    public class DeviceDefinitionTests
    {
        // The G474's entry as a new product: another name and product ID, no aliases.
        private static string NewPart() =>
            Regex.Replace(DeviceCatalog.Get("STM32G474").Definition!.ToJson().Replace("\"STM32G474\"", "\"STM32X4F0\"").Replace("\"0x469\"", "\"0x4F0\""),
                "\"aliases\": \\[[^\\]]*\\]", "\"aliases\": []");

        [Fact]
        public void An_entry_read_back_from_its_json_is_the_same_device()
        {
            foreach (var d in DeviceCatalog.BuiltIn)
            {
                var again = Assert.Single(DeviceDefinitionReader.Read(d.ToJson(), "test"));
                Assert.Equal(Describe(d.Default), Describe(again.Default));
                Assert.Equal(d.Layouts.Select(l => l.ToString()), again.Layouts.Select(l => l.ToString()));
            }
        }

        private static string Describe(DeviceInfo d) =>
            $"{d.Name} {d.ProductId} {d.FlashSize} {d.ProgramUnit} {d.ErasedValue} {string.Join(",", d.Flash.GetPages().Select(p => $"{p.Number}@{p.Address:X}+{p.Size}/{p.Bank}"))} " +
            $"{AddressRange.Describe(d.Ram)} {d.BootloaderRam} {d.SystemMemory} {d.OptionBytes} {string.Join(",", d.Interfaces)} {d.I2cAddress}";

        [Theory]
        [InlineData("{ \"devices\": [ { \"productId\": \"0x4F0\" ", "t.json:1:", "not valid JSON")]
        [InlineData("{ \"devices\": [ { \"name\": \"STM32X\" } ] }", "t.json:1:16", "\"productId\" is required")]
        [InlineData("NEWPART:\"programUnit\": 8,|\"programUnit\": 6,", "programUnit", "power of two")]
        [InlineData("NEWPART:\"family\":|\"familly\": \"x\", \"family\":", "familly", "is not a field here")]
        [InlineData("NEWPART:\"128x2K\"|\"128x2Q\"", "pages", "is not a size")]
        [InlineData("NEWPART:\"bit\": 22|\"bit\": 40", "bit", "0..31")]
        [InlineData("NEWPART:\"DBANK\": 1|\"DBNAK\": 1", "when", "\"DBNAK\" is not an option bit")]
        [InlineData("NEWPART:\"size\": \"512K\"|\"size\": \"18014398509481985K\"", "size", "a size")]
        [InlineData("NEWPART:\"firstNumber\": 128|\"firstNumber\": \"0xFFFFFFFF\"", "firstNumber", "0..65535")]
        public void A_mistake_is_reported_with_its_file_line_and_field(string text, string where, string what)
        {
            if (text.StartsWith("NEWPART:", StringComparison.Ordinal))
            {
                var edit = text.Substring("NEWPART:".Length).Split('|');
                var original = NewPart();
                Assert.Contains(edit[0], original);
                var index = original.IndexOf(edit[0], StringComparison.Ordinal);
                text = original.Substring(0, index) + edit[1] + original.Substring(index + edit[0].Length);
            }
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(text, "t.json"));
            Assert.Matches(@"^t\.json:\d+:\d+", ex.Message);
            Assert.Contains(where, ex.Message);
            Assert.Contains(what, ex.Message);
        }

        [Fact]
        public void A_file_nested_too_deep_is_refused_not_a_crash()
        {
            var text = new string('[', 100000) + new string(']', 100000);
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(text, "deep.json"));
            Assert.Contains("nested more than 64 deep", ex.Message);
        }

        [Fact]
        public void A_definition_whose_factory_chip_fits_no_layout_is_refused_when_read()
        {
            // DBANK=0 as shipped, but the only DBANK=0 layout is for 256 KiB parts: the 512 KiB chip as shipped has none.
            var text = NewPart().Replace("\"factory\": 1", "\"factory\": 0");
            text = text.Replace("\"when\": {\"DBANK\": 0}", "\"when\": {\"DBANK\": 0, \"flashSize\": \"256K\"}");
            Assert.Contains("\"flashSize\": \"256K\"", text);
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(text, "t.json"));
            Assert.Contains("no layout fits the largest flash with the factory option bits", ex.Message);
        }

        [Fact]
        public void A_product_the_catalog_lacks_is_refused_naming_the_way_out_and_flashed_with_its_definition()
        {
            using var folder = new TempFolder();
            var file = folder.Write("stm32x4f0.json", NewPart());
            var part = Assert.Single(DeviceDefinitionReader.Read(NewPart(), file));
            Assert.Null(DeviceCatalog.Find("STM32X4F0"));
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(part.Default, new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            using var ps = new PsSession();
            try
            {
                var refused = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd);
                var error = Assert.Single(refused.Errors);
                Assert.Equal("DeviceNotInCatalog,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
                Assert.Contains("0x4F0", error.ErrorDetails.Message);
                Assert.Contains("nearest known product IDs", error.ErrorDetails.Message);
                Assert.Contains("-DeviceDefinition", error.ErrorDetails.RecommendedAction);

                var session = ps.Run("Connect-Stm32 -Port $args[0] -Parity None -DeviceDefinition $args[1]", pty.HostEnd, file).AssertNoErrors().Output.Single();
                Assert.Equal("STM32X4F0", ((DeviceInfo)session.Properties["Device"].Value).Name);
                var data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
                var verified = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08040000, [byte[]]$args[0]) | Write-Stm32Memory -PassThru | Test-Stm32Memory", data)
                    .AssertNoErrors().Objects<VerifyResult>().Single();
                Assert.True(verified.Match);
                Assert.Equal(data, simulator.Simulation.FlashSnapshot().AsSpan(0x40000, data.Length).ToArray());
                Assert.Equal("STM32X4F0", ps.Run("(Get-Stm32Device -ProductId 0x4F0).Name").AssertNoErrors().Output.Single().ToString());
                ps.Run("Disconnect-Stm32").AssertNoErrors();
            }
            finally
            {
                DeviceCatalog.ResetAdded();
            }
            Assert.Null(DeviceCatalog.Find("STM32X4F0"));
        }

        [Fact]
        public void Add_Stm32Device_refuses_a_malformed_file_with_its_line_and_replaces_a_built_in_entry_for_the_session()
        {
            using var folder = new TempFolder();
            var bad = folder.Write("bad.json", "{\n  \"devices\": [\n    { \"productId\": \"0x469\", \"name\": \"STM32G474\",\n      \"flash\": 3 } ] }");
            using var ps = new PsSession();
            try
            {
                var result = ps.Run("Add-Stm32Device $args[0]", bad);
                var error = Assert.Single(result.Errors);
                Assert.Equal("DeviceDefinitionInvalid,Stm32Flash.Commands.AddStm32DeviceCommand", error.FullyQualifiedErrorId);
                Assert.Contains("bad.json:3:", error.ErrorDetails.Message);
                Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);

                // A corrected G474 (say the bootloader really lists Get Checksum) replaces the built-in one for the session.
                var corrected = DeviceCatalog.Get("STM32G474").Definition!.ToJson().Replace("\"checksum\": false", "\"checksum\": true");
                Assert.Contains("\"checksum\": true", corrected);
                var file = folder.Write("g474.json", corrected);
                var added = ps.Run("Add-Stm32Device $args[0]", file).AssertNoErrors().Objects<DeviceInfo>().Single();
                Assert.True(added.Definition!.Bootloader.UsartChecksum);
                Assert.Same(added.Definition, DeviceCatalog.Get("STM32G474").Definition);
                Assert.Single(DeviceCatalog.FindByProductId(0x469));
            }
            finally
            {
                DeviceCatalog.ResetAdded();
            }
            Assert.False(DeviceCatalog.Get("STM32G474").Definition!.Bootloader.UsartChecksum);
        }
    }
}
