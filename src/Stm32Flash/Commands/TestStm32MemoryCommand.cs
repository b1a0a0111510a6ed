using System;
using System.Management.Automation;
using Stm32Flash.Planning;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Checks that segments are on the device: one result per segment (device CRC where offered, else read-back), or one bool with -Quiet.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "Stm32Memory")]
    [OutputType(typeof(VerifyResult), typeof(bool))]
    public sealed class TestStm32MemoryCommand : Stm32SessionCmdlet
    {
        private int _count;
        private bool _allMatch = true;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public Segment[] InputObject { get; set; } = Array.Empty<Segment>();

        /// <summary>Returns one bool: true when every segment matches.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            foreach (var segment in InputObject)
            {
                if (segment is null) continue;
                var number = ++_count;
                var activity = $"Verifying {session.Device.Name}";
                long done = 0;
                try
                {
                    var result = MemoryVerifier.Verify(session.GetTarget()!, segment, number, n =>
                    {
                        done += n;
                        WriteProgress(new ProgressRecord(2, activity, $"Segment {number} at 0x{segment.Address:X8}")
                        {
                            PercentComplete = segment.Length == 0 ? 100 : (int)Math.Min(100, done * 100 / segment.Length),
                        });
                        DrainMessages(2);
                    }, Cancellation);
                    _allMatch &= result.Match;
                    if (!Quiet) WriteObject(result);
                }
                catch (OperationCanceledException) when (Stopping)
                {
                    throw new PipelineStoppedException();
                }
                catch (TargetException ex)
                {
                    _allMatch = false;
                    CompleteMessages(2);
                    var error = DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, segment, $"verifying segment {number}, {segment.Range}");
                    if (DeviceErrors.IsConnectionLost(ex)) Terminate(error);
                    WriteError(error);
                }
                finally
                {
                    if (!Stopping) CompleteMessages(2);
                    WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }

        protected override void End()
        {
            if (!Quiet) return;
            if (_count == 0) WriteWarning("No segments to test; -Quiet answers false.");
            WriteObject(_count > 0 && _allMatch);
        }
    }
}
