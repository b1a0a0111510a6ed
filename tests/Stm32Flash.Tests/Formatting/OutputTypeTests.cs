using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Help;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>Every cmdlet declares [OutputType], every declared type has a view (or a reason not to), and what the cmdlets emit is what they declare.</summary>
    [Collection(CubeProgrammer.ProcessStateCollection.Name)] // Add-Stm32Device changes the process's catalog for a moment
    public class OutputTypeTests
    {
        /// <summary>Declared output types that need no view of the module's own.</summary>
        private static readonly Dictionary<Type, string> NoViewNeeded = new Dictionary<Type, string>
        {
            [typeof(bool)] = "Test-Stm32Memory -Quiet answers True or False, which PowerShell shows as is",
            [typeof(FileInfo)] = "Export-HexSegment -PassThru returns the file, which PowerShell's FileSystem views show",
            [typeof(string)] = "Get-Stm32Device -AsDefinition returns the JSON text of a definition, which PowerShell shows as is",
        };

        /// <summary>Cmdlets whose output is checked elsewhere, and where.</summary>
        private static readonly Dictionary<string, string> CheckedElsewhere = new Dictionary<string, string>
        {
            ["Get-Stm32Probe"] = "needs CubeProgrammer_API: ProbeViewTests checks its output over the fake library",
        };

        /// <summary>Pipelines that end in the cmdlet, run in this order in one runspace on the simulated STM32L552.</summary>
        private static readonly (string Cmdlet, string Script)[] Samples =
        {
            ("Start-Stm32Simulator", "Start-Stm32Simulator -Device STM32G474 -Port $ptyDevice -Parity None"),
            ("Connect-Stm32", "Connect-Stm32 -Port $ptyHost -Parity None"),
            ("Disconnect-Stm32", "Disconnect-Stm32 -PassThru"),
            ("Stop-Stm32Simulator", "Stop-Stm32Simulator -PassThru"),
            ("Get-Stm32Device", "Get-Stm32Device"),
            ("Get-Stm32Device", "Get-Stm32Device -ProductId 0x472"),
            ("Get-Stm32Device", "Get-Stm32Device STM32G474 -AsDefinition"),
            ("Add-Stm32Device", "$file = [System.IO.Path]::Combine($args[0], 'x4f0.json'); (Get-Stm32Device STM32G474 -AsDefinition) -replace '\"STM32G474\"', '\"STM32X4F0\"' -replace '\"0x469\"', '\"0x4F0\"' -replace '\"aliases\": \\[[^\\]]*\\]', '\"aliases\": []' | ForEach-Object { [System.IO.File]::WriteAllText($file, $_) }; Add-Stm32Device $file; [Stm32Flash.Devices.DeviceCatalog]::ResetAdded()"),
            ("Connect-Stm32", "Connect-Stm32 -Simulator STM32L552"),
            ("Get-HexSegment", "Get-HexSegment ./samples/stm32l552-demo/demo.hex"),
            ("New-HexSegment", "New-HexSegment -Address 0x90000000 -UInt32 0x12345678"),
            ("Export-HexSegment", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Export-HexSegment -Path ([System.IO.Path]::Combine($args[0], 'demo.srec')) -PassThru"),
            ("Get-Stm32FlashPlan", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Get-Stm32FlashPlan -Pad 8 -Incremental -PreserveUnwritten -Verify"),
            ("Get-Stm32FlashPlan", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Get-Stm32FlashPlan -Device STM32F405 -AsPlan"),
            ("Write-Stm32Memory", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Write-Stm32Memory -Pad 8 -PassThru"),
            ("Test-Stm32Memory", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Test-Stm32Memory"),
            ("Test-Stm32Memory", "Get-HexSegment ./samples/stm32l552-demo/demo.hex | Test-Stm32Memory -Quiet"),
            ("Read-Stm32Memory", "Read-Stm32Memory -Address 0x08000000 -Length 64"),
            ("Clear-Stm32Memory", "Clear-Stm32Memory -Address 0x08000000 -Length 4096 -PassThru -Confirm:$false"),
            ("Clear-Stm32Memory", "Clear-Stm32Memory -Bank 2 -PassThru -Confirm:$false"),
            ("Reset-Stm32", "Reset-Stm32 -PassThru"),
            ("Get-Stm32OptionByte", "Get-Stm32OptionByte"),
            ("Get-Stm32OptionByte", "Get-Stm32OptionByte -Raw"),
            ("Set-Stm32OptionByte", "Set-Stm32OptionByte -Name BOR_LEV -Value 2 -Confirm:$false -PassThru"),
            ("Protect-Stm32", "Protect-Stm32 -Page 3 -Confirm:$false -PassThru"),
            ("Unprotect-Stm32", "Unprotect-Stm32 -Write -Confirm:$false -PassThru"),
            ("Protect-Stm32", "Protect-Stm32 -Readout -Confirm:$false -PassThru"),
            ("Unprotect-Stm32", "Unprotect-Stm32 -Readout -Confirm:$false -PassThru"),
            ("Start-Stm32", "Start-Stm32 -Address 0x08000000 -PassThru"),
            ("Disconnect-Stm32", "Disconnect-Stm32 -PassThru"),
        };

        private static IReadOnlyList<Type> Declared(PsSession ps, string cmdlet) =>
            ps.Run("(Get-Command -Name $args[0]).OutputType | ForEach-Object { $_.Type }", cmdlet).AssertNoErrors()
                .Output.Select(o => (Type)o.BaseObject).ToList();

        private static bool HasView(Type type) =>
            FormatFile.Views.SelectMany(v => v.TypeNames).Any(name => name == type.FullName);

        [Fact]
        public void Every_cmdlet_declares_its_output_types_and_each_has_a_view_or_a_reason()
        {
            using var ps = new PsSession();
            Assert.All(HelpDocs.ExportedCmdlets, cmdlet =>
            {
                var types = Declared(ps, cmdlet);
                Assert.True(types.Count > 0, $"{cmdlet} has no [OutputType]");
                Assert.All(types, t => Assert.True(HasView(t) || NoViewNeeded.ContainsKey(t), $"{cmdlet} declares {t}, which has no view in Stm32Flash.format.ps1xml"));
            });
        }

        [Fact]
        public void What_each_cmdlet_emits_is_what_it_declares()
        {
            var sampled = Samples.Select(s => s.Cmdlet).Concat(CheckedElsewhere.Keys).Distinct().OrderBy(c => c);
            Assert.Equal(HelpDocs.ExportedCmdlets.OrderBy(c => c), sampled);

            using var folder = new TempFolder();
            using var pty = new Usart.Infrastructure.SocatPair();
            using var ps = new PsSession();
            ps.SetLocation(Repo.Root);
            ps.Run("$ptyDevice = $args[0]; $ptyHost = $args[1]", pty.DeviceEnd, pty.HostEnd).AssertNoErrors();
            foreach (var (cmdlet, script) in Samples)
            {
                var declared = Declared(ps, cmdlet);
                var output = ps.Run(script, folder.Path).AssertNoErrors().Output;
                Assert.True(output.Count > 0, $"{script} emitted nothing");
                Assert.All(output, o => Assert.True(declared.Any(t => t.IsInstanceOfType(o.BaseObject)),
                    $"{script} emitted a {o.BaseObject.GetType()}; {cmdlet} declares {string.Join(", ", declared)}"));
            }
        }
    }
}
