using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Bench
{
    /// <summary>CPU time (user + system) of the child processes this process has waited for, from getrusage on Linux and macOS.</summary>
    internal static class ChildCpuTime
    {
        private const int RusageChildren = -1;

        public static bool Available => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX);

        public static TimeSpan Total()
        {
            if (!Available || getrusage(RusageChildren, out var usage) != 0) return TimeSpan.Zero;
            var micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicroseconds + usage.SystemMicroseconds;
            return TimeSpan.FromTicks(micros * 10);
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, out Rusage usage);

        [StructLayout(LayoutKind.Sequential)]
        private struct Rusage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
            private long _maxrss, _ixrss, _idrss, _isrss, _minflt, _majflt, _nswap, _inblock, _oublock, _msgsnd, _msgrcv, _nsignals, _nvcsw, _nivcsw;
        }
    }
}
