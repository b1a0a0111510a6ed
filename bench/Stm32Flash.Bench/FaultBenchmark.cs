using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// How the USART host copes with one fault per session: seeded trials of a multi-segment write + verify, each on its own
    /// socat pair with the simulator on one end and the host (as Connect-Stm32 -Port opens it) on the other, one
    /// <see cref="LineFault"/> striking at a random byte of the session. Each trial ends written and verified, with an error
    /// (which must describe the flash truly), silently corrupted, or hung.
    /// </summary>
    internal sealed class FaultBenchmark : IBenchmark
    {
        private const uint FlashBase = 0x08000000;
        private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

        public string Name => "faults";

        public string Description => "USART host under one injected line fault per session: written and verified, failed, corrupted, hung";

        public string Usage => "[--trials 200] [--seed 1] [--parallel 8] [--device STM32G474] [--kinds DropToDevice,...,DeviceRefuses] [--show-failures]";

        // Besides the line's faults: the device itself answers one operation with NACK and does nothing (a refused ACK).
        private const string DeviceRefuses = "DeviceRefuses";

        public int Run(string[] args)
        {
            var trials = Options.Int(args, "--trials", 200);
            var seed = Options.Int(args, "--seed", 1);
            var parallel = Options.Int(args, "--parallel", 8);
            var deviceName = Options.Text(args, "--device", "STM32G474");
            var kindsText = Options.Text(args, "--kinds", "");
            var all = Enum.GetNames<LineFaultKind>().Append(DeviceRefuses).ToArray();
            var kinds = kindsText.Length == 0 ? all : kindsText.Split(',')
                .Select(k => all.FirstOrDefault(a => string.Equals(a, k.Trim(), StringComparison.OrdinalIgnoreCase)) ?? throw new BenchmarkException($"Unknown fault kind '{k}'."))
                .ToArray();
            var showFailures = Options.Flag(args, "--show-failures");
            var device = DeviceCatalog.Find(deviceName) ?? throw new BenchmarkException($"Unknown device '{deviceName}'.");
            if (!Tool.Exists("socat")) throw new BenchmarkException("socat is not installed (apt-get install socat).");

            Console.WriteLine($"fault injection: {trials} trials, seed {seed}, simulated {device.Name} on socat pairs, host as Connect-Stm32 -Port " +
                $"(default timeouts and retries), {parallel} at a time; faults: {string.Join(", ", kinds)}");
            var watch = Stopwatch.StartNew();
            var outcomes = new Trial[trials];
            Parallel.For(0, trials, new ParallelOptions { MaxDegreeOfParallelism = parallel }, i =>
            {
                outcomes[i] = Trial.Run(device, seed, i, kinds[new Random(seed * 7919 + i).Next(kinds.Length)]);
            });
            watch.Stop();

            Console.WriteLine();
            Console.WriteLine($"{"fault",-18} {"trials",6} {"ok",5} {"failed",6} {"corrupt",7} {"hung",5} {"misdescribed",12}");
            foreach (var group in outcomes.GroupBy(o => o.Kind).OrderBy(g => Array.IndexOf(all, g.Key)))
                Console.WriteLine($"{group.Key,-18} {group.Count(),6} {group.Count(o => o.Outcome == Outcome.Ok),5} {group.Count(o => o.Outcome == Outcome.Failed),6} " +
                    $"{group.Count(o => o.Outcome == Outcome.Corrupt),7} {group.Count(o => o.Outcome == Outcome.Hung),5} {group.Count(o => o.Misdescribed != null),12}");
            var recoverable = outcomes.Where(o => o.Kind != nameof(LineFaultKind.Unplug)).ToList();
            var ok = recoverable.Count(o => o.Outcome == Outcome.Ok);
            Console.WriteLine();
            Console.WriteLine($"single-fault sessions written and verified without a user retry: {ok} of {recoverable.Count} " +
                $"({100.0 * ok / Math.Max(1, recoverable.Count):F1}%; unplugged links left out: {outcomes.Length - recoverable.Count}, " +
                $"of which {outcomes.Count(o => o.Kind == nameof(LineFaultKind.Unplug) && o.Outcome == Outcome.Failed && o.Misdescribed == null)} failed with a true account)");
            Console.WriteLine($"silent corruptions: {outcomes.Count(o => o.Outcome == Outcome.Corrupt)}; hangs: {outcomes.Count(o => o.Outcome == Outcome.Hung)}; " +
                $"errors that misdescribe the flash: {outcomes.Count(o => o.Misdescribed != null)}; faults that never struck: {outcomes.Count(o => !o.Struck)}");
            Console.WriteLine($"retries by the host: {outcomes.Sum(o => o.Retries)}; session time median {Median(outcomes.Select(o => o.Elapsed.TotalSeconds)):F2} s, " +
                $"max {outcomes.Max(o => o.Elapsed.TotalSeconds):F2} s; wall {watch.Elapsed.TotalSeconds:F0} s");
            foreach (var o in outcomes.Where(o => o.Outcome != Outcome.Ok && (showFailures || o.Outcome != Outcome.Failed || o.Misdescribed != null)))
            {
                Console.WriteLine();
                Console.WriteLine($"trial {o.Number}: {o.Outcome}, {o.Fault}{(o.Struck ? "" : " (never struck)")}, {o.Elapsed.TotalSeconds:F1} s");
                if (o.Misdescribed != null) Console.WriteLine("  misdescribed: " + o.Misdescribed);
                if (o.Error != null) Console.WriteLine("  " + o.Error.Replace("\n", "\n  "));
            }
            return outcomes.Any(o => o.Outcome == Outcome.Corrupt || o.Outcome == Outcome.Hung || o.Misdescribed != null) ? 1 : 0;
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
        }

        internal enum Outcome
        {
            Ok,
            Failed,
            Corrupt,
            Hung,
        }

        private sealed class Trial
        {
            public int Number { get; private init; }
            public string Kind { get; private init; } = "";
            public string Fault { get; private init; } = "";
            public Outcome Outcome { get; private set; }
            public bool Struck { get; private set; }
            public string? Error { get; private set; }
            public string? Misdescribed { get; private set; }
            public int Retries { get; private set; }
            public TimeSpan Elapsed { get; private set; }

            public static Trial Run(DeviceInfo device, int seed, int number, string kind)
            {
                var random = new Random(seed * 104729 + number);
                var segments = Image(device, random);
                // A session without the fault tells how many bytes, ACKs and device operations there are, so the fault can
                // strike anywhere.
                var clean = Session(device, segments, null, null);
                if (clean.Outcome != Outcome.Ok) throw new BenchmarkException($"trial {number}: the session fails without a fault: {clean.Error}");
                LineFault? line = null;
                SimulatedFault? refusal = null;
                if (kind == DeviceRefuses) refusal = new SimulatedFault(1 + (long)(random.NextDouble() * clean.Counts.Operations), FaultKind.Nack);
                else line = PlaceFault(Enum.Parse<LineFaultKind>(kind), random, clean.Counts);
                var trial = Session(device, segments, line, refusal);
                return new Trial
                {
                    Number = number,
                    Kind = kind,
                    Fault = line?.ToString() ?? $"the device refuses operation {refusal!.AtOperation} of {clean.Counts.Operations}",
                    Outcome = trial.Outcome,
                    Struck = trial.Struck,
                    Error = trial.Error,
                    Misdescribed = trial.Misdescribed,
                    Retries = trial.Retries,
                    Elapsed = trial.Elapsed,
                };
            }

            // 2 to 6 segments, 20 to 60 KiB in all, at word-aligned places in the first 256 KiB, some sharing a page.
            private static List<Segment> Image(DeviceInfo device, Random random)
            {
                var count = random.Next(2, 7);
                var total = random.Next(20 * 1024, 60 * 1024 + 1);
                var segments = new List<Segment>();
                var cursor = FlashBase + (uint)random.Next(0, 64) * 4;
                for (var i = 0; i < count; i++)
                {
                    var length = Math.Max(4, (total / count + random.Next(-1024, 1024)) & ~3);
                    var data = new byte[length];
                    random.NextBytes(data);
                    segments.Add(new Segment(cursor, data));
                    cursor += (uint)length + (uint)random.Next(0, 3) * (uint)random.Next(4, 2048) * 4;
                }
                if (cursor > device.Flash.BaseAddress + device.FlashSize) throw new BenchmarkException($"{device.Name} is too small for the trial images.");
                return segments;
            }

            private static LineFault PlaceFault(LineFaultKind kind, Random random, (long Host, long Device, long Acks, long Operations) counts)
            {
                var span = kind switch
                {
                    LineFaultKind.DropToHost or LineFaultKind.DamageToHost or LineFaultKind.InsertToHost => counts.Device,
                    LineFaultKind.AckDamagedToNack or LineFaultKind.LateAck => counts.Acks,
                    _ => counts.Host,
                };
                var position = (long)(random.NextDouble() * span);
                var value = (byte)random.Next(1, 256);
                var duration = kind == LineFaultKind.LateAck ? TimeSpan.FromMilliseconds(random.Next(1000, 3001))
                    : kind == LineFaultKind.BusyTarget ? TimeSpan.FromMilliseconds(random.Next(200, 2001)) : TimeSpan.Zero;
                return new LineFault(kind, position, value, duration);
            }

            private sealed record SessionResult(Outcome Outcome, bool Struck, string? Error, string? Misdescribed, int Retries, TimeSpan Elapsed,
                (long Host, long Device, long Acks, long Operations) Counts);

            private static SessionResult Session(DeviceInfo device, IReadOnlyList<Segment> segments, LineFault? fault, SimulatedFault? refusal)
            {
                using var pty = new SocatPair();
                var options = new SimulatorOptions { Interface = TargetInterface.Usart };
                if (refusal != null) options = options.WithFault(refusal.AtOperation, refusal.Kind);
                var target = new SimulatedTarget(device, options);
                var deviceEnd = new LineFaultLink(SerialLinks.OpenDeviceSide(new SerialLinkSettings(pty.DeviceEnd, 115200, SerialParity.None)), fault);
                using var simulator = UsartSimulator.Start(target, deviceEnd, pty.DeviceEnd);
                var watch = Stopwatch.StartNew();
                var retries = 0;
                string? error = null;
                IReadOnlyList<AddressRange>? claimedWritten = null;
                var work = Task.Run(() =>
                {
                    UsartBootloaderTarget? host = null;
                    try
                    {
                        host = UsartBootloaderTarget.Connect(SerialLinks.OpenPort(new SerialLinkSettings(pty.HostEnd, 115200, SerialParity.None)));
                        try
                        {
                            new FlashExecutor(host).Execute(FlashPlanner.Plan(segments, host));
                            for (var i = 0; i < segments.Count; i++)
                            {
                                var verify = MemoryVerifier.Verify(host, segments[i], i + 1);
                                if (!verify.Match) throw new InvalidOperationException($"Test-Stm32Memory: segment {i + 1} does not match at 0x{verify.FirstMismatch:X8}.");
                            }
                        }
                        finally
                        {
                            retries = host.Retries;
                        }
                    }
                    catch (FlashOperationException ex)
                    {
                        error = ex.Message;
                        claimedWritten = ex.Programmed;
                    }
                    catch (Exception ex) when (ex is TargetException || ex is InvalidOperationException || ex is System.IO.IOException)
                    {
                        error = ex.Message;
                    }
                    finally
                    {
                        host?.Dispose();
                    }
                });
                var finished = work.Wait(HangLimit);
                watch.Stop();
                var counts = (deviceEnd.HostBytes, deviceEnd.DeviceBytes, deviceEnd.Acks, target.OperationCount);
                var struck = fault is null ? refusal is null || target.OperationCount >= refusal.AtOperation : deviceEnd.Fired;
                if (!finished) return new SessionResult(Outcome.Hung, struck, null, null, retries, watch.Elapsed, counts);
                if (work.IsFaulted) throw work.Exception!.GetBaseException();
                var wrong = FirstWrongByte(target.Simulation, segments);
                if (error == null)
                {
                    return new SessionResult(wrong == null ? Outcome.Ok : Outcome.Corrupt, struck, wrong, null, retries, watch.Elapsed, counts);
                }
                var misdescribed = Misdescription(target.Simulation, segments, claimedWritten)
                    ?? (target.Simulation.ReadoutProtectionLevel == 0 && error.Contains("Readout protection", StringComparison.OrdinalIgnoreCase)
                        ? "the error blames readout protection, which is not active" : null);
                return new SessionResult(Outcome.Failed, struck, error, misdescribed, retries, watch.Elapsed, counts);
            }

            // The session said it was done: every byte of the image must be on the device.
            private static string? FirstWrongByte(SimulatedDevice device, IReadOnlyList<Segment> segments)
            {
                foreach (var segment in segments)
                {
                    var held = new byte[segment.Length];
                    device.Read(segment.Address, held);
                    for (var i = 0; i < held.Length; i++)
                    {
                        if (held[i] != segment.Data[i])
                            return $"0x{segment.Address + (uint)i:X8} holds 0x{held[i]:X2} where the image has 0x{segment.Data[i]:X2}";
                    }
                }
                return null;
            }

            // A failed write says which ranges it wrote: each must hold the image's bytes (where the image has any).
            private static string? Misdescription(SimulatedDevice device, IReadOnlyList<Segment> segments, IReadOnlyList<AddressRange>? written)
            {
                if (written == null) return null;
                foreach (var range in written)
                {
                    foreach (var segment in segments)
                    {
                        var start = Math.Max((ulong)range.Start, segment.Address);
                        var end = Math.Min(range.End, segment.EndAddress);
                        if (start >= end) continue;
                        var held = new byte[end - start];
                        device.Read((uint)start, held);
                        for (var i = 0; i < held.Length; i++)
                        {
                            var wanted = segment.Data[start - segment.Address + (ulong)i];
                            if (held[i] != wanted)
                                return $"the error says {range} was written, but 0x{start + (ulong)i:X8} holds 0x{held[i]:X2} where the image has 0x{wanted:X2}";
                        }
                    }
                }
                return null;
            }
        }
    }
}
