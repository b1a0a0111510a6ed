using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
        public uint Address { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = DataSet)]
        [ValidateNotNull]
        public byte[] Data { get; set; } = Array.Empty<byte>();

        /// <summary>The programming unit to align and pad to (1 writes the bytes as they are); by default the device's.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int Pad { get; set; }

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

        protected override void ProcessRecord()
        {
            if (ParameterSetName == DataSet) _segments.Add(new Segment(Address, Data, SegmentSource.FromOrigin("-Address -Data")));
            else _segments.AddRange(InputObject.Where(s => s != null));
        }

        protected override void EndProcessing()
        {
            var session = ResolveSession();
            var target = session.Target!;
            FlashPlan plan;
            try
            {
                plan = FlashPlanner.Plan(_segments, target, Options());
            }
            catch (FlashPlanException ex)
            {
                ThrowTerminatingError(DeviceErrors.FromPlan(ex));
                return;
            }

            var description = plan.Describe();
            foreach (var line in description.Split('\n')) WriteVerbose(line.TrimEnd());
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
                    WriteProgress(new ProgressRecord(1, activity, p.Status)
                    {
                        PercentComplete = Math.Min(100, p.Percent),
                        CurrentOperation = $"{p.Phase}: {p.BytesDone:N0} of {p.BytesTotal:N0} bytes",
                    });
                    DrainMessages(1);
                },
            };
            try
            {
                var result = executor.Execute(plan, Cancellation);
                WriteVerbose($"Wrote {result.BytesWritten:N0} bytes in {result.ChunksWritten} chunk(s), erased {AddressRange.Describe(result.Erased)}" +
                    (result.SkippedPages.Count > 0 ? $", left {result.SkippedPages.Count} matching {session.Device.Flash.UnitName}(s) alone" : "") +
                    $" in {result.Elapsed.TotalSeconds:0.00} s.");
            }
            catch (FlashOperationException ex)
            {
                if (ex.Failure == FlashFailure.Cancelled && Stopping) throw new PipelineStoppedException();
                CompleteMessages(1);
                var segment = ex.SegmentNumber.HasValue ? plan.Segments[ex.SegmentNumber.Value - 1] : null;
                ThrowTerminatingError(DeviceErrors.FromFlash(ex, segment));
            }
            finally
            {
                if (!Stopping) CompleteMessages(1);
                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            if (PassThru)
            {
                foreach (var b in plan.Blocks)
                    WriteObject(b.ToSegment($"written to {session.Device.Name} (block {b.Number}: segment{(b.SegmentNumbers.Count > 1 ? "s" : "")} {string.Join(", ", b.SegmentNumbers)}, padded to {plan.Unit})"));
            }
        }

        private FlashPlanOptions Options() => new FlashPlanOptions
        {
            Pad = MyInvocation.BoundParameters.ContainsKey(nameof(Pad)) ? Pad : (int?)null,
            SkipErase = SkipErase,
            PreserveUnwritten = PreserveUnwritten,
            Incremental = Incremental,
            Verify = Verify,
        };
    }
}
