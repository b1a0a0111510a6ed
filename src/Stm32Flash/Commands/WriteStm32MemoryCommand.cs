using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using Stm32Flash.Planning;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// Writes segments to the device: collects them, plans (merge, align, pad, chunk), then runs the plan with progress.
    /// -WhatIf shows the plan in plain words and touches nothing.
    /// </summary>
    [Cmdlet(VerbsCommunications.Write, "Stm32Memory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SegmentSet)]
    [OutputType(typeof(Segment))]
    public sealed class WriteStm32MemoryCommand : Stm32SessionCmdlet
    {
        private const string SegmentSet = "Segment";
        private const string DataSet = "AddressData";
        private readonly List<Segment> _segments = new List<Segment>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SegmentSet)]
        [AllowEmptyCollection]
        public Segment[] InputObject { get; set; } = Array.Empty<Segment>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = DataSet)]
        [AddressTransformation(PipeImageInto = "Write-Stm32Memory")]
        public uint Address { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = DataSet)]
        [ValidateNotNull]
        public byte[] Data { get; set; } = Array.Empty<byte>();

        /// <summary>The programming unit to align and pad to; by default the device's (at least 4 on the serial bootloaders).</summary>
        [Parameter]
        [AddressTransformation(Maximum = 256)]
        [ValidateSet("1", "2", "4", "8", "16", "32", "64", "128", "256")]
        public int Pad { get; set; }

        /// <summary>Plans a -Pad smaller than the device and interface need instead of refusing it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter SkipErase { get; set; }

        [Parameter]
        public SwitchParameter PreserveUnwritten { get; set; }

        [Parameter]
        public SwitchParameter Incremental { get; set; }

        [Parameter]
        public SwitchParameter Verify { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            if (ParameterSetName != DataSet)
            {
                _segments.AddRange(InputObject.Where(s => s != null));
                return;
            }
            if ((ulong)Address + (ulong)Data.LongLength > AddressRange.AddressSpaceEnd)
            {
                Terminate(DeviceErrors.FromPlan(new FlashPlanException(FlashPlanError.AddressRefused,
                    $"{Data.LongLength} bytes at 0x{Address:X8} would run past the end of the 32-bit address space (0xFFFFFFFF); nothing was written.", address: Address), Address));
            }
            _segments.Add(new Segment(Address, Data, SegmentSource.FromOrigin("-Address -Data")));
        }

        protected override void End()
        {
            var session = ResolveSession();
            var target = session.GetTarget()!;
            if (_segments.Count == 0)
            {
                WriteWarning("No segments to write: the input was empty, so nothing was erased or written.");
                return;
            }
            FlashPlan plan;
            try
            {
                plan = FlashPlanner.Plan(_segments, target, Options());
            }
            catch (FlashPlanException ex)
            {
                Terminate(DeviceErrors.FromPlan(ex, ex.Error == FlashPlanError.PadBelowUnit ? Pad : (object?)null));
                return;
            }

            // ShouldProcess writes the plan: to the host under -WhatIf, to Verbose under -Verbose.
            var description = plan.Describe();
            if (!ShouldProcess(description, $"Write {plan.ImageBytes} bytes to {session.Device.Name}, erasing {plan.ErasedPages.Count} {session.Device.Flash.UnitName}(s)?",
                    $"Write-Stm32Memory: {session.Description}", out var reason))
            {
                if (reason == ShouldProcessReason.WhatIf) WriteInformation(description, new[] { "WhatIf", "FlashPlan" });
                return;
            }

            var activity = $"Writing {session.Device.Name}";
            var executor = new FlashExecutor(target)
            {
                Progress = p =>
                {
                    // Once Ctrl+C is pressed the pipeline refuses records; the executor then stops at its next check and
                    // reports what was written, which an exception from here would lose.
                    if (Stopping) return;
                    try
                    {
                        WriteProgress(new ProgressRecord(1, activity, p.Status)
                        {
                            PercentComplete = Math.Min(100, p.Percent),
                            CurrentOperation = $"{p.Phase}: {p.BytesDone:N0} of {p.BytesTotal:N0} bytes",
                        });
                        DrainMessages(1);
                    }
                    catch (PipelineStoppedException)
                    {
                    }
                },
            };
            session.LastFailure = null;
            try
            {
                var result = executor.Execute(plan, Cancellation);
                WriteVerbose($"Wrote {result.BytesWritten:N0} bytes in {result.ChunksWritten} chunk(s), erased {AddressRange.Describe(result.Erased)}" +
                    (result.SkippedPages.Count > 0 ? $", left {result.SkippedPages.Count} matching {session.Device.Flash.UnitName}(s) alone" : "") +
                    $" in {result.Elapsed.TotalSeconds:0.00} s.");
            }
            catch (FlashOperationException ex)
            {
                // An erase belongs to no one segment: the step that failed (its pages and range) is the error's object then.
                var failedOn = ex.SegmentNumber.HasValue ? _segments[ex.SegmentNumber.Value - 1] : (object)ex.Step;
                var error = DeviceErrors.FromFlash(ex, failedOn);
                session.LastFailure = new WriteFailure(error.FullyQualifiedErrorId, ex);
                if (ex.Failure == FlashFailure.Cancelled && Stopping)
                {
                    TryWarnStopped(ex);
                    throw new PipelineStoppedException();
                }
                CompleteMessages(1);
                Terminate(error);
            }
            finally
            {
                if (!Stopping) CompleteMessages(1);
                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            if (PassThru)
            {
                foreach (var b in plan.Blocks) WriteObject(b.ToSegment(WrittenOrigin(plan, b)));
            }
        }

        // A stopping pipeline refuses records, so the report goes to the host's console directly; the session keeps it too.
        private void TryWarnStopped(FlashOperationException ex)
        {
            try
            {
                Host?.UI?.WriteWarningLine($"Write-Stm32Memory was stopped. {ex.Message} The session keeps this report in LastFailure.");
            }
            catch (Exception e) when (e is HostException || e is NotImplementedException || e is PipelineStoppedException)
            {
            }
        }

        /// <summary>What a -PassThru segment is: which input segments, and how the block was widened (short: it is a table column).</summary>
        private static string WrittenOrigin(FlashPlan plan, ProgramBlock b)
        {
            var segments = $"segment{(b.SegmentNumbers.Count > 1 ? "s" : "")} {NumberRuns.Describe(b.SegmentNumbers)}";
            var kept = b.PreservedBytes.ToString("N0", CultureInfo.InvariantCulture);
            string how;
            if (b.IsRam) how = b.PreservedBytes > 0 ? $"RAM, widened to words with {kept} B it held" : "RAM, as given";
            else if (plan.Options.PreserveUnwritten) how = $"whole {plan.Device.Flash.UnitName}s, {kept} B kept";
            else if (b.PaddedBytes > 0) how = $"padded with {b.PaddedBytes} B of 0x{plan.Device.ErasedValue:X2}";
            else how = $"whole {plan.Unit}-byte units";
            return $"written: {segments} ({how})";
        }

        private FlashPlanOptions Options() => new FlashPlanOptions
        {
            Pad = MyInvocation.BoundParameters.ContainsKey(nameof(Pad)) ? Pad : (int?)null,
            AllowPartialUnits = Force,
            SkipErase = SkipErase,
            PreserveUnwritten = PreserveUnwritten,
            Incremental = Incremental,
            Verify = Verify,
        };
    }
}
