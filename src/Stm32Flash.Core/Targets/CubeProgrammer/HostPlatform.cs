using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    public enum HostOs
    {
        Windows,
        Linux,
        MacOs,
    }

    /// <summary>What the library search depends on, so tests can describe another machine.</summary>
    public sealed class HostPlatform
    {
        public HostPlatform(HostOs os, Func<string, string?> environment)
        {
            Os = os;
            Environment = environment;
        }

        public HostOs Os { get; }

        /// <summary>Reads an environment variable (null when unset).</summary>
        public Func<string, string?> Environment { get; }

        public static HostPlatform Current { get; } = new HostPlatform(
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? HostOs.Windows
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? HostOs.MacOs : HostOs.Linux,
            System.Environment.GetEnvironmentVariable);
    }
}
