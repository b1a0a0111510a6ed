using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// Many boards at once: simulators served on socat pairs in this process, each paced as a line at a baud rate, and
    /// the same image flashed to them (parallel.ps1, in the pinned pwsh with the built module) by one board alone, all in
    /// turn, all at once in runspaces (samples/line/Invoke-Stm32Line.ps1), one Start-Job each, and one SSH remoting
    /// session each to sshd on loopback. Prints the scaling of parallel over sequential and the overhead per board of
    /// jobs and remoting over runspaces.
    /// </summary>
    internal sealed class ParallelBenchmark : IBenchmark
    {
        public string Name => "parallel";

        public string Description => "many boards on paced socat pairs: sequential, ForEach-Object -Parallel (the line script), Start-Job, SSH remoting to loopback";

        public string Usage => "[--boards 8] [--kib 64] [--baud 115200] [--device STM32G474] [--no-ssh]";

        public int Run(string[] args)
        {
            var boards = Options.Int(args, "--boards", 8);
            var kib = Options.Int(args, "--kib", 64);
            var baud = Options.Int(args, "--baud", 115200);
            var noSsh = Options.Flag(args, "--no-ssh");
            var deviceName = Options.Text(args, "--device", "STM32G474");
            var device = DeviceCatalog.Find(deviceName) ?? throw new BenchmarkException($"Unknown device '{deviceName}'.");
            if (boards < 2 || kib < 1 || (long)kib * 1024 > device.FlashSize || baud < 1200)
                throw new BenchmarkException($"--boards must be at least 2, --kib 1..{device.FlashSize / 1024}, --baud at least 1200.");
            var repo = FindRepo();
            if (!File.Exists(Path.Combine(repo, "out", "Stm32Flash", "Stm32Flash.psd1")) && !Directory.Exists(Path.Combine(repo, "out", "Stm32Flash")))
                throw new BenchmarkException("The module is not built: dotnet build src/Stm32Flash first.");

            var pairs = new List<SocatPair>();
            var simulators = new List<UsartSimulator>();
            try
            {
                for (var i = 0; i < boards; i++)
                {
                    var pair = new SocatPair();
                    pairs.Add(pair);
                    // A bootloader with Get Checksum, as the usart benchmark serves: verify does not read the image back.
                    simulators.Add(UsartSimulator.Start(device, new SerialLinkSettings(pair.DeviceEnd, baud, SerialParity.None),
                        new SimulatorOptions { Checksum = true }, paced: true));
                }
                var image = new byte[kib * 1024];
                new Random(0x5EED).NextBytes(image);
                var file = Path.Combine(pairs[0].Folder, "image.bin");
                File.WriteAllBytes(file, image);

                Console.WriteLine($"parallel benchmark: {boards} simulated {device.Name} served on socat pairs, each paced at {baud} baud (8E1), {kib} KiB each, verify by Get Checksum");
                Console.WriteLine($"machine: {Environment.ProcessorCount} cores; flows in pwsh (dotnet pwsh) with the built module, the simulators in this process");
                Console.WriteLine();
                var script = Path.Combine(repo, "bench", "Stm32Flash.Bench", "parallel.ps1");
                var ports = string.Join(",", pairs.Select(p => $"'{p.HostEnd}'"));
                var run = Tool.Run("dotnet", $"pwsh -NoProfile -NonInteractive -Command \"& '{script}' -Port {ports} -Image '{file}' -Repo '{repo}'{(noSsh ? " -NoSsh" : "")}\"",
                    TimeSpan.FromMinutes(30), repo);
                if (run.ExitCode != 0) throw new BenchmarkException($"parallel.ps1 failed:\n{run.Output}\n{run.Error}");
                var modes = run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("{", StringComparison.Ordinal))
                    .Select(l => JsonSerializer.Deserialize<Flow>(l)!).ToDictionary(m => m.Mode);
                foreach (var s in simulators)
                {
                    if (!s.Simulation.FlashSnapshot().AsSpan(0, image.Length).SequenceEqual(image))
                        throw new BenchmarkException($"A simulated {device.Name} does not hold the image after the runs.");
                }

                var one = modes["one"];
                var sequential = modes["sequential"];
                var parallel = modes["parallel"];
                Console.WriteLine($"one board:           {one.Seconds,7:F2} s wall ({one.Inside[0]:F2} s connect+write+verify)");
                Console.WriteLine($"sequential, {boards} boards: {sequential.Seconds,6:F2} s wall ({sequential.Inside.Average():F2} s per board)");
                Console.WriteLine($"parallel (runspaces): {parallel.Seconds,6:F2} s wall (boards {parallel.Inside.Min():F2}..{parallel.Inside.Max():F2} s)");
                Console.WriteLine($"scaling: sequential / parallel = {sequential.Seconds / parallel.Seconds:F2}x for {boards} boards (ideal {boards}x; " +
                                  $"{boards} x one board / parallel = {boards * one.Seconds / parallel.Seconds:F2}x) on {Environment.ProcessorCount} cores");
                foreach (var name in new[] { "job", "ssh" })
                {
                    if (!modes.TryGetValue(name, out var m)) continue;
                    var label = name == "job" ? "Start-Job, one each" : "SSH remoting, one session each";
                    var extra = m.Seconds - parallel.Seconds;
                    Console.WriteLine($"{label + ":",-33} {m.Seconds,6:F2} s wall (boards {m.Inside.Min():F2}..{m.Inside.Max():F2} s where they ran); " +
                                      $"sequential / this = {sequential.Seconds / m.Seconds:F2}x; over runspaces +{extra:F2} s = {extra / boards:F2} s per board");
                }
                return 0;
            }
            finally
            {
                foreach (var s in simulators) s.Dispose();
                foreach (var p in pairs) p.Dispose();
            }
        }

        private sealed record Flow(string Mode, double Seconds, double[] Inside);

        private static string FindRepo()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Stm32Flash.psd1"))) return dir.FullName;
            }
            throw new BenchmarkException("Run the benchmark from the repository (Stm32Flash.psd1 not found above the program).");
        }
    }
}
