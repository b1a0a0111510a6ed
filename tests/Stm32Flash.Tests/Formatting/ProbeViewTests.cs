using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.CubeProgrammer;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>The views of what Get-Stm32Probe lists, rendered at 80 columns with the fake CubeProgrammer_API's two probes and DFU device.</summary>
    public class ProbeViewTests : FakeLibraryTest
    {
        public static readonly string[] Views = { "Stm32Flash.StLinkProbe", "Stm32Flash.StLinkProbe.List", "Stm32Flash.DfuDevice", "Stm32Flash.UsbDfuDevice" };

        private static string Render(int rank, string command)
        {
            using var folder = new TempFolder();
            var host = new TextHost(80);
            using var ps = rank == 0 ? new PsSession(host) : new PsSession(host, false, FormatFile.WriteRank(folder.Path, rank));
            try
            {
                if (rank > 0) ps.Run("Import-Module -Name $args[0] -ErrorAction Stop", Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll")).AssertNoErrors();
                ps.Run(command + " | Out-Host", Build.InstallFolder(FakeLibraryBuild.Default)).AssertNoErrors();
                var text = Regex.Replace(host.Take(), "\u001b\\[[0-9;]*m", "");
                Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 80, l));
                Assert.DoesNotContain("\u2026", text);
                return text;
            }
            finally
            {
                ps.Run("Get-Module Stm32Flash | Remove-Module");
            }
        }

        [Fact]
        public void Probes_and_dfu_devices_show_whole_within_80_columns()
        {
            Fake();
            var table = Render(0, "Get-Stm32Probe -ApiPath $args[0] -Kind StLink");
            Assert.All(new[] { "Index", "SerialNumber", "FirmwareVersion", "TargetVoltage", "IsBridge", "Board", "FAKESTLINK0000", "V3J15M7B5S1", "3.29", "NUCLEO-", "L552ZE-Q" },
                s => Assert.Contains(s, table));
            var list = Render(1, "Get-Stm32Probe -ApiPath $args[0] -Kind StLink");
            Assert.Contains("24000, 8000, 3300, 1000, 200, 50, 5", list);
            Assert.Contains("STLINK-V3SET", list);
            Assert.Equal(2, Regex.Matches(list, "^SerialNumber +: FAKESTLINK000", RegexOptions.Multiline).Count);
            var dfu = Render(0, "Get-Stm32Probe -ApiPath $args[0] -Kind Dfu");
            Assert.All(new[] { "UsbIndex", "USB1", "205F37A05140", "1.1A", "STM32  BOOTLOADER" }, s => Assert.Contains(s, dfu));
        }

        [Fact]
        public void Get_Stm32Probe_emits_the_types_it_declares()
        {
            Fake();
            using var ps = new PsSession();
            try
            {
                var declared = ps.Run("(Get-Command Get-Stm32Probe).OutputType | ForEach-Object { $_.Type }").AssertNoErrors().Output.Select(o => (System.Type)o.BaseObject).ToList();
                var output = ps.Run("Get-Stm32Probe -ApiPath $args[0]", Build.InstallFolder(FakeLibraryBuild.Default)).AssertNoErrors().Output;
                Assert.Equal(3, output.Count);
                Assert.All(output, o => Assert.Contains(declared, t => t.IsInstanceOfType(o.BaseObject)));
                // UsbDfuDevice comes from -Usb (tests/Stm32Flash.Tests/Dfu)
                Assert.Equal(declared.Where(t => t != typeof(Stm32Flash.Targets.Dfu.UsbDfuDevice)).OrderBy(t => t.Name), output.Select(o => o.BaseObject.GetType()).Distinct().OrderBy(t => t.Name));
            }
            finally
            {
                ps.Run("Get-Module Stm32Flash | Remove-Module");
            }
        }
    }
}
