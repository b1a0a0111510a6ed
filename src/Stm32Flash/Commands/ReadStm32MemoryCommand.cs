using System;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Planning;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Reads a range of device memory as a segment. Address and Length bind from segments on the pipeline, so an image's ranges can be read back.</summary>
    [Cmdlet(VerbsCommunications.Read, "Stm32Memory")]
    [OutputType(typeof(Segment))]
    public sealed class ReadStm32MemoryCommand : Stm32SessionCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AddressTransformation(PipeImageInto = "Read-Stm32Memory")]
        public uint Address { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AddressTransformation(Maximum = int.MaxValue)]
        [ValidateRange(1, int.MaxValue)]
        public int Length { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            if ((ulong)Address + (ulong)Length > AddressRange.AddressSpaceEnd)
            {
                WriteError(NewError("AddressRefused", ErrorCategory.InvalidArgument, Address,
                    new TargetException(TargetErrorKind.AddressRefused, "Read-Stm32Memory",
                        $"{Length} bytes from 0x{Address:X8} would run past the end of the 32-bit address space (0xFFFFFFFF); nothing was read.", Address),
                    recommendedAction: $"Read at most {AddressRange.AddressSpaceEnd - Address} bytes from 0x{Address:X8}."));
                return;
            }
            var range = AddressRange.FromLength(Address, Length);
            if (ReadableMemory.Refusal(session.Device, range) is string refusal)
            {
                var longest = ReadableMemory.LongestRead(session.Device, Address);
                WriteError(NewError("AddressRefused", ErrorCategory.InvalidArgument, range,
                    new TargetException(TargetErrorKind.AddressRefused, "Read-Stm32Memory", refusal, Address),
                    recommendedAction: longest > 0
                        ? $"Read at most {longest} (0x{longest:X}) bytes from 0x{Address:X8}, or read each memory area on its own."
                        : "Read each memory area on its own."));
                return;
            }
            var activity = $"Reading {session.Device.Name}";
            long done = 0;
            try
            {
                var bytes = TargetMemory.Read(session.GetTarget()!, Address, Length, n =>
                {
                    done += n;
                    WriteProgress(new ProgressRecord(3, activity, $"{range}") { PercentComplete = (int)(done * 100 / Length) });
                    DrainMessages(3);
                }, Cancellation);
                WriteObject(new Segment(Address, bytes, SegmentSource.FromOrigin($"read from {session.Description}")));
            }
            catch (OperationCanceledException) when (Stopping)
            {
                throw new PipelineStoppedException();
            }
            catch (TargetException ex)
            {
                CompleteMessages(3);
                var error = DeviceErrors.FromTarget(ex, ErrorCategory.ReadError, range, $"reading {range}, {done} bytes read");
                if (DeviceErrors.IsConnectionLost(ex)) Terminate(error);
                WriteError(error);
            }
            finally
            {
                if (!Stopping) CompleteMessages(3);
                WriteProgress(new ProgressRecord(3, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
