using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// What a target (or the library behind it) reports, queued from whatever thread it arrives on, and written to
    /// Verbose, Warning and Progress by a cmdlet on the pipeline thread when it calls <see cref="Drain"/>.
    /// Cmdlets must never write from another thread, and a library such as CubeProgrammer_API calls back on its own.
    /// </summary>
    internal sealed class TargetMessages
    {
        /// <summary>The progress activity the library's own progress bar is shown under.</summary>
        public const int ActivityId = 10;

        private const int Capacity = 5000;

        private readonly ConcurrentQueue<(TargetLogLevel Level, string Text)> _log = new ConcurrentQueue<(TargetLogLevel, string)>();
        private LibraryProgress? _progress;
        private int _dropped;
        private bool _progressShown;

        public TargetMessages(string source) => Source = source;

        /// <summary>Who reports (the progress activity's name), e.g. "CubeProgrammer_API".</summary>
        public string Source { get; set; }

        private sealed class LibraryProgress
        {
            public LibraryProgress(int done, int total)
            {
                Done = done;
                Total = total;
            }

            public int Done { get; }

            public int Total { get; }
        }

        /// <summary>Queues a message; safe on any thread. The oldest are dropped past a few thousand undrained.</summary>
        public void Add(TargetLogLevel level, string text)
        {
            _log.Enqueue((level, text));
            while (_log.Count > Capacity && _log.TryDequeue(out _)) Interlocked.Increment(ref _dropped);
        }

        /// <summary>Keeps the latest progress (done of total); safe on any thread.</summary>
        public void SetProgress(int done, int total) => Volatile.Write(ref _progress, new LibraryProgress(done, total));

        /// <summary>Writes what has arrived: messages in order, then the latest progress. Pipeline thread only.</summary>
        public void Drain(Cmdlet cmdlet, int parentActivityId = -1)
        {
            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0) cmdlet.WriteVerbose($"({dropped} earlier messages from {Source} were dropped.)");
            while (_log.TryDequeue(out var entry))
            {
                switch (entry.Level)
                {
                    case TargetLogLevel.Warning:
                        cmdlet.WriteWarning(entry.Text);
                        break;
                    case TargetLogLevel.Error:
                        // The failure itself arrives as an exception that quotes this; here it is context.
                        cmdlet.WriteVerbose($"{Source} error: {entry.Text}");
                        break;
                    default:
                        cmdlet.WriteVerbose(entry.Text);
                        break;
                }
            }
            var progress = Interlocked.Exchange(ref _progress, null);
            if (progress is null) return;
            var percent = progress.Total > 0 ? (int)Math.Max(0, Math.Min(100, (long)progress.Done * 100 / progress.Total)) : 0;
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, Source, $"{progress.Done} of {progress.Total}")
            {
                PercentComplete = percent,
                ParentActivityId = parentActivityId,
            });
            _progressShown = true;
        }

        /// <summary>Drains, then closes the library's progress bar if this cmdlet showed it. Pipeline thread only.</summary>
        public void Complete(Cmdlet cmdlet, int parentActivityId = -1)
        {
            Drain(cmdlet, parentActivityId);
            if (!_progressShown) return;
            _progressShown = false;
            cmdlet.WriteProgress(new ProgressRecord(ActivityId, Source, "Done") { ParentActivityId = parentActivityId, RecordType = ProgressRecordType.Completed });
        }
    }
}
