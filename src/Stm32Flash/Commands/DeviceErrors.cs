using System;
using System.Management.Automation;
using Stm32Flash.Planning;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>ErrorRecords for planning refusals and device failures: a specific ErrorId per kind, an honest category, the segment as target.</summary>
    internal static class DeviceErrors
    {
        /// <summary>The refusal as an InvalidArgument record; its target is the segment at fault, else <paramref name="target"/> (e.g. the -Pad value).</summary>
        public static ErrorRecord FromPlan(FlashPlanException ex, object? target = null)
        {
            var id = ex.Error switch
            {
                FlashPlanError.AddressRefused => "AddressRefused",
                FlashPlanError.ReservedRam => "ReservedRam",
                FlashPlanError.OptionBytes => "OptionBytesNotWritten",
                FlashPlanError.SystemMemory => "SystemMemoryReadOnly",
                FlashPlanError.Overlap => "SegmentOverlap",
                FlashPlanError.PadBelowUnit => "PadBelowUnit",
                _ => "InvalidFlashOptions",
            };
            return new ErrorRecord(ex, id, ErrorCategory.InvalidArgument, (object?)ex.Segment ?? target);
        }

        public static ErrorRecord FromFlash(FlashOperationException ex, object? target)
        {
            string id;
            ErrorCategory category;
            switch (ex.Failure)
            {
                case FlashFailure.Cancelled:
                    id = "Cancelled";
                    category = ErrorCategory.OperationStopped;
                    break;
                case FlashFailure.VerifyMismatch:
                    id = "VerifyMismatch";
                    category = ErrorCategory.WriteError;
                    break;
                default:
                    var phase = ex.Phase == FlashStepKind.Program || ex.Phase == FlashStepKind.Erase ? ErrorCategory.WriteError : ErrorCategory.ReadError;
                    (id, category) = Classify(ex.TargetError!, phase);
                    break;
            }
            var record = new ErrorRecord(ex, id, category, target);
            var note = ex.TargetError?.Kind == TargetErrorKind.Timeout ? ModuleRemoval.TimeoutNote : null;
            if (ex.TargetError?.LikelyCause != null || note != null)
                record.ErrorDetails = new ErrorDetails(ex.Message + note) { RecommendedAction = ex.TargetError?.LikelyCause };
            return record;
        }

        public static ErrorRecord FromTarget(TargetException ex, ErrorCategory phase, object? target, string? context = null)
        {
            var (id, category) = Classify(ex, phase);
            var message = (ex.DeviceReply != null ? $"{ex.DeviceReply} to {ex.Operation}" : ex.Operation)
                + (ex.Address.HasValue ? $" at 0x{ex.Address.Value:X8}" : "") + (context != null ? $" ({context})" : "") + ": " + ex.Message
                + (ex.LikelyCause != null ? " Likely cause: " + ex.LikelyCause : "")
                + (ex.Kind == TargetErrorKind.Timeout ? ModuleRemoval.TimeoutNote : null);
            return new ErrorRecord(ex, id, category, target) { ErrorDetails = new ErrorDetails(message) { RecommendedAction = ex.LikelyCause } };
        }

        /// <summary>The device is not the one -Device named; the same record from every backend.</summary>
        public static ErrorRecord Mismatch(DeviceMismatchException ex, string? named, string where) =>
            new ErrorRecord(ex, "DeviceMismatch", ErrorCategory.InvalidArgument, named)
            {
                ErrorDetails = new ErrorDetails($"{ex.Message} ({where})") { RecommendedAction = ex.LikelyCause },
            };

        public static (string id, ErrorCategory category) Classify(TargetException ex, ErrorCategory phase) => ex.Kind switch
        {
            TargetErrorKind.FlashRule => ("FlashRuleViolation", ErrorCategory.WriteError),
            TargetErrorKind.Refused => ("DeviceRefused", phase),
            TargetErrorKind.Timeout => ("DeviceTimeout", ErrorCategory.ConnectionError),
            TargetErrorKind.Disconnected => ("DeviceDisconnected", ErrorCategory.ConnectionError),
            TargetErrorKind.Protocol => ("ProtocolError", ErrorCategory.ProtocolError),
            TargetErrorKind.ReadoutProtected => ("ReadoutProtected", ErrorCategory.PermissionDenied),
            TargetErrorKind.WriteProtected => ("WriteProtected", ErrorCategory.PermissionDenied),
            TargetErrorKind.AddressRefused => ("AddressRefused", ErrorCategory.InvalidArgument),
            TargetErrorKind.NotSupported => ("NotSupported", ErrorCategory.NotImplemented),
            TargetErrorKind.Busy => ("DeviceBusy", ErrorCategory.ResourceBusy),
            _ => ("DeviceError", ErrorCategory.DeviceError),
        };

        public static bool IsStop(Exception ex) => ex is FlashOperationException f && f.Failure == FlashFailure.Cancelled || ex is OperationCanceledException;
    }
}
