using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Stm32Flash.Bench
{
    /// <summary>A socat pseudo-terminal pair, its two ends as links in a temporary folder; killed and removed on dispose.</summary>
    internal sealed class SocatPair : IDisposable
    {
        private readonly Process _socat;

        public SocatPair()
        {
            Folder = Path.Combine(Path.GetTempPath(), "stm32flash-bench-pty-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            DeviceEnd = Path.Combine(Folder, "device");
            HostEnd = Path.Combine(Folder, "host");
            try
            {
                _socat = Process.Start(new ProcessStartInfo("socat", $"pty,raw,echo=0,link={DeviceEnd} pty,raw,echo=0,link={HostEnd}") { UseShellExecute = false })
                    ?? throw new BenchmarkException("socat did not start.");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new BenchmarkException("socat is not installed (apt-get install socat).");
            }
            var watch = Stopwatch.StartNew();
            while (!(File.Exists(DeviceEnd) && File.Exists(HostEnd)))
            {
                if (_socat.HasExited || watch.Elapsed > TimeSpan.FromSeconds(10)) throw new BenchmarkException("socat did not create the pseudo-terminal pair.");
                Thread.Sleep(10);
            }
        }

        public string Folder { get; }

        public string DeviceEnd { get; }

        public string HostEnd { get; }

        public void Dispose()
        {
            if (!_socat.HasExited)
            {
                _socat.Kill(entireProcessTree: true);
                _socat.WaitForExit(5000);
            }
            _socat.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
