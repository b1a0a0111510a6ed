using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Images;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// Flash planning against the segment count: sparse Intel HEX images (short records with gaps between them) of 8k to 64k
    /// segments, planned for several devices and options; printed is the time per size and its growth per doubling of the
    /// segment count, which stays near 2x for a planner that is linear (or n log n) and nears 4x for a quadratic one.
    /// </summary>
    internal sealed class PlanBenchmark : IBenchmark
    {
        public string Name => "plan";

        public string Description => "flash planning time against the segment count (growth per doubling)";

        public string Usage => "[--max-segments 65536] [--runs 7] [--case NAME]";

        private sealed class Case
        {
            public Case(string name, string title, string device, uint address, int recordLength, int gap, FlashPlanOptions options, bool execute = false)
            {
                Name = name;
                Title = title;
                Device = DeviceCatalog.Get(device);
                Address = address;
                RecordLength = recordLength;
                Gap = gap;
                Options = options;
                Execute = execute;
            }

            public string Name { get; }
            public string Title { get; }
            public DeviceInfo Device { get; }
            public uint Address { get; }
            public int RecordLength { get; }
            public int Gap { get; }
            public FlashPlanOptions Options { get; }
            public bool Execute { get; }

            /// <summary>The most segments that fit in the memory the case writes.</summary>
            public int Fits()
            {
                var region = Device.IsFlash(AddressRange.FromLength(Address, 1)) ? Device.Flash.Range : Device.Ram.First(r => r.Contains(Address));
                return (int)Math.Min(int.MaxValue, (region.End - Address) / (ulong)(RecordLength + Gap));
            }
        }

        private static readonly Case[] Cases =
        {
            new Case("h743", "STM32H743 over USART, 16-byte records 16 bytes apart: one merged block, a chunk per 256 bytes",
                "STM32H743", 0x08000000, 16, 16, new FlashPlanOptions()),
            new Case("l552", "STM32L552 over USART, 16-byte records 16 bytes apart: a block per segment",
                "STM32L552", 0x08000000, 16, 16, new FlashPlanOptions()),
            new Case("preserve", "STM32U575 over USART, -PreserveUnwritten: a block per page, a preserve step per gap",
                "STM32U575", 0x08000000, 16, 16, new FlashPlanOptions { PreserveUnwritten = true }),
            new Case("incremental", "STM32U575 over USART, -Incremental -Verify",
                "STM32U575", 0x08000000, 16, 16, new FlashPlanOptions { Incremental = true, Verify = true }),
            new Case("ram", "STM32U575 RAM over USART, 3-byte records 5 bytes apart: a block per segment, widened to a word (a preserve step each), run on the simulator",
                "STM32U575", 0x20004000, 3, 5, new FlashPlanOptions(), execute: true),
            new Case("write", "STM32U575 over USART, plan + text + run on the simulator (what Write-Stm32Memory -PassThru does)",
                "STM32U575", 0x08000000, 16, 16, new FlashPlanOptions(), execute: true),
        };

        public int Run(string[] args)
        {
            var maxSegments = Options.Int(args, "--max-segments", 65536);
            var runs = Options.Int(args, "--runs", 7);
            var only = Options.Text(args, "--case", "");
            if (maxSegments < 8 || runs < 1) throw new BenchmarkException("--max-segments must be at least 8 and --runs positive.");
            var cases = Cases.Where(c => only.Length == 0 || string.Equals(c.Name, only, StringComparison.OrdinalIgnoreCase)).ToList();
            if (cases.Count == 0) throw new BenchmarkException($"No case '{only}'; cases: {string.Join(", ", Cases.Select(c => c.Name))}.");

            Console.WriteLine($"Flash planning benchmark: best of {runs} run(s) per size (each after a full GC); images read from generated Intel HEX text");
            Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores");
            var worst = 0.0;
            var summary = new List<string>();
            foreach (var c in cases)
            {
                var top = Math.Min(maxSegments, c.Fits());
                var counts = new[] { top / 8, top / 4, top / 2, top };
                Console.WriteLine();
                Console.WriteLine($"{c.Name}: {c.Title}");
                Console.WriteLine(c.Execute
                    ? "  segments   plan ms   text ms    run ms   total ms (of it GC)   growth per doubling"
                    : "  segments   plan ms   text ms   total ms (of it GC)   growth per doubling");
                Measure(c, counts[0], 2);
                var previous = 0.0;
                var first = 0.0;
                var firstGc = 0.0;
                var lastGc = 0.0;
                foreach (var n in counts)
                {
                    var (plan, text, run, gc) = Measure(c, n, runs);
                    var total = plan + text + run;
                    var growth = previous > 0 ? total / previous : double.NaN;
                    if (previous == 0) (first, firstGc) = (total, gc);
                    lastGc = gc;
                    var growthText = double.IsNaN(growth) ? "" : $"{growth:F2}x";
                    Console.WriteLine(c.Execute
                        ? $"  {n,8} {plan,9:F1} {text,9:F1} {run,9:F1} {total,10:F1} ({gc,7:F1})   {growthText}"
                        : $"  {n,8} {plan,9:F1} {text,9:F1} {total,10:F1} ({gc,7:F1})   {growthText}");
                    previous = total;
                }
                // Over the whole range (8x the segments) the noise of single steps averages out.
                var overall = Math.Pow(previous / first, 1.0 / 3);
                var withoutGc = Math.Pow((previous - lastGc) / (first - firstGc), 1.0 / 3);
                worst = Math.Max(worst, overall);
                summary.Add($"  {c.Name,-12} {counts[0],6} -> {counts[3],6} segments: {first,8:F1} -> {previous,9:F1} ms, {overall:F2}x per doubling ({withoutGc:F2}x without GC pauses)");
            }
            Console.WriteLine();
            Console.WriteLine("growth per doubling over the whole range (cube root of the 8x step):");
            foreach (var line in summary) Console.WriteLine(line);
            Console.WriteLine($"largest: {worst:F2}x (target: about 2x, linear or n log n; a quadratic planner gives about 4x)");
            return 0;
        }

        // Milliseconds of planning, of the plan's text (Describe and every step's Detail), of running it and of the GC pauses
        // within them, from the run with the smallest total (the one least disturbed by other jobs on the machine).
        private static (double Plan, double Text, double Run, double Gc) Measure(Case c, int count, int runs)
        {
            var image = ImageReader.Read(SparseHex.Open(c.Address, count, c.RecordLength, c.Gap), null, "sparse.hex");
            if (image.Segments.Count != count) throw new BenchmarkException($"The generated image read back as {image.Segments.Count} segments, not {count}.");
            var best = (Plan: 0.0, Text: 0.0, Run: 0.0, Gc: 0.0);
            for (var i = 0; i < runs; i++)
            {
                using var target = new SimulatedTarget(c.Device, new SimulatorOptions { Interface = TargetInterface.Usart });
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var paused = GC.GetTotalPauseDuration();
                var watch = Stopwatch.StartNew();
                var plan = FlashPlanner.Plan(image.Segments, target, c.Options);
                var planMs = watch.Elapsed.TotalMilliseconds;

                watch.Restart();
                var length = plan.Describe().Length + plan.ToString().Length;
                foreach (var step in plan.Steps) length += step.Detail.Length;
                var textMs = watch.Elapsed.TotalMilliseconds;
                if (length == 0) throw new BenchmarkException("The plan has no text.");

                var runMs = 0.0;
                if (c.Execute)
                {
                    watch.Restart();
                    new FlashExecutor(target).Execute(plan);
                    var written = plan.Blocks.Select(b => b.ToSegment($"written: block {b.Number}")).ToList();
                    runMs = watch.Elapsed.TotalMilliseconds;
                    if (i == 0) Check(c, image.Segments, target, written.Count);
                }
                var gcMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
                if (i == 0 || planMs + textMs + runMs < best.Plan + best.Text + best.Run) best = (planMs, textMs, runMs, gcMs);
            }
            return best;
        }

        // The device holds every segment's bytes afterwards (and, in flash, the erased value in the gaps).
        private static void Check(Case c, IReadOnlyList<Segment> segments, SimulatedTarget target, int written)
        {
            var first = segments[0].Address;
            var span = new byte[segments[segments.Count - 1].EndAddress - first];
            target.Simulation.Read(first, span);
            var expected = Enumerable.Repeat(c.Device.ErasedValue, span.Length).ToArray();
            foreach (var s in segments) Array.Copy(s.Data, 0, expected, s.Address - first, s.Length);
            var inFlash = c.Device.IsFlash(AddressRange.FromLength(first, 1));
            var same = inFlash
                ? expected.AsSpan().SequenceEqual(span)
                : segments.All(s => s.Data.AsSpan().SequenceEqual(span.AsSpan((int)(s.Address - first), s.Length)));
            if (!same || written != segments.Count) throw new BenchmarkException("The simulated device does not hold the image after the write.");
        }
    }
}
