using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Stm32Flash.Tests.Usart.Infrastructure
{
    /// <summary>
    /// A pseudo-terminal pair from socat, with its two ends as links in a temporary folder: what is written to one end is
    /// read from the other. socat is killed and the folder removed on dispose.
    /// </summary>
    public sealed class SocatPair : IDisposable
    {
        private readonly Process _socat;

        public SocatPair()
        {
            if (!ExternalTool.Exists("socat")) throw new InvalidOperationException("socat is not installed (apt-get install socat; .ci/run installs it).");
            Folder = Directory.CreateTempSubdirectory("stm32flash-pty-").FullName;
            DeviceEnd = Path.Combine(Folder, "device");
            HostEnd = Path.Combine(Folder, "host");
            var info = new ProcessStartInfo("socat", $"pty,raw,echo=0,link={DeviceEnd} pty,raw,echo=0,link={HostEnd}")
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            };
            _socat = Process.Start(info) ?? throw new InvalidOperationException("socat did not start.");
            _socat.ErrorDataReceived += (s, e) => { };
            _socat.BeginErrorReadLine();
            var watch = Stopwatch.StartNew();
            while (!(File.Exists(DeviceEnd) && File.Exists(HostEnd)))
            {
                if (_socat.HasExited || watch.Elapsed > TimeSpan.FromSeconds(10))
                {
                    Dispose();
                    throw new InvalidOperationException("socat did not create the pseudo-terminal pair.");
                }
                Thread.Sleep(10);
            }
        }

        public string Folder { get; }

        /// <summary>The end the simulated device answers on.</summary>
        public string DeviceEnd { get; }

        /// <summary>The end a host (stm32flash, Connect-Stm32 -Port) opens.</summary>
        public string HostEnd { get; }

        public string PathOf(string name) => Path.Combine(Folder, name);

        public void Dispose()
        {
            try
            {
                if (!_socat.HasExited)
                {
                    _socat.Kill(entireProcessTree: true);
                    _socat.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            _socat.Dispose();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
