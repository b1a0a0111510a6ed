using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Stm32Flash.Devices;
using Stm32Flash.Tests.Help;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Completion
{
    /// <summary>
    /// Tab completion of every parameter of every cmdlet that has a completer, a ValidateSet or an enum type, through
    /// CommandCompletion.CompleteInput in the engine, as PSReadLine and the console ask for it.
    /// </summary>
    public class CompletionTests : IClassFixture<ModuleSessionFixture>
    {
        private readonly PsSession _ps;

        public CompletionTests(ModuleSessionFixture fixture) => _ps = fixture.Session;

        private static readonly Assembly Module = Assembly.LoadFrom(Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll"));

        /// <summary>What each completer of the module must offer for an empty word. A completer missing here fails the test.</summary>
        private static readonly Dictionary<string, Func<IEnumerable<string>>> CompleterValues = new Dictionary<string, Func<IEnumerable<string>>>
        {
            ["DeviceNameCompleter"] = () => DeviceCatalog.All.SelectMany(d => new[] { d.Name }.Concat(d.Aliases)),
            ["ProductIdCompleter"] = () => DeviceCatalog.All.Select(d => $"0x{d.ProductId:X3}").Distinct(),
            ["FamilyCompleter"] = () => DeviceCatalog.All.Select(d => d.Family).Distinct(),
            // On a machine without ports this is empty; A_port_completes_to_the_ports_the_machine_lists... gives it ports.
            // Paths complete through Get-ChildItem, which this Core-only engine lacks: tests/EndToEnd/Completion.Tests.ps1.
            ["SerialPortCompleter"] = () => System.IO.Ports.SerialPort.GetPortNames(),
            // With no device named, every interface; Interface_completes_what_the_named_device_offers covers the rest.
            ["InterfaceCompleter"] = () => Enum.GetNames(typeof(TargetInterface)),
        };

        /// <summary>Cmdlet, parameter: every parameter declared by the module's cmdlets that completes values.</summary>
        public static TheoryData<string, string> CompletingParameters
        {
            get
            {
                var data = new TheoryData<string, string>();
                foreach (var (cmdlet, property) in Parameters().Where(p => Expected(p.Property) != null))
                    data.Add(cmdlet, property.Name);
                return data;
            }
        }

        private static IEnumerable<(string Cmdlet, PropertyInfo Property)> Parameters() =>
            Module.GetExportedTypes()
                .Select(t => (type: t, attribute: t.GetCustomAttribute<CmdletAttribute>()))
                .Where(x => x.attribute != null)
                .SelectMany(x => x.type.GetProperties()
                    .Where(p => p.GetCustomAttributes<ParameterAttribute>().Any())
                    .Select(p => ($"{x.attribute!.VerbName}-{x.attribute.NounName}", p)));

        private static PropertyInfo Property(string cmdlet, string parameter) => Parameters().Single(p => p.Cmdlet == cmdlet && p.Property.Name == parameter).Property;

        /// <summary>The values a parameter must complete to for an empty word, or null when it completes nothing of its own.</summary>
        private static IReadOnlyList<string>? Expected(PropertyInfo property)
        {
            var completer = property.GetCustomAttribute<ArgumentCompleterAttribute>();
            if (completer != null)
            {
                var name = completer.Type!.Name;
                if (!CompleterValues.TryGetValue(name, out var values))
                    throw new InvalidOperationException($"{property.DeclaringType!.Name}.{property.Name} uses {name}: add what it completes to CompleterValues.");
                return values().ToList();
            }
            var set = property.GetCustomAttribute<ValidateSetAttribute>();
            if (set != null) return set.ValidValues.ToList();
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type.IsArray) type = type.GetElementType()!;
            return type.IsEnum ? Enum.GetNames(type) : null;
        }

        private List<CompletionResult> Complete(string input) =>
            _ps.Run("[System.Management.Automation.CommandCompletion]::CompleteInput($args[0], $args[0].Length, $null).CompletionMatches", input)
                .AssertNoErrors().Objects<CompletionResult>().ToList();

        private static string Unquoted(CompletionResult r) => r.CompletionText.Trim('\'', '"');

        [Fact]
        public void Every_exported_cmdlet_is_a_class_of_the_module_and_some_parameters_complete()
        {
            Assert.Equal(HelpDocs.ExportedCmdlets.OrderBy(c => c), Parameters().Select(p => p.Cmdlet).Distinct().OrderBy(c => c));
            Assert.NotEmpty(CompletingParameters);
        }

        [Theory]
        [MemberData(nameof(CompletingParameters))]
        public void An_empty_word_completes_to_every_value(string cmdlet, string parameter)
        {
            var expected = Expected(Property(cmdlet, parameter))!;
            var results = Complete($"{cmdlet} -{parameter} ");
            Assert.Equal(expected.OrderBy(v => v, StringComparer.OrdinalIgnoreCase), results.Select(Unquoted).OrderBy(v => v, StringComparer.OrdinalIgnoreCase));
            Assert.All(results, r => Assert.False(string.IsNullOrWhiteSpace(r.ToolTip)));
        }

        /// <summary>The completing parameters with values to start a word of (the serial ports of a machine without any have none).</summary>
        public static TheoryData<string, string> ParametersWithValues
        {
            get
            {
                var data = new TheoryData<string, string>();
                foreach (var (cmdlet, property) in Parameters().Where(p => Expected(p.Property) is { Count: > 0 }))
                    data.Add(cmdlet, property.Name);
                return data;
            }
        }

        [Theory]
        [MemberData(nameof(ParametersWithValues))]
        public void A_started_word_completes_to_the_values_it_starts(string cmdlet, string parameter)
        {
            var expected = Expected(Property(cmdlet, parameter))!;
            var value = expected.OrderByDescending(v => v.Length).First();
            var word = value.Substring(0, value.Length - 1);
            var results = Complete($"{cmdlet} -{parameter} {word}").Select(Unquoted).ToList();
            Assert.Contains(value, results);
            Assert.All(results, r => Assert.StartsWith(word, r, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(expected.Where(v => v.StartsWith(word, StringComparison.OrdinalIgnoreCase)).OrderBy(v => v), results.OrderBy(v => v));
        }

        [Fact]
        public void Device_names_complete_without_the_STM32_prefix_and_by_wildcard()
        {
            Assert.Equal(new[] { "STM32L552" }, Complete("Connect-Stm32 -Simulator l55").Select(Unquoted));
            Assert.Equal(new[] { "STM32L552" }, Complete("Connect-Stm32 -Simulator STM32l55").Select(Unquoted));
            var g4 = DeviceCatalog.All.Where(d => d.Series == "STM32G4").SelectMany(d => new[] { d.Name }.Concat(d.Aliases)).OrderBy(n => n);
            Assert.Equal(g4, Complete("Get-Stm32Device -Name *G4*").Select(Unquoted).OrderBy(n => n));
            Assert.Contains("STM32F103x8", Complete("Get-Stm32FlashPlan -Device F103").Select(Unquoted));
            Assert.Empty(Complete("Connect-Stm32 -Simulator XYZ"));
        }

        [Theory]
        [InlineData("STM32H750")]
        [InlineData("STM32H742")]
        [InlineData("STM32F103xC")]
        public void Parts_that_are_not_aliases_are_not_offered(string word)
        {
            Assert.Empty(Complete($"Connect-Stm32 -Simulator {word}"));
            Assert.Empty(Complete($"Get-Stm32Device -Name {word}"));
        }

        [Fact]
        public void Product_ids_complete_with_or_without_0x_and_name_their_devices()
        {
            var results = Complete("Get-Stm32Device -ProductId 46");
            Assert.Equal(new[] { "0x460", "0x461", "0x462", "0x463", "0x464", "0x466", "0x467", "0x468", "0x469" }, results.Select(Unquoted).OrderBy(v => v));
            Assert.Contains("STM32G474", results.Single(r => r.CompletionText == "0x469").ToolTip);
            Assert.Equal(new[] { "0x472" }, Complete("Get-Stm32Device -ProductId 0x472").Select(Unquoted));
            Assert.Equal(new[] { "0x470", "0x471", "0x472", "0x474", "0x476", "0x478", "0x479", "0x47A" }, Complete("Get-Stm32Device -ProductId 0x47").Select(Unquoted).OrderBy(v => v));
        }

        [Fact]
        public void Every_completed_device_name_and_product_id_is_accepted_by_the_cmdlets()
        {
            foreach (var name in Complete("Get-Stm32Device -Name ").Select(Unquoted))
                Assert.Single(_ps.Run("Get-Stm32Device -Name $args[0]", name).AssertNoErrors().Objects<DeviceInfo>());
            foreach (var id in Complete("Get-Stm32Device -ProductId ").Select(r => r.CompletionText))
                Assert.NotEmpty(_ps.Run($"Get-Stm32Device -ProductId {id}").AssertNoErrors().Objects<DeviceInfo>());
        }

        [Theory]
        [InlineData("Connect-Stm32 -Port ")]
        [InlineData("Start-Stm32Simulator -Device STM32G474 -Port ")]
        public void A_port_completes_to_the_ports_the_machine_lists_filtered_by_the_word(string command)
        {
            // A machine without serial ports lists none, so the ports here are given to the completer's source.
            var source = Module.GetType("Stm32Flash.Completion.SerialPortCompleter")!.GetProperty("PortSource", BindingFlags.NonPublic | BindingFlags.Static)!;
            var machine = (Func<IReadOnlyList<string>>)source.GetValue(null)!;
            Assert.Equal("Stm32Flash.Targets.Usart.SerialLinks.PortNames", $"{machine.Method.DeclaringType!.FullName}.{machine.Method.Name}");
            Assert.Equal(System.IO.Ports.SerialPort.GetPortNames().OrderBy(p => p), machine().OrderBy(p => p));
            source.SetValue(null, (Func<IReadOnlyList<string>>)(() => new[] { "/dev/ttyACM0", "/dev/ttyUSB3", "COM12" }));
            try
            {
                var all = Complete(command);
                Assert.Equal(new[] { "/dev/ttyACM0", "/dev/ttyUSB3", "COM12" }.OrderBy(p => p), all.Select(Unquoted).OrderBy(p => p));
                Assert.Equal("serial port /dev/ttyUSB3", all.Single(r => Unquoted(r) == "/dev/ttyUSB3").ToolTip);
                Assert.Equal(new[] { "COM12" }, Complete(command + "com").Select(Unquoted));
                var usb = Complete(command + "/dev/ttyU").Select(Unquoted).ToList();
                Assert.Contains("/dev/ttyUSB3", usb);
                Assert.DoesNotContain("/dev/ttyACM0", usb);
            }
            finally
            {
                source.SetValue(null, machine);
            }
        }

        [Theory]
        [InlineData("Connect-Stm32 -Simulator STM32F030F4 -Interface ")]
        [InlineData("Connect-Stm32 -Port COM3 -Device STM32F030F4 -Interface ")]
        [InlineData("Get-Stm32FlashPlan -Device STM32F030F4 -Interface ")]
        public void Interface_completes_what_the_named_device_offers(string command)
        {
            Assert.Equal(new[] { "Jtag", "Swd", "Usart" }, Complete(command).Select(Unquoted).OrderBy(n => n));
            Assert.Equal(new[] { "Swd" }, Complete(command + "s").Select(Unquoted));
        }

        [Fact]
        public void An_unknown_interface_is_refused_with_the_names_it_may_be()
        {
            var error = Assert.Single(_ps.Run("Get-Stm32FlashPlan -Device STM32L552 -Interface Serial -InputObject @()").Errors);
            Assert.Contains("'Serial' is not an interface. Give one of Usart, I2c, Spi, Can, Dfu, Swd, Jtag", error.ToString());
        }

        [Fact]
        public void Interface_completes_the_interface_names_and_the_cli_words_are_accepted_too()
        {
            Assert.Equal(Enum.GetNames(typeof(TargetInterface)).OrderBy(n => n), Complete("Connect-Stm32 -Simulator STM32L552 -Interface ").Select(Unquoted).OrderBy(n => n));
            Assert.Equal(new[] { "I2c" }, Complete("Connect-Stm32 -Simulator STM32L552 -Interface I").Select(Unquoted));
            var session = _ps.Run("Connect-Stm32 -Simulator STM32L552 -Interface UART").AssertNoErrors().Output.Single();
            Assert.Equal(TargetInterface.Usart, session.Properties["Interface"].Value);
            _ps.Run("Disconnect-Stm32").AssertNoErrors();
        }
    }
}
