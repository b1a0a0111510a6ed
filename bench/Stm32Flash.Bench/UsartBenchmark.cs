using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// USART bootloader speed on one paced line: the simulator served on a socat pseudo-terminal pair, delivering bytes at a
    /// baud rate with 8E1 framing (11 bits per byte), against stm32flash -w image -v (write, verify by reading back) and
    /// the module's host as Connect-Stm32 -Port, Write-Stm32Memory and Test-Stm32Memory run it (verify by Get Checksum);
    /// then a re-flash with one page changed, with -Incremental.
    /// </summary>
    internal sealed class UsartBenchmark : IBenchmark
    {
        private const uint FlashBase = 0x08000000;
        private const int Seed = 0x5EED;

        public string Name => "usart";

        public string Description => "USART bootloader on a paced socat pair: stm32flash -w -v against Write-Stm32Memory + Test-Stm32Memory, and -Incremental";

        public string Usage => "[--kib 256] [--baud 115200] [--device STM32G474] [--latency-ms 0] [--raw-host]";

        public int Run(string[] args)
        {
            var kib = Options.Int(args, "--kib", 256);
            var baud = Options.Int(args, "--baud", 115200);
            var latencyMs = Options.Int(args, "--latency-ms", 0);
            var deviceName = Text(args, "--device", "STM32G474");
            var rawHost = Options.Flag(args, "--raw-host");
            var device = DeviceCatalog.Find(deviceName) ?? throw new BenchmarkException($"Unknown device '{deviceName}'.");
            if (kib < 1 || (long)kib * 1024 > device.FlashSize) throw new BenchmarkException($"--kib must be 1..{device.FlashSize / 1024} for {device.Name}.");
            if (!Tool.Exists("stm32flash")) throw new BenchmarkException("stm32flash is not installed (apt-get install stm32flash).");

            var image = new byte[kib * 1024];
            new Random(Seed).NextBytes(image);
            var page = device.Flash.PageAt(FlashBase + (uint)(image.Length / 2))!;
            var changed = (byte[])image.Clone();
            for (var i = 0; i < 64; i++) changed[page.Address - FlashBase + 100 + i] ^= 0x5A;

            using var pty = new SocatPair();
            var file = Path.Combine(pty.Folder, "image.bin");
            File.WriteAllBytes(file, image);
            var latency = TimeSpan.FromMilliseconds(latencyMs);
            using var simulator = UsartSimulator.Start(device, new SerialLinkSettings(pty.DeviceEnd, baud, SerialParity.None), paced: true, latency: latency);
            var raw = baud / 11.0;
            var ceiling = raw * 256 / 268;
            Console.WriteLine($"USART benchmark: {kib} KiB image, simulated {device.Name} (bootloader {simulator.Profile}), served on a socat pair");
            Console.WriteLine($"line: {baud} baud, 8E1 pacing (11 bits per byte) = {raw:N0} B/s raw; {latencyMs} ms latency per answer");
            Console.WriteLine($"      protocol ceiling for 256-byte Write Memory (265 bytes sent + 3 ACKs per block) = {ceiling:N0} B/s");
            Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores");
            Console.WriteLine();

            // stm32flash: erase the touched pages, write 256-byte blocks, read each block back to verify.
            simulator.ResetDevice();
            var peer = Tool.Run("stm32flash", $"-m 8n1 -b {baud} -w {file} -v {pty.HostEnd}", TimeSpan.FromMinutes(10));
            if (peer.ExitCode != 0) throw new BenchmarkException($"stm32flash failed:\n{peer.Output}\n{peer.Error}");
            Check(simulator, image, "stm32flash");
            Console.WriteLine($"{peer.Output.Split('\n')[0].Trim()} -w -v (erase, write, read back): {peer.Elapsed.TotalSeconds:F2} s (the whole process, connecting included)");

            // Ours, as Connect-Stm32 -Port | Write-Stm32Memory | Test-Stm32Memory.
            simulator.Simulation.MassErase();
            simulator.ResetDevice();
            var total = Stopwatch.StartNew();
            using var target = Connect(pty.HostEnd, baud, rawHost);
            var connect = total.Elapsed;
            var segments = new[] { new Segment(FlashBase, image) };
            var write = Time(() => new FlashExecutor(target).Execute(FlashPlanner.Plan(segments, target)));
            var verify = Time(() =>
            {
                if (!MemoryVerifier.Verify(target, segments[0]).Match) throw new BenchmarkException("Test-Stm32Memory found a difference.");
            });
            total.Stop();
            Check(simulator, image, "Write-Stm32Memory");
            var ours = connect + write + verify;
            Console.WriteLine($"ours: connect {connect.TotalSeconds:F2} s + write {write.TotalSeconds:F2} s + verify (Get Checksum) {verify.TotalSeconds:F2} s = {ours.TotalSeconds,5:F2} s");
            Console.WriteLine($"      over {(rawHost ? "raw termios (PosixTtyLink)" : "System.IO.Ports (as Connect-Stm32 -Port)")}");

            // One page changed: -Incremental compares each page by Get Checksum and rewrites the one that differs.
            var incremental = Time(() => new FlashExecutor(target).Execute(FlashPlanner.Plan(new[] { new Segment(FlashBase, changed) }, target,
                new FlashPlanOptions { Incremental = true })));
            Check(simulator, changed, "Write-Stm32Memory -Incremental");
            Console.WriteLine($"ours: re-flash with one {device.Flash.UnitName} changed, -Incremental: {incremental.TotalSeconds:F2} s");
            Console.WriteLine();

            var writeRate = image.Length / write.TotalSeconds;
            Console.WriteLine($"write+verify: stm32flash / ours = {peer.Elapsed.TotalSeconds / ours.TotalSeconds:F2}x faster (target >= 1.8x)");
            Console.WriteLine($"write: {writeRate:N0} B/s = {writeRate / raw:P1} of the raw byte rate, {writeRate / ceiling:P1} of the protocol ceiling (target >= 95%)");
            Console.WriteLine($"re-flash of one {device.Flash.UnitName}: full write / incremental = {write.TotalSeconds / incremental.TotalSeconds:F1}x faster (target >= 20x)");
            Console.WriteLine($"server: {simulator.Statistics}; host retries: {target.Retries}");
            return 0;
        }

        private static UsartBootloaderTarget Connect(string port, int baud, bool rawHost)
        {
            var settings = new SerialLinkSettings(port, baud, SerialParity.None);
            return UsartBootloaderTarget.Connect(rawHost ? PosixTtyLink.Open(settings) : SerialLinks.OpenPort(settings));
        }

        private static void Check(UsartSimulator simulator, byte[] image, string who)
        {
            if (!simulator.Simulation.FlashSnapshot().AsSpan(0, image.Length).SequenceEqual(image))
                throw new BenchmarkException($"After {who}, the simulated flash does not hold the image.");
        }

        private static string Text(string[] args, string name, string fallback)
        {
            var i = Array.FindIndex(args, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) return fallback;
            if (i + 1 >= args.Length) throw new BenchmarkException($"{name} needs a value.");
            return args[i + 1];
        }

        private static TimeSpan Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed;
        }
    }
}
