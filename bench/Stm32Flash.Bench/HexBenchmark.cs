using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Stm32Flash.Images;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// Intel HEX parsing throughput: Stm32Flash's reader in this process against <c>objcopy -I ihex -O binary</c> on
    /// the same generated file, alternately, with our peak memory measured against the payload.
    /// </summary>
    internal sealed class HexBenchmark : IBenchmark
    {
        private const uint BaseAddress = 0x08000000;
        private const ulong Seed = 0x5EED_1234_ABCD_0001UL;

        public string Name => "hex";

        public string Description => "Intel HEX parsing: ImageReader against objcopy -I ihex -O binary on the same file";

        public string Usage => "[--payload-mib 32] [--runs 5] [--record-length 32] [--keep]";

        public int Run(string[] args)
        {
            var payloadMib = Options.Int(args, "--payload-mib", 32);
            var runs = Options.Int(args, "--runs", 5);
            var recordLength = Options.Int(args, "--record-length", 32);
            var keep = Options.Flag(args, "--keep");
            if (payloadMib < 1 || runs < 1 || recordLength < 1 || recordLength > 255 || 65536 % recordLength != 0)
                throw new BenchmarkException("--payload-mib and --runs must be positive; --record-length must divide 65536 and be at most 255.");
            var objcopy = FindObjcopy();

            var folder = Path.Combine(Path.GetTempPath(), "stm32flash-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var hexPath = Path.Combine(folder, $"payload-{payloadMib}MiB.hex");
                var binPath = Path.Combine(folder, "objcopy.bin");
                var payload = (long)payloadMib << 20;
                var textBytes = Generate(hexPath, payload, recordLength);
                Console.WriteLine($"Intel HEX benchmark: {payloadMib} MiB payload at 0x{BaseAddress:X8}, {recordLength}-byte records, LF, seed 0x{Seed:X}");
                Console.WriteLine($"file: {hexPath} ({textBytes / 1e6:F1} MB of text)");
                Console.WriteLine($"peer: {objcopy} -I ihex -O binary");
                Console.WriteLine($"runtime: .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(Environment.Is64BitProcess ? "x64/arm64" : "32-bit")}");
                Console.WriteLine();

                // One untimed run of each: page cache, JIT. Every image stays referenced to the end, so each run
                // allocates (and page-faults) fresh memory, as each objcopy process does.
                RunObjcopy(objcopy, hexPath, binPath);
                var warmUp = ReadOurs(hexPath);
                Verify(warmUp.Image, binPath, payload, recordLength);
                var ours = new List<OurRun>();
                var theirs = new List<(double Wall, double Cpu)>();
                for (var i = 0; i < runs; i++)
                {
                    theirs.Add(RunObjcopy(objcopy, hexPath, binPath));
                    var run = ReadOurs(hexPath);
                    ours.Add(run);
                    Console.WriteLine($"run {i + 1}: objcopy {Rate(textBytes, theirs[i].Wall),5:F0} MB/s ({theirs[i].Wall * 1000,6:F1} ms, cpu {theirs[i].Cpu * 1000,6:F1} ms)   " +
                                      $"Stm32Flash {Rate(textBytes, run.Seconds),5:F0} MB/s ({run.Seconds * 1000,6:F1} ms, cpu {run.CpuSeconds * 1000,6:F1} ms), " +
                                      $"peak +{run.PeakBytes / 1048576.0:F1} MiB");
                }

                var ourMedian = Median(ours.Select(r => r.Seconds));
                var theirMedian = Median(theirs.Select(t => t.Wall));
                var ourBest = ours.Min(r => r.Seconds);
                var theirBest = theirs.Min(t => t.Wall);
                var peak = ours.Max(r => r.PeakBytes);
                var allocated = ours.Max(r => r.AllocatedBytes);
                Console.WriteLine();
                Console.WriteLine($"median: Stm32Flash {Rate(textBytes, ourMedian):F0} MB/s, objcopy {Rate(textBytes, theirMedian):F0} MB/s, ratio {theirMedian / ourMedian:F2}x (target >= 2x)");
                Console.WriteLine($"best:   Stm32Flash {Rate(textBytes, ourBest):F0} MB/s, objcopy {Rate(textBytes, theirBest):F0} MB/s, ratio {theirBest / ourBest:F2}x");
                if (ChildCpuTime.Available)
                {
                    var ourCpu = Median(ours.Select(r => r.CpuSeconds));
                    var theirCpu = Median(theirs.Select(t => t.Cpu));
                    Console.WriteLine($"cpu:    Stm32Flash {Rate(textBytes, ourCpu):F0} MB/s, objcopy {Rate(textBytes, theirCpu):F0} MB/s of CPU time (medians), ratio {theirCpu / ourCpu:F2}x");
                }
                Console.WriteLine($"memory: peak resident +{peak / 1048576.0:F1} MiB ({(double)peak / payload:F2}x payload, {(ours[0].ExactPeak ? "VmHWM" : "peak working set")}), " +
                                  $"GC allocated {allocated / 1048576.0:F1} MiB ({(double)allocated / payload:F2}x payload) (target < 2x)");
                Console.WriteLine($"load average (1 min) at the end: {LoadAverage()}");
                GC.KeepAlive(warmUp);
                if (keep) Console.WriteLine($"kept {folder}");
                return 0;
            }
            finally
            {
                if (!keep) Directory.Delete(folder, true);
            }
        }

        private static OurRun ReadOurs(string path)
        {
            var memory = PeakMemory.Start();
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var image = ImageReader.Read(path);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var peak = memory.PeakDelta();
            return new OurRun(image, seconds, cpu, peak, allocated, memory.Exact);
        }

        /// <summary>Wall-clock and CPU seconds of one objcopy run (CPU 0 where getrusage is not available).</summary>
        private static (double Wall, double Cpu) RunObjcopy(string objcopy, string hexPath, string binPath)
        {
            var cpuBefore = ChildCpuTime.Total();
            var start = new ProcessStartInfo(objcopy) { UseShellExecute = false, RedirectStandardError = true };
            foreach (var a in new[] { "-I", "ihex", "-O", "binary", hexPath, binPath }) start.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new BenchmarkException($"Could not start {objcopy}.");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var seconds = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new BenchmarkException($"objcopy failed ({process.ExitCode}): {errors}");
            return (seconds, (ChildCpuTime.Total() - cpuBefore).TotalSeconds);
        }

        private static string FindObjcopy()
        {
            foreach (var name in new[] { "objcopy", "arm-none-eabi-objcopy" })
            {
                foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                {
                    var candidate = Path.Combine(dir, name);
                    if (File.Exists(candidate)) return candidate;
                }
            }
            throw new BenchmarkException("objcopy is not on PATH; install binutils (Debian: apt-get install binutils).");
        }

        /// <summary>Writes a single-segment Intel HEX file with an 04 record at every 64 KiB; returns its size.</summary>
        private static long Generate(string path, long payload, int recordLength)
        {
            var random = new XorShift(Seed);
            var data = new byte[recordLength];
            using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var line = new byte[1 + 2 * (5 + 255) + 1];
            for (long done = 0; done < payload; done += recordLength)
            {
                var address = BaseAddress + (ulong)done;
                if ((address & 0xFFFF) == 0) WriteRecord(output, line, 4, 0, new[] { (byte)(address >> 24), (byte)(address >> 16) }, 2);
                random.Fill(data);
                WriteRecord(output, line, 0, (ushort)address, data, recordLength);
            }
            WriteRecord(output, line, 1, 0, data, 0);
            return output.Length;
        }

        private static void WriteRecord(Stream output, byte[] line, int type, ushort offset, byte[] data, int count)
        {
            const string digits = "0123456789ABCDEF";
            var n = 0;
            line[n++] = (byte)':';
            var sum = 0;
            void Put(int b)
            {
                line[n++] = (byte)digits[b >> 4];
                line[n++] = (byte)digits[b & 15];
                sum += b;
            }
            Put(count);
            Put(offset >> 8);
            Put(offset & 0xFF);
            Put(type);
            for (var i = 0; i < count; i++) Put(data[i]);
            Put((0x100 - (sum & 0xFF)) & 0xFF);
            line[n++] = (byte)'\n';
            output.Write(line, 0, n);
        }

        private static void Verify(ImageInfo image, string objcopyBin, long payload, int recordLength)
        {
            var segment = image.Segments.Count == 1 ? image.Segments[0] : throw new BenchmarkException($"expected one segment, read {image.Segments.Count}");
            if (segment.Address != BaseAddress || segment.Length != payload)
                throw new BenchmarkException($"read {segment}, expected {payload} bytes at 0x{BaseAddress:X8}");
            // Compared a record / a block at a time: big temporary arrays would leave resident memory behind that
            // the measured runs could reuse, hiding their own peak.
            var random = new XorShift(Seed);
            var record = new byte[recordLength];
            for (long i = 0; i < payload; i += recordLength)
            {
                random.Fill(record);
                if (!segment.Data.AsSpan((int)i, recordLength).SequenceEqual(record)) throw new BenchmarkException($"our bytes differ from the generated payload at +0x{i:X}");
            }
            using (var theirs = File.OpenRead(objcopyBin))
            {
                if (theirs.Length != payload) throw new BenchmarkException($"objcopy wrote {theirs.Length} bytes, expected {payload}");
                var block = new byte[1 << 16];
                for (long i = 0; i < payload; i += block.Length)
                {
                    theirs.ReadExactly(block);
                    if (!segment.Data.AsSpan((int)i, block.Length).SequenceEqual(block)) throw new BenchmarkException($"our bytes differ from objcopy's at +0x{i:X}");
                }
            }
            Console.WriteLine("check: our segment equals the generated payload and objcopy's binary output");
        }

        private static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
            }
            catch (IOException)
            {
                return "n/a";
            }
        }

        private static double Rate(long bytes, double seconds) => bytes / seconds / 1e6;

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        private sealed class OurRun
        {
            public OurRun(ImageInfo image, double seconds, double cpuSeconds, long peakBytes, long allocatedBytes, bool exactPeak)
            {
                Image = image;
                Seconds = seconds;
                CpuSeconds = cpuSeconds;
                PeakBytes = peakBytes;
                AllocatedBytes = allocatedBytes;
                ExactPeak = exactPeak;
            }

            public ImageInfo Image { get; }

            public double Seconds { get; }

            /// <summary>CPU time of the whole process (GC and JIT threads included) during the read.</summary>
            public double CpuSeconds { get; }

            public long PeakBytes { get; }

            public long AllocatedBytes { get; }

            public bool ExactPeak { get; }
        }

        private sealed class XorShift
        {
            private ulong _state;

            public XorShift(ulong seed) => _state = seed;

            public void Fill(byte[] buffer)
            {
                for (var i = 0; i < buffer.Length; i += 8)
                {
                    _state ^= _state << 13;
                    _state ^= _state >> 7;
                    _state ^= _state << 17;
                    var value = _state;
                    for (var j = i; j < Math.Min(i + 8, buffer.Length); j++, value >>= 8) buffer[j] = (byte)value;
                }
            }
        }
    }
}
