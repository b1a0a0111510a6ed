using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Images;
using Stm32Flash.Planning;
using Stm32Flash.Targets.Dfu;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// USB DFU speed against dfu-util on the fake libusb (tests/native/fake_libusb, built here with gcc) paced like a
    /// full-speed device: each control transfer takes a 1 ms frame plus 1 us per data byte, programming 4 ms per KiB and
    /// erasing 8 ms per KiB (an STM32F405 at 3.3 V), told to the host as bwPollTimeout. Both hosts see the same device.
    /// </summary>
    internal sealed class DfuBenchmark : IBenchmark
    {
        private const uint FlashBase = 0x08000000;
        private const string Layout = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";

        public string Name => "dfu";

        public string Description => "USB DFU on the paced fake libusb: dfu-util -D + -U against Write-Stm32Memory + Test-Stm32Memory (Connect-Stm32 -Usb)";

        public string Usage => "[--kib 256] [--runs 1] [--frame-us 1000] [--byte-ns 1000]";

        public int Run(string[] args)
        {
            var kib = Options.Int(args, "--kib", 256);
            var runs = Options.Int(args, "--runs", 1);
            var frameUs = Options.Int(args, "--frame-us", 1000);
            var byteNs = Options.Int(args, "--byte-ns", 1000);
            if (kib < 1 || kib > 1024 || runs < 1) throw new BenchmarkException("--kib must be 1..1024 and --runs positive.");
            if (!Tool.Exists("dfu-util")) throw new BenchmarkException("dfu-util is not installed (apt-get install dfu-util).");
            if (!Tool.Exists("gcc")) throw new BenchmarkException("gcc is not installed (apt-get install gcc libc6-dev): the fake libusb is built from C.");

            var folder = Path.Combine(Path.GetTempPath(), "stm32flash-dfubench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var library = BuildFake(folder);
                var store = Path.Combine(folder, "store");
                Directory.CreateDirectory(store);
                File.WriteAllText(Path.Combine(folder, "fake_libusb.conf"), string.Join("\n", "device", "serial=BENCH0001", "ports=1", $"store={store}", $"alt={Layout}",
                    "program_us_per_kb=4000", "erase_ms_per_kb=8", $"pace_transfer_us={frameUs}", $"pace_byte_ns={byteNs}") + "\n");
                var device = DeviceCatalog.Get("STM32F405");
                var images = new List<(string Name, Segment[] Segments, string File)>();
                var binary = new byte[kib * 1024];
                new Random(0x5EED).NextBytes(binary);
                var bin = Path.Combine(folder, "image.bin");
                File.WriteAllBytes(bin, binary);
                images.Add(($"{kib} KiB binary", new[] { new Segment(FlashBase, binary) }, bin));
                var forum = ForumImage();
                var dfu = Path.Combine(folder, "forum.dfu");
                ImageWriter.Write(dfu, forum, new ImageWriteOptions { Format = ImageFormat.Dfu, DfuDeviceVersion = 0x2200 });
                images.Add(("forum image, 6 segments (DfuSe file)", forum, dfu));

                Console.WriteLine($"USB DFU benchmark: fake libusb paced as full speed ({frameUs} us per control transfer + {byteNs} ns per byte), simulated STM32F405 ({Layout.Trim()})");
                Console.WriteLine("device timing: program 4 ms/KiB, erase 8 ms/KiB (bwPollTimeout); dfu-util " + DfuUtilVersion() + $"; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
                var ok = true;
                foreach (var (name, segments, file) in images)
                {
                    var end = segments.Max(s => s.EndAddress);
                    var span = (int)(end - FlashBase);
                    var results = new List<(double DfuWrite, double DfuUpload, double OurWrite, double OurWriteVerify)>();
                    for (var run = 1; run <= runs; run++)
                    {
                        Reset(store);
                        var write = RunDfuUtil(folder, file.EndsWith(".dfu") ? $"-a 0 -D {file}" : $"-a 0 -s 0x{FlashBase:X8} -D {file}");
                        var upload = Path.Combine(folder, "up.bin");
                        var up = RunDfuUtil(folder, $"-a 0 -s 0x{FlashBase:X8}:{span} -U {upload}");
                        var clock = Stopwatch.StartNew();
                        var uploaded = File.ReadAllBytes(upload);
                        foreach (var s in segments)
                        {
                            if (!uploaded.AsSpan((int)(s.Address - FlashBase), s.Data.Length).SequenceEqual(s.Data))
                                throw new BenchmarkException($"dfu-util's upload differs from the image ({name}).");
                        }
                        var compare = clock.Elapsed.TotalSeconds;
                        File.Delete(upload);

                        Reset(store);
                        var ourWrite = Ours(library, device, segments, verify: false);
                        CheckFlash(store, segments, name);
                        Reset(store);
                        var ourBoth = Ours(library, device, segments, verify: true);
                        CheckFlash(store, segments, name);
                        results.Add((write, up + compare, ourWrite, ourBoth));
                        Console.WriteLine($"{name}, run {run}: dfu-util -D {write:F2} s, -U + compare {up + compare:F2} s (write + upload {write + up + compare:F2} s); " +
                            $"Stm32Flash write {ourWrite:F2} s, write + verify {ourBoth:F2} s");
                    }
                    var median = results.OrderBy(r => r.OurWriteVerify).ElementAt(results.Count / 2);
                    var writeRatio = median.DfuWrite / median.OurWrite;
                    var bothRatio = (median.DfuWrite + median.DfuUpload) / median.OurWriteVerify;
                    Console.WriteLine($"{name}: write {writeRatio:F2}x dfu-util's; write + verify {bothRatio:F2}x dfu-util's write + upload-compare (target >= 1.00x)");
                    ok &= bothRatio >= 1.0;
                }
                return ok ? 0 : 1;
            }
            finally
            {
                try { Directory.Delete(folder, true); } catch (IOException) { }
            }
        }

        private static double Ours(string library, DeviceInfo device, Segment[] segments, bool verify)
        {
            var clock = Stopwatch.StartNew();
            using var target = UsbDfuTarget.Connect(new UsbDfuOptions { LibraryPath = library }, device);
            new FlashExecutor(target).Execute(FlashPlanner.Plan(segments, target, new FlashPlanOptions { Verify = verify }));
            return clock.Elapsed.TotalSeconds;
        }

        private static double RunDfuUtil(string folder, string arguments)
        {
            var start = new ProcessStartInfo("dfu-util", arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            start.Environment["LD_LIBRARY_PATH"] = folder;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new BenchmarkException("dfu-util did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var elapsed = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0) throw new BenchmarkException($"dfu-util {arguments} exited with {process.ExitCode}:\n{output}\n{errors.Result}");
            return elapsed;
        }

        private static string DfuUtilVersion()
        {
            var result = Tool.Run("dfu-util", "-V", TimeSpan.FromSeconds(10));
            return result.Output.Split('\n').FirstOrDefault()?.Trim().Replace("dfu-util ", "") ?? "?";
        }

        private static void Reset(string store)
        {
            foreach (var f in Directory.GetFiles(store)) File.Delete(f);
        }

        private static void CheckFlash(string store, Segment[] segments, string name)
        {
            var flash = File.ReadAllBytes(Path.Combine(store, "alt0.bin"));
            foreach (var s in segments)
            {
                if (!flash.AsSpan((int)(s.Address - FlashBase), s.Data.Length).SequenceEqual(s.Data))
                    throw new BenchmarkException($"The module's write of {name} is not in the simulated flash.");
            }
        }

        private static Segment[] ForumImage()
        {
            var random = new Random(552);
            return new (uint Address, int Length)[]
            {
                (0x08000000, 0x1C4), (0x080001C6, 0x3A), (0x08004000, 100), (0x08008010, 37), (0x0800F000, 6), (0x08010003, 9000),
            }.Select(s =>
            {
                var data = new byte[s.Length];
                random.NextBytes(data);
                return new Segment(s.Address, data);
            }).ToArray();
        }

        // The fake libusb, built from the repository's C source into the benchmark's folder as libusb-1.0.so.0.
        private static string BuildFake(string folder)
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "tests", "native", "fake_libusb", "fake_libusb.c"))) dir = dir.Parent;
            if (dir is null) throw new BenchmarkException("tests/native/fake_libusb/fake_libusb.c was not found above the benchmark's folder.");
            var output = Path.Combine(folder, "libusb-1.0.so.0");
            var source = Path.Combine(dir.FullName, "tests", "native", "fake_libusb", "fake_libusb.c");
            var result = Tool.Run("gcc", $"-shared -fPIC -O2 -fvisibility=hidden -Wl,-soname,libusb-1.0.so.0 -o {output} {source} -ldl", TimeSpan.FromMinutes(2));
            if (result.ExitCode != 0) throw new BenchmarkException($"gcc failed building the fake libusb:\n{result.Error}");
            return output;
        }
    }
}
