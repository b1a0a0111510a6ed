using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Stm32Flash.Bench
{
    /// <summary>
    /// Peak resident memory of this process over a measured region. On Linux the kernel's high-water mark (VmHWM)
    /// is reset through /proc/self/clear_refs, so the peak is exact; elsewhere the process peak working set is used.
    /// </summary>
    internal sealed class PeakMemory
    {
        private readonly long _baseline;
        private readonly bool _exact;

        private PeakMemory(long baseline, bool exact)
        {
            _baseline = baseline;
            _exact = exact;
        }

        public static PeakMemory Start()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var exact = TryResetHighWaterMark();
            var baseline = exact ? ReadStatus("VmRSS:") : Process.GetCurrentProcess().WorkingSet64;
            return new PeakMemory(baseline, exact);
        }

        public bool Exact => _exact;

        /// <summary>Peak resident bytes above the resident size at <see cref="Start"/>.</summary>
        public long PeakDelta()
        {
            var peak = _exact ? ReadStatus("VmHWM:") : Process.GetCurrentProcess().PeakWorkingSet64;
            return Math.Max(0, peak - _baseline);
        }

        private static bool TryResetHighWaterMark()
        {
            try
            {
                if (!File.Exists("/proc/self/clear_refs")) return false;
                File.WriteAllText("/proc/self/clear_refs", "5");
                return ReadStatus("VmHWM:") > 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static long ReadStatus(string key)
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            if (line == null) return 0;
            var kb = long.Parse(line.Substring(key.Length).Trim().Split(' ')[0]);
            return kb * 1024;
        }
    }
}
