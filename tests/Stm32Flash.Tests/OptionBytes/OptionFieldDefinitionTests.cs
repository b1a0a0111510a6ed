using System;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>"fields" and "rules" of "optionBytes" in a definition file: read strictly, every mistake named by its place.</summary>
    public class OptionFieldDefinitionTests
    {
        // The G474's entry as a new product whose optionBytes are replaced by the given object.
        private static string WithOptionBytes(string optionBytes)
        {
            var json = DeviceCatalog.Get("STM32G474").Definition!.ToJson().Replace("\"STM32G474\"", "\"STM32X4F0\"").Replace("\"0x469\"", "\"0x4F0\"");
            json = System.Text.RegularExpressions.Regex.Replace(json, "\"aliases\": \\[[^\\]]*\\]", "\"aliases\": []");
            var start = json.IndexOf("\"optionBytes\": {", StringComparison.Ordinal);
            var end = json.IndexOf("\"otp\"", start, StringComparison.Ordinal);
            return json.Substring(0, start) + "\"optionBytes\": " + optionBytes + ",\n  " + json.Substring(end);
        }

        private const string Dbank = "{\"name\": \"DBANK\", \"address\": \"0x1FFF7800\", \"bit\": 22, \"factory\": 1}";

        [Fact]
        public void A_definition_carries_its_own_fields_rules_and_areas()
        {
            var d = Assert.Single(DeviceDefinitionReader.Read(WithOptionBytes(
                "{\"base\": \"0x1FFF7800\", \"size\": 48, \"areas\": [{\"base\": \"0x1FFFF808\", \"size\": 8}], \"fields\": [" +
                "{\"name\": \"RDP\", \"address\": \"0x1FFF7800\", \"bit\": 0, \"width\": 8, \"factory\": \"0xAA\", \"group\": \"protection\", \"levels\": {\"0\": \"0xAA\", \"1\": \"0xBB\"}}, " +
                Dbank + ", {\"name\": \"MODE\", \"address\": \"0x1FFFF808\", \"bit\": 4, \"width\": 2, \"values\": {\"0x0\": \"off\", \"*\": \"on\"}}], " +
                "\"rules\": [{\"when\": {\"MODE\": {\"not\": [\"0x0\", \"0x1\"]}}, \"risk\": \"bootloaderLockout\", \"why\": \"it stops\"}]}"), "my.json"));
            var map = d.OptionByteMap;
            Assert.Equal(3, map.Fields.Count);
            Assert.Equal("on", map.Field("mode")!.MeaningOf(3));
            Assert.Equal("1", map.ReadoutField!.LevelOf(0x12));
            Assert.Equal("MODE other than 0 or 1", map.Rules[0].ToString());
            Assert.Equal(2, d.Default.OptionByteAreas.Count);
        }

        [Theory]
        [InlineData("\"address\": \"0x1FFF9000\", \"bit\": 0", "is not in an option-byte area")]
        [InlineData("\"address\": \"0x1FFF7802\", \"bit\": 0", "word-aligned")]
        [InlineData("\"address\": \"0x1FFF7800\", \"bit\": 30, \"width\": 4", "ends within its word")]
        [InlineData("\"address\": \"0x1FFF7800\", \"bit\": 20, \"width\": 4", "overlaps DBANK")]
        [InlineData("\"address\": \"0x1FFF7804\", \"bit\": 0, \"factory\": 2", "does not fit in X")]
        [InlineData("\"address\": \"0x1FFF7804\", \"bit\": 0, \"group\": \"misc\"", "one of \\\"protection\\\"")]
        [InlineData("\"address\": \"0x1FFF7804\", \"bit\": 0, \"levels\": {\"1\": \"0x0\"}", "levels 0 and 1")]
        [InlineData("\"address\": \"0x1FFF7804\", \"bit\": 0, \"protects\": {\"bank\": 1, \"area\": \"A\", \"edge\": \"start\"}", "needs one start and one end field")]
        [InlineData("\"address\": \"0x1FFF7804\", \"bit\": 0, \"colour\": 1", "\\\"colour\\\" is not a field here")]
        public void A_field_mistake_is_named_with_its_place(string field, string what)
        {
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(
                WithOptionBytes("{\"base\": \"0x1FFF7800\", \"size\": 48, \"fields\": [" + Dbank + ", {\"name\": \"X\", " + field + "}]}"), "my.json"));
            Assert.Contains("my.json:", ex.Message);
            Assert.Contains(what.Replace("\\\"", "\""), ex.Message);
        }

        [Theory]
        [InlineData("{\"when\": {\"NOPE\": 1}, \"risk\": \"irreversible\", \"why\": \"x\"}", "\"NOPE\" is not a field")]
        [InlineData("{\"when\": {\"DBANK\": 2}, \"risk\": \"irreversible\", \"why\": \"x\"}", "does not fit in DBANK")]
        [InlineData("{\"when\": {\"DBANK\": 0}, \"risk\": \"bad\", \"why\": \"x\"}", "\"trustZone\"")]
        [InlineData("{\"when\": {\"DBANK\": 0}, \"risk\": \"irreversible\"}", "\"why\" is required")]
        public void A_rule_mistake_is_named_with_its_place(string rule, string what)
        {
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(
                WithOptionBytes("{\"base\": \"0x1FFF7800\", \"size\": 48, \"fields\": [" + Dbank + "], \"rules\": [" + rule + "]}"), "my.json"));
            Assert.Contains(what, ex.Message);
        }

        [Fact]
        public void A_layout_bit_must_sit_where_its_field_does()
        {
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(
                WithOptionBytes("{\"base\": \"0x1FFF7800\", \"size\": 48, \"fields\": [{\"name\": \"DBANK\", \"address\": \"0x1FFF7800\", \"bit\": 21}]}"), "my.json"));
            Assert.Contains("is not where the field DBANK", ex.Message);
        }

        [Fact]
        public void Byte_complements_keep_fields_out_of_the_complement_bytes()
        {
            var ex = Assert.Throws<DeviceDefinitionException>(() => DeviceDefinitionReader.Read(
                WithOptionBytes("{\"base\": \"0x1FFF7800\", \"size\": 48, \"complement\": \"byte\", \"fields\": [{\"name\": \"X\", \"address\": \"0x1FFF7804\", \"bit\": 8}]}"), "my.json"));
            Assert.Contains("bytes 1 and 3 hold the complements", ex.Message);
        }
    }
}
