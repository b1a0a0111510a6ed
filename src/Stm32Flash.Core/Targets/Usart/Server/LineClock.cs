using System;
using System.Diagnostics;
using System.Threading;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>Waits until a Stopwatch timestamp with sub-millisecond precision: sleeps for the bulk, then spins.</summary>
    internal static class LineClock
    {
        private static readonly long SleepMargin = Stopwatch.Frequency * 3 / 2000;

        public static long Now => Stopwatch.GetTimestamp();

        public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

        public static void WaitUntil(long timestamp)
        {
            while (true)
            {
                var left = timestamp - Stopwatch.GetTimestamp();
                if (left <= 0) return;
                if (left > SleepMargin) Thread.Sleep((int)((left - SleepMargin) * 1000 / Stopwatch.Frequency) + 1);
                else if (left > Stopwatch.Frequency / 5000) Thread.Yield();
                else Thread.SpinWait(20);
            }
        }
    }
}
