using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Stm32Flash.Checksums;
using Stm32Flash.Devices;
using Stm32Flash.Targets;

namespace Stm32Flash.Planning
{
    /// <summary>
    /// Runs a <see cref="FlashPlan"/> on a target, step by step on the calling thread, reporting progress by bytes and
    /// checking for cancellation between chunks. Any failure becomes a <see cref="FlashOperationException"/> that lists
    /// what was already erased, written and verified.
    /// </summary>
    public sealed class FlashExecutor
    {
        private readonly ITarget _target;

        public FlashExecutor(ITarget target) => _target = target ?? throw new ArgumentNullException(nameof(target));

        /// <summary>Called on the executing thread after each step or chunk.</summary>
        public Action<FlashProgress>? Progress { get; set; }

        public FlashResult Execute(FlashPlan plan, CancellationToken cancellation = default) => new Run(this, plan, cancellation).Execute();

        private sealed class Run
        {
            private readonly FlashExecutor _owner;
            private readonly FlashPlan _plan;
            private readonly CancellationToken _cancellation;
            private readonly List<AddressRange> _erased = new List<AddressRange>();
            private readonly List<AddressRange> _programmed = new List<AddressRange>();
            private readonly List<AddressRange> _verified = new List<AddressRange>();
            private readonly HashSet<FlashPage> _skipped = new HashSet<FlashPage>();
            private readonly HashSet<FlashPage> _erasedPages = new HashSet<FlashPage>();
            private readonly BlockIndex _flashBlocks;
            private readonly BlockIndex _blocks;
            private readonly long _total;
            private long _done;
            private int _chunksWritten;
            private long _bytesWritten;

            public Run(FlashExecutor owner, FlashPlan plan, CancellationToken cancellation)
            {
                _owner = owner;
                _plan = plan;
                _cancellation = cancellation;
                _flashBlocks = new BlockIndex(plan.Blocks.Where(b => !b.IsRam));
                _blocks = new BlockIndex(plan.Blocks);
                _total = plan.Steps.Sum(s => s is EraseStep ? 0 : s is CompareStep c ? c.Pages.Sum(p => (long)p.Size) : s.Length);
            }

            private ITarget Target => _owner._target;

            public FlashResult Execute()
            {
                if (!string.Equals(Target.Device.Name, _plan.Device.Name, StringComparison.Ordinal))
                    throw new ArgumentException($"The plan is for {_plan.Device.Name}; the target is {Target.Device.Name}.", nameof(_plan));
                if (_plan.MaxWrite > Target.Capabilities.MaxWrite)
                    throw new ArgumentException($"The plan writes up to {_plan.MaxWrite} bytes at once; {Target.Description} takes at most {Target.Capabilities.MaxWrite}.", nameof(_plan));
                var watch = Stopwatch.StartNew();
                foreach (var step in _plan.Steps)
                {
                    if (_cancellation.IsCancellationRequested)
                        throw Fail(FlashFailure.Cancelled, step, step.Address, null, "cancelled before this step; nothing of it was sent to the device");
                    try
                    {
                        switch (step)
                        {
                            case CompareStep c: Compare(c); break;
                            case PreserveStep p: Preserve(p); break;
                            case EraseStep e: Erase(e); break;
                            case ProgramStep p: Program(p); break;
                            case VerifyStep v: Verify(v); break;
                        }
                    }
                    catch (TargetException ex)
                    {
                        throw Fail(FlashFailure.Device, step, ex.Address ?? step.Address, ex, ex.Message);
                    }
                    catch (OperationCanceledException ex)
                    {
                        throw Fail(FlashFailure.Cancelled, step, step.Address, null, "cancelled during this step", ex);
                    }
                }
                ConfirmWrites();
                return new FlashResult(_plan, AddressRange.Coalesce(_erased), AddressRange.Coalesce(_programmed), AddressRange.Coalesce(_verified),
                    _skipped.OrderBy(p => p.Address).ToList(), _chunksWritten, _bytesWritten, watch.Elapsed);
            }

            private void ConfirmWrites()
            {
                if (Target is not IConfirmingTarget confirming || _plan.Steps.Count == 0) return;
                var last = _plan.Steps[_plan.Steps.Count - 1];
                try
                {
                    confirming.ConfirmWrites();
                }
                catch (TargetException ex)
                {
                    throw Fail(FlashFailure.Device, last, ex.Address ?? last.Address, ex, ex.Message);
                }
            }

            private void Compare(CompareStep step)
            {
                if (Target.Capabilities.CanChecksum && !_plan.Options.PreserveUnwritten)
                {
                    foreach (var run in ContiguousRuns(step.Pages))
                    {
                        var expected = ExpectedContent(run);
                        CompareByCrc(step, run, expected, 0, run.Count, 0);
                    }
                    return;
                }
                foreach (var page in step.Pages)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    if (PageMatches(page)) _skipped.Add(page);
                    Advance(step, page.Size, $"Compared {step.UnitName} {page.Number}");
                }
            }

            // Without preserving, the page must hold exactly the blocks' bytes and the erased value elsewhere; preserving,
            // only the image's bytes matter.
            private bool PageMatches(FlashPage page)
            {
                var blocks = _flashBlocks.Overlapping(page.Range).ToList();
                if (_plan.Options.PreserveUnwritten)
                {
                    foreach (var b in blocks)
                    {
                        foreach (var part in b.ImageRanges.Select(r => r.Intersect(page.Range)).Where(r => !r.IsEmpty))
                        {
                            var bytes = b.Data.AsSpanCopy((int)(part.Start - b.Address), (int)part.Length);
                            if (!MemoryVerifier.Verify(Target, new Segment(part.Start, bytes), 1, null, _cancellation).Match) return false;
                        }
                    }
                    return true;
                }
                var expected = new byte[page.Size];
                expected.AsSpan().Fill(_plan.Device.ErasedValue);
                foreach (var b in blocks)
                {
                    var part = b.Range.Intersect(page.Range);
                    Array.Copy(b.Data, part.Start - b.Address, expected, part.Start - page.Address, part.Length);
                }
                return MemoryVerifier.Verify(Target, new Segment(page.Address, expected), 1, null, _cancellation).Match;
            }

            // One device CRC over a run of pages; where it differs, each half is checked in turn, down to single pages, so an
            // image with a few changed pages costs a few CRCs per change instead of one per page.
            private void CompareByCrc(CompareStep step, IReadOnlyList<FlashPage> run, byte[] expected, int first, int count, int offset)
            {
                _cancellation.ThrowIfCancellationRequested();
                var length = 0;
                for (var i = first; i < first + count; i++) length += run[i].Size;
                var same = Target.Checksum(run[first].Address, length) == Crc32Mpeg2.OfWords(expected.AsSpan(offset, length));
                if (same || count == 1)
                {
                    for (var i = first; i < first + count; i++)
                    {
                        if (same) _skipped.Add(run[i]);
                        Advance(step, run[i].Size, $"Compared {step.UnitName} {run[i].Number}");
                    }
                    return;
                }
                var half = count / 2;
                var halfLength = 0;
                for (var i = first; i < first + half; i++) halfLength += run[i].Size;
                CompareByCrc(step, run, expected, first, half, offset);
                CompareByCrc(step, run, expected, first + half, count - half, offset + halfLength);
            }

            private static List<List<FlashPage>> ContiguousRuns(IEnumerable<FlashPage> pages)
            {
                var runs = new List<List<FlashPage>>();
                foreach (var p in pages.OrderBy(p => p.Address))
                {
                    if (runs.Count == 0 || runs[runs.Count - 1][runs[runs.Count - 1].Count - 1].EndAddress != p.Address) runs.Add(new List<FlashPage>());
                    runs[runs.Count - 1].Add(p);
                }
                return runs;
            }

            // What contiguous pages hold once written: the blocks' bytes, the erased value elsewhere.
            private byte[] ExpectedContent(IReadOnlyList<FlashPage> run)
            {
                var range = new AddressRange(run[0].Address, run[run.Count - 1].EndAddress);
                var expected = new byte[range.Length];
                expected.AsSpan().Fill(_plan.Device.ErasedValue);
                foreach (var b in _flashBlocks.Overlapping(range))
                {
                    var part = b.Range.Intersect(range);
                    Array.Copy(b.Data, part.Start - b.Address, expected, part.Start - range.Start, part.Length);
                }
                return expected;
            }

            private void Preserve(PreserveStep step)
            {
                if (step.Page != null && _skipped.Contains(step.Page))
                {
                    Advance(step, step.Length, $"{step.UnitName} {step.Page.Number} matches; nothing to preserve");
                    return;
                }
                var block = _blocks.Containing(step.Range) ?? throw new InvalidOperationException($"No block of the plan holds {step.Range}.");
                var status = step.Page is null ? $"Reading RAM at 0x{step.Address:X8} to write it back" : $"Reading {step.UnitName} {step.Page.Number} to keep it";
                var bytes = TargetMemory.Read(Target, step.Address, (int)step.Length, n => Advance(step, n, status), _cancellation);
                Array.Copy(bytes, 0, block.Data, step.Address - block.Address, bytes.Length);
            }

            private void Erase(EraseStep step)
            {
                var pages = step.Pages.Where(p => !_skipped.Contains(p)).ToList();
                if (pages.Count > 0)
                {
                    Target.ErasePages(pages.Select(p => p.Number).ToList());
                    foreach (var p in pages)
                    {
                        _erasedPages.Add(p);
                        _erased.Add(p.Range);
                    }
                }
                Advance(step, 0, pages.Count > 0 ? $"Erased {step.UnitName}s {PlanText.Numbers(pages)}" : $"{step.UnitName}s {PlanText.Numbers(step.Pages)} already match");
            }

            private void Program(ProgramStep step)
            {
                _cancellation.ThrowIfCancellationRequested();
                var status = $"Writing 0x{step.Address:X8} (chunk {step.ChunkNumber} of {step.ChunkCount})";
                if (step.Page != null && _skipped.Contains(step.Page))
                {
                    Advance(step, step.Length, status + ": already on the device");
                    return;
                }
                var data = step.Block.Data.AsSpan(step.Offset, (int)step.Length);
                // After an erase the flash already holds the erased value: a chunk of nothing else needs no write.
                var erasedAlready = step.Page != null && _erasedPages.Contains(step.Page) && AllEqual(data, _plan.Device.ErasedValue);
                if (!erasedAlready)
                {
                    Target.Write(step.Address, data);
                    _chunksWritten++;
                    _bytesWritten += step.Length;
                }
                _programmed.Add(step.Range);
                Advance(step, step.Length, status);
            }

            private void Verify(VerifyStep step)
            {
                var block = step.Block;
                var result = MemoryVerifier.Verify(Target, new Segment(block.Address, block.Data), block.SegmentNumbers.FirstOrDefault(),
                    n => Advance(step, n, $"Verifying {block.Range}"), _cancellation);
                if (!result.Match)
                {
                    throw Fail(FlashFailure.VerifyMismatch, step, result.FirstMismatch!.Value, null,
                        $"the device holds 0x{result.Actual:X2} where the image has 0x{result.Expected:X2} (checked by {(result.Method == VerifyMethod.DeviceCrc ? "device CRC, then read-back" : "read-back")}). " +
                        "The write was acknowledged but the flash does not hold the data: a write that programmed nothing (partial unit, write protection) or damaged data on the link");
                }
                _verified.Add(block.Range);
            }

            private void Advance(FlashStep step, long bytes, string status)
            {
                _done += bytes;
                _owner.Progress?.Invoke(new FlashProgress(step.Kind, step, Math.Min(_done, _total), _total, status));
            }

            private FlashOperationException Fail(FlashFailure failure, FlashStep step, uint address, TargetException? error, string reason, Exception? inner = null) =>
                new FlashOperationException(failure, step, address, SegmentAt(step, address), _plan.Segments.Count, error, reason,
                    AddressRange.Coalesce(_erased), Written(error), AddressRange.Coalesce(_verified), inner);

            private IReadOnlyList<AddressRange> Written(TargetException? error) =>
                error?.NotWritten is AddressRange wrong ? PlanText.Subtract(AddressRange.Coalesce(_programmed), new[] { wrong }) : AddressRange.Coalesce(_programmed);

            // The input segment that holds the failing address, else the step's last segment.
            private int? SegmentAt(FlashStep step, uint address)
            {
                IReadOnlyList<int> numbers = step is ProgramStep p ? p.SegmentNumbers : step is VerifyStep v ? v.Block.SegmentNumbers : Array.Empty<int>();
                foreach (var n in numbers)
                {
                    if (_plan.Segments[n - 1].Range.Contains(address)) return n;
                }
                return numbers.Count > 0 ? numbers[numbers.Count - 1] : (int?)null;
            }

            private static bool AllEqual(ReadOnlySpan<byte> data, byte value)
            {
                foreach (var b in data)
                {
                    if (b != value) return false;
                }
                return true;
            }
        }
    }
}
