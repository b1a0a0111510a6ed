using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Dfu
{
    /// <summary>
    /// The fake libusb-1.0 (tests/native/fake_libusb) built with gcc once per test run. Each <see cref="FakeDfuBoard"/> gets a
    /// copy of it named libusb-1.0.so.0 in a folder of its own, beside the fake_libusb.conf that describes its devices, so
    /// that dfu-util (LD_LIBRARY_PATH) and the module (by full path) load the same devices and no two boards share state.
    /// </summary>
    public static class FakeLibUsb
    {
        private static readonly Lazy<string> Built = new Lazy<string>(Build);

        /// <summary>The built library.</summary>
        public static string LibraryPath => Built.Value;

        private static string Build()
        {
            var folder = Path.Combine(Path.GetTempPath(), "stm32flash-fakeusb-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var output = Path.Combine(folder, "libusb-1.0.so.0");
            var source = Repo.PathOf("tests", "native", "fake_libusb", "fake_libusb.c");
            var start = new ProcessStartInfo("gcc") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-Wl,-soname,libusb-1.0.so.0", "-o", output, source, "-ldl" })
                start.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("gcc did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("The USB DFU tests build a fake libusb from C and need gcc on PATH (Debian: apt-get install gcc libc6-dev).", e);
            }
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"gcc failed building the fake libusb:\n{errors.Result}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return output;
        }
    }

    /// <summary>One or more simulated DfuSe bootloaders behind a copy of the fake libusb.</summary>
    public sealed class FakeDfuBoard : IDisposable
    {
        public const string F405Flash = "@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg";
        public const string F405OptionBytes = "@Option Bytes  /0x1FFFC000/01*016 e";

        private readonly TempFolder _folder = new TempFolder("stm32flash-dfu");
        private readonly List<string> _devices = new List<string>();

        public FakeDfuBoard(params string[] alternates)
        {
            Directory.CreateDirectory(Store);
            File.Copy(FakeLibUsb.LibraryPath, LibraryPath);
            AddDevice("375A36503036", "3.1", alternates.Length == 0 ? new[] { F405Flash, F405OptionBytes } : alternates);
        }

        public string Folder => _folder.Path;

        public string LibraryPath => Path.Combine(Folder, "libusb-1.0.so.0");

        /// <summary>The first device's memory files (alt0.bin ...) and its events.log.</summary>
        public string Store => StoreOf(0);

        public string StoreOf(int device) => Path.Combine(Folder, $"store{device}");

        /// <summary>Extra key=value lines of the first device (pacing, faults), applied when a host next calls libusb_init.</summary>
        public Dictionary<string, string> Settings { get; } = new Dictionary<string, string>();

        public void AddDevice(string serial, string ports, IEnumerable<string> alternates)
        {
            var store = StoreOf(_devices.Count);
            Directory.CreateDirectory(store);
            _devices.Add(string.Join("\n", new[] { "device", $"serial={serial}", $"ports={ports}", $"store={store}" }.Concat(alternates.Select(a => "alt=" + a))));
            WriteConfig();
        }

        public void WriteConfig()
        {
            var text = string.Join("\n", _devices.Select((d, i) => i == 0 ? d + string.Concat(Settings.Select(s => $"\n{s.Key}={s.Value}")) : d)) + "\n";
            File.WriteAllText(Path.Combine(Folder, "fake_libusb.conf"), text);
        }

        /// <summary>The bytes of an alternate setting's memory, from its base.</summary>
        public byte[] Memory(int alternate = 0, int device = 0) => File.ReadAllBytes(Path.Combine(StoreOf(device), $"alt{alternate}.bin"));

        public IReadOnlyList<string> Events(int device = 0)
        {
            var path = Path.Combine(StoreOf(device), "events.log");
            return File.Exists(path) ? File.ReadAllLines(path) : Array.Empty<string>();
        }

        public void ClearEvents() => File.Delete(Path.Combine(Store, "events.log"));

        /// <summary>Runs dfu-util against the board; fails the test when it exits non-zero. Returns its output.</summary>
        public string DfuUtil(params string[] args)
        {
            var (exit, output) = TryDfuUtil(args);
            if (exit != 0) throw new XunitException($"dfu-util {string.Join(" ", args)} exited with {exit}:\n{output}");
            return output;
        }

        public (int ExitCode, string Output) TryDfuUtil(params string[] args)
        {
            var start = new ProcessStartInfo(ExternalTool.Find("dfu-util"))
            {
                WorkingDirectory = Folder,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["LD_LIBRARY_PATH"] = Folder;
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start) ?? throw new XunitException("Could not start dfu-util.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + errors.Result);
        }

        public void Dispose() => _folder.Dispose();
    }
}
