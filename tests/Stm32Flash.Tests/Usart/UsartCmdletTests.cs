using System;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>The module's own host through the cmdlets, against the simulator served on a socat pseudo-terminal pair.</summary>
    public class UsartCmdletTests
    {
        private static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            new Random(seed).NextBytes(b);
            return b;
        }

        [Fact]
        public void Connect_write_test_read_clear_and_disconnect_over_a_served_simulator()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            // A bootloader that lists Get Checksum (which the catalog confirms for no product yet), so the test verifies by CRC.
            var simulator = ps.Run("Start-Stm32Simulator -Device STM32G474 -Port $args[0] -Parity None -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]@{ Checksum = $true })",
                pty.DeviceEnd).AssertNoErrors().Single<UsartSimulator>();
            Assert.True(simulator.IsRunning);
            Assert.Equal(pty.DeviceEnd, simulator.Port);
            Assert.False(simulator.Paced);

            // The Session type lives in the module's Stm32Flash.dll, which the tests load only through Import-Module.
            var session = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors().Output.Single();
            Assert.Equal("STM32G474", ((DeviceInfo)session.Properties["Device"].Value).Name);
            Assert.Equal(TargetInterface.Usart, session.Properties["Interface"].Value);
            Assert.Contains(pty.HostEnd + " at 115200 8N1", (string)session.Properties["Description"].Value);
            var target = Assert.IsType<UsartBootloaderTarget>(session.Methods["GetTarget"].Invoke());
            Assert.True(target.Capabilities.CanChecksum);

            var first = Pattern(5000, 1);
            var second = Pattern(700, 2);
            var script = @"
                $segments = [Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]]$args[0]), [Stm32Flash.Segment]::new([uint32]0x08010004, [byte[]]$args[1])
                $segments | Write-Stm32Memory -PassThru | Test-Stm32Memory";
            var verified = ps.Run(script, first, second).AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(2, verified.Count);
            Assert.All(verified, v => Assert.True(v.Match));
            Assert.All(verified, v => Assert.Equal(VerifyMethod.DeviceCrc, v.Method));
            var flash = simulator.Simulation.FlashSnapshot();
            Assert.Equal(first, flash.AsSpan(0, first.Length).ToArray());
            Assert.Equal(second, flash.AsSpan(0x10004, second.Length).ToArray());

            var read = ps.Run("Read-Stm32Memory -Address 0x08010004 -Length $args[0]", second.Length).AssertNoErrors().Single<Segment>();
            Assert.Equal(second, read.Data);

            var cleared = ps.Run("Clear-Stm32Memory -All -Confirm:$false -PassThru").AssertNoErrors().Objects<AddressRange>().ToList();
            Assert.Equal(new[] { simulator.Device.Flash.Range }, cleared);
            Assert.Empty(simulator.Simulation.ExportFlash());

            ps.Run("Disconnect-Stm32").AssertNoErrors();
            Assert.False((bool)session.Properties["IsConnected"].Value);
            var stopped = ps.Run("Stop-Stm32Simulator -PassThru").AssertNoErrors().Single<UsartSimulator>();
            Assert.Same(simulator, stopped);
            Assert.False(simulator.IsRunning);
            Assert.True(simulator.Statistics.Commands > 10);
        }

        [Fact]
        public void After_stm32flash_wrote_the_image_the_modules_host_connects_to_the_same_served_device_and_tests_reads_writes_and_clears()
        {
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(DeviceCatalog.Get("STM32G474"), new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None));
            var image = Pattern(6 * 1024, 12);
            var file = pty.PathOf("image.bin");
            System.IO.File.WriteAllBytes(file, image);
            var write = Stm32Flash.Tests.Usart.Infrastructure.ExternalTool.Run("stm32flash", $"-m 8n1 -b 115200 -w {file} -v {pty.HostEnd}", TimeSpan.FromSeconds(60));
            Assert.True(write.ExitCode == 0, write.Text);
            var syncsByStm32flash = simulator.Statistics.Syncs;
            Assert.True(syncsByStm32flash >= 1);

            // Same served device, same pseudo-terminal; the bootloader is still synchronised from stm32flash's session.
            using var ps = new PsSession();
            var session = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors().Output.Single();
            Assert.Equal("STM32G474", ((DeviceInfo)session.Properties["Device"].Value).Name);

            var tested = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]]$args[0]) | Test-Stm32Memory", image).AssertNoErrors().Single<VerifyResult>();
            Assert.True(tested.Match);
            var read = ps.Run("Read-Stm32Memory -Address 0x08000000 -Length $args[0]", image.Length).AssertNoErrors().Single<Segment>();
            Assert.Equal(image, read.Data);

            var more = Pattern(2048, 13);
            var verified = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08004000, [byte[]]$args[0]) | Write-Stm32Memory -PassThru | Test-Stm32Memory", more)
                .AssertNoErrors().Single<VerifyResult>();
            Assert.True(verified.Match);
            var flash = simulator.Simulation.FlashSnapshot();
            Assert.Equal(image, flash.AsSpan(0, image.Length).ToArray());
            Assert.Equal(more, flash.AsSpan(0x4000, more.Length).ToArray());

            ps.Run("Clear-Stm32Memory -All -Confirm:$false").AssertNoErrors();
            Assert.Empty(simulator.Simulation.ExportFlash());
            ps.Run("Disconnect-Stm32").AssertNoErrors();
            Assert.Null(simulator.Failure);
        }

        [Fact]
        public void The_sample_image_goes_to_an_stm32l552_over_the_usart_host_in_one_pipeline()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            ps.SetLocation(Repo.Root);
            var simulator = ps.Run("Start-Stm32Simulator STM32L552 $args[0] -Parity None", pty.DeviceEnd).AssertNoErrors().Single<UsartSimulator>();
            ps.Run("$null = Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors();
            var results = ps.Run("Get-HexSegment samples/stm32l552-demo/demo.hex | Write-Stm32Memory -PassThru | Test-Stm32Memory").AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.True(r.Match));
            var segments = ps.Run("Get-HexSegment samples/stm32l552-demo/demo.hex").AssertNoErrors().Objects<Segment>().ToList();
            var flash = simulator.Simulation.FlashSnapshot();
            foreach (var s in segments.Where(s => simulator.Device.IsFlash(s.Range)))
                Assert.Equal(s.Data, flash.AsSpan((int)(s.Address - 0x08000000), s.Length).ToArray());
            ps.Run("Disconnect-Stm32; Stop-Stm32Simulator").AssertNoErrors();
        }

        [Fact]
        public void On_a_pseudo_terminal_both_commands_default_to_no_parity_and_odd_is_refused_alike()
        {
            using var pty = new SocatPair();
            Assert.True(PseudoTerminal.Is(pty.DeviceEnd));
            Assert.True(PseudoTerminal.Is(pty.HostEnd));
            Assert.False(PseudoTerminal.Is("/dev/null"));
            Assert.False(PseudoTerminal.Is(pty.PathOf("no-such-port")));

            using var ps = new PsSession();
            var odd = ps.Run("Start-Stm32Simulator STM32G474 $args[0] -Parity Odd", pty.DeviceEnd);
            Assert.Equal("InvalidParity,Stm32Flash.Commands.StartStm32SimulatorCommand", odd.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("even parity", odd.Errors.Single().ToString());
            Assert.Equal("InvalidParity,Stm32Flash.Commands.ConnectStm32Command",
                ps.Run("Connect-Stm32 -Port $args[0] -Parity Odd", pty.HostEnd).Errors.Single().FullyQualifiedErrorId);

            // No -Parity: None on both pseudo-terminal ends (Even would not open: PortOpenFailed).
            var simulator = ps.Run("Start-Stm32Simulator STM32G474 $args[0]", pty.DeviceEnd).AssertNoErrors().Single<UsartSimulator>();
            var session = ps.Run("Connect-Stm32 -Port $args[0]", pty.HostEnd).AssertNoErrors().Output.Single();
            Assert.Contains("8N1", (string)session.Properties["Description"].Value);
            Assert.Contains("8N1", simulator.ToString());
            ps.Run("Disconnect-Stm32; Stop-Stm32Simulator").AssertNoErrors();
        }

        [Fact]
        public void Odd_parity_is_refused_before_the_port_is_opened()
        {
            using var ps = new PsSession();
            var result = ps.Run("Connect-Stm32 -Port /dev/null -Parity Odd");
            Assert.Equal("InvalidParity,Stm32Flash.Commands.ConnectStm32Command", result.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("even parity", result.Errors.Single().ToString());
        }

        [Fact]
        public void A_bootloader_without_get_checksum_is_verified_by_reading_back_and_a_rewrite_of_one_page_is_incremental()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            var simulator = ps.Run("Start-Stm32Simulator STM32F405 $args[0] -Parity None", pty.DeviceEnd).AssertNoErrors().Single<UsartSimulator>();
            ps.Run("$null = Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors();
            var image = Pattern(40 * 1024, 3);
            var results = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]]$args[0]) | Write-Stm32Memory -PassThru | Test-Stm32Memory", image)
                .AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.True(results.Single().Match);
            Assert.Equal(VerifyMethod.ReadBack, results.Single().Method);

            // One byte changed in the third 16 KiB sector: -Incremental leaves the first two sectors alone.
            image[0x8000 + 10] ^= 0xFF;
            var device = simulator.Simulation;
            var sectors = new[] { 0, 1, 2 };
            Assert.All(sectors, n => Assert.Equal(1, device.EraseCount(n)));
            var programsBefore = sectors.Select(device.ProgramCount).ToArray();
            Assert.Equal(new[] { 16 * 1024, 16 * 1024, 8 * 1024 }.Select(n => n / device.ProgramUnit), programsBefore);
            ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]]$args[0]) | Write-Stm32Memory -Incremental -Verify", image).AssertNoErrors();
            Assert.Equal(image, device.FlashSnapshot().AsSpan(0, image.Length).ToArray());
            // Sectors 0 and 1 were neither erased nor written again; sector 2 (8 KiB of the image) was erased once more and programmed again.
            Assert.Equal(new[] { 1, 1, 2 }, sectors.Select(device.EraseCount));
            Assert.Equal(new[] { programsBefore[0], programsBefore[1], 2 * programsBefore[2] }, sectors.Select(device.ProgramCount));
            ps.Run("Disconnect-Stm32; Stop-Stm32Simulator").AssertNoErrors();
        }

        [Fact]
        public void Stopping_the_pipeline_cancels_a_mass_erase_waiting_for_its_answer()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            // The simulated device loses the mass erase (the first operation after connecting, which reads the flash size and
            // the option bytes) and never answers it; the host would wait 35 s, three times.
            var massErase = ServedDevice.AfterConnect("STM32G474", 1);
            var simulator = ps.Run("Start-Stm32Simulator STM32G474 $args[0] -Parity None -SimulatorOptions ([Stm32Flash.Targets.Simulation.SimulatorOptions]::new().WithFault($args[1], 'Drop'))",
                pty.DeviceEnd, massErase).AssertNoErrors().Single<UsartSimulator>();
            ps.Run("$null = Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors();

            using var erase = System.Management.Automation.PowerShell.Create();
            erase.Runspace = ps.Runspace;
            erase.AddScript("Clear-Stm32Memory -All -Confirm:$false");
            var running = erase.BeginInvoke();
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (simulator.GetTarget().OperationCount < massErase && deadline.Elapsed < TimeSpan.FromSeconds(10)) System.Threading.Thread.Sleep(5);
            Assert.Equal(massErase, simulator.GetTarget().OperationCount);
            var stopper = new System.Threading.Thread(erase.Stop);
            stopper.Start();
            Assert.True(stopper.Join(TimeSpan.FromSeconds(15)), "the pipeline did not stop");
            Assert.Throws<PipelineStoppedException>(() => erase.EndInvoke(running));

            var data = Pattern(256, 7);
            ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]]$args[0]) | Write-Stm32Memory", data).AssertNoErrors();
            Assert.Equal(data, simulator.Simulation.FlashSnapshot().AsSpan(0, 256).ToArray());
            ps.Run("Disconnect-Stm32; Stop-Stm32Simulator").AssertNoErrors();
        }

        [Fact]
        public void A_pseudo_terminal_with_even_parity_stated_is_refused_with_what_to_do()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            var host = ps.Run("Connect-Stm32 -Port $args[0] -Parity Even", pty.HostEnd);
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.ConnectStm32Command", host.Errors.Single().FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OpenError, host.Errors.Single().CategoryInfo.Category);
            Assert.Contains("-Parity None", host.Errors.Single().ErrorDetails.RecommendedAction);

            var device = ps.Run("Start-Stm32Simulator STM32G474 $args[0] -Parity Even", pty.DeviceEnd);
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.StartStm32SimulatorCommand", device.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("even parity", device.Errors.Single().ToString());
            Assert.Contains("-Parity None", device.Errors.Single().ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_port_a_simulator_serves_is_refused_to_a_second_simulator_and_to_a_host()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            ps.Run("$null = Start-Stm32Simulator STM32G474 $args[0]", pty.DeviceEnd).AssertNoErrors();

            var second = ps.Run("Start-Stm32Simulator STM32F405 $args[0]", pty.DeviceEnd);
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.StartStm32SimulatorCommand", second.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("in use", second.Errors.Single().ToString());
            var host = ps.Run("Connect-Stm32 -Port $args[0]", pty.DeviceEnd);
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.ConnectStm32Command", host.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("in use", host.Errors.Single().ToString());
            Assert.Contains("Stop-Stm32Simulator", host.Errors.Single().ErrorDetails.RecommendedAction);

            // The first simulator still has the line to itself.
            var session = ps.Run("(Connect-Stm32 -Port $args[0]).Device.Name; Disconnect-Stm32", pty.HostEnd);
            session.AssertNoErrors();
            Assert.Equal("STM32G474", session.Output.Single().BaseObject);
            ps.Run("Stop-Stm32Simulator").AssertNoErrors();
            ps.Run("$null = Start-Stm32Simulator STM32F405 $args[0]; Stop-Stm32Simulator", pty.DeviceEnd).AssertNoErrors();
        }

        [Fact]
        public void A_port_that_does_not_exist_or_a_device_that_does_not_answer_is_a_specific_error()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            var missing = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.PathOf("nothing-here"));
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.ConnectStm32Command", missing.Errors.Single().FullyQualifiedErrorId);
            Assert.Contains("no such port", missing.Errors.Single().ToString());
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.Errors.Single().CategoryInfo.Category);
            var missingDevice = ps.Run("Start-Stm32Simulator STM32G474 $args[0]", pty.PathOf("no-device-here"));
            Assert.Equal(ErrorCategory.ObjectNotFound, missingDevice.Errors.Single().CategoryInfo.Category);
            Assert.Contains("press Tab", missing.Errors.Single().ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("dialout", missing.Errors.Single().ToString());

            var silent = ps.Run("Connect-Stm32 -Port $args[0] -Parity None -TimeoutSeconds 0.05", pty.HostEnd);
            var error = silent.Errors.Single();
            Assert.Equal("DeviceTimeout,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Contains("BOOT0", error.ErrorDetails.RecommendedAction);
            Assert.Contains(pty.HostEnd, error.ErrorDetails.Message);
        }

        [Theory]
        [InlineData("file", "it is a regular file, not a serial port.")]
        [InlineData("folder", "it is a folder, not a serial port.")]
        [InlineData("/dev/null", "it is a device that is not a terminal, so not a serial port.")]
        public void A_path_that_is_not_a_serial_port_is_named_as_such_not_as_access_denied(string what, string reason)
        {
            using var temp = new TempFolder();
            var port = what == "file" ? temp.Write("port", "not a port") : what == "folder" ? temp.Path : what;
            using var ps = new PsSession();
            var error = ps.Run("Connect-Stm32 -Port $args[0]", port).Errors.Single();
            Assert.Equal("PortOpenFailed,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Equal($"Cannot open {port}: {reason}", error.ToString());
            Assert.DoesNotContain("dialout", error.ToString() + error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_device_the_catalog_does_not_know_is_named_by_its_product_id()
        {
            var g4 = DeviceCatalog.Get("STM32G474");
            var stranger = new DeviceInfo("STM32X999", Array.Empty<string>(), "STM32X", 0x999, g4.Flash, g4.ProgramUnit, g4.ErasedValue, g4.Ram,
                g4.BootloaderRam, g4.SystemMemory, g4.OptionBytes, g4.Limits);
            using var pty = new SocatPair();
            using var simulator = UsartSimulator.Start(new Stm32Flash.Targets.Simulation.SimulatedTarget(stranger),
                SerialLinks.OpenDeviceSide(new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None)), pty.DeviceEnd);
            using var ps = new PsSession();
            var result = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd);
            var error = result.Errors.Single();
            Assert.Equal("DeviceNotInCatalog,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Equal((ushort)0x999, error.TargetObject);
            Assert.Contains("0x999", error.ErrorDetails.Message);
            Assert.Matches(@"nearest known product IDs are 0x[0-9A-F]{3} \(STM32\w+, STM32\w+\)", error.ErrorDetails.Message);
            Assert.Contains("-DeviceDefinition", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void The_port_completer_offers_the_machines_ports()
        {
            // Paths (a socat pair's links) complete through Get-ChildItem, which this Core-only engine lacks:
            // tests/EndToEnd/Completion.Tests.ps1 completes them in a real pwsh.
            using var ps = new PsSession();
            var line = "Connect-Stm32 -Port ";
            var ports = ps.Run("[System.Management.Automation.CommandCompletion]::CompleteInput($args[0], $args[0].Length, $null).CompletionMatches | ForEach-Object CompletionText", line)
                .AssertNoErrors().Output.Select(o => o.ToString()).ToList();
            Assert.Equal(System.IO.Ports.SerialPort.GetPortNames().OrderBy(p => p, StringComparer.OrdinalIgnoreCase), ports);
        }

        [Fact]
        public void Removing_the_module_stops_its_simulators_and_the_port_loads_the_engines_system_io_ports()
        {
            using var pty = new SocatPair();
            using var ps = new PsSession();
            var simulator = ps.Run("Start-Stm32Simulator STM32G474 $args[0] -Parity None -Paced -LatencyMilliseconds 1", pty.DeviceEnd).AssertNoErrors().Single<UsartSimulator>();
            Assert.True(simulator.Paced);
            Assert.Equal(TimeSpan.FromMilliseconds(1), simulator.Latency);
            Assert.Contains("paced at 115200 baud (11 bits per byte), 1 ms latency", simulator.Link);
            var session = ps.Run("Connect-Stm32 -Port $args[0] -Parity None", pty.HostEnd).AssertNoErrors().Output.Single();
            Assert.Equal("STM32G474", ((DeviceInfo)session.Properties["Device"].Value).Name);
            // The module ships no System.IO.Ports of its own: the port runs on the engine's (10.0 here, as in PowerShell 7.6).
            var version = ps.Run("[System.IO.Ports.SerialPort].Assembly.GetName().Version.Major").AssertNoErrors().Single<int>();
            Assert.Equal(typeof(System.IO.Ports.SerialPort).Assembly.GetName().Version!.Major, version);
            Assert.True(version >= 9);
            ps.Run("Remove-Module Stm32Flash").AssertNoErrors();
            Assert.False(simulator.IsRunning);
        }
    }
}
