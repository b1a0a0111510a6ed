using System.Collections.Generic;
using Stm32Flash.Planning;

namespace Stm32Flash
{
    /// <summary>
    /// How a Write-Stm32Memory ended when it failed or was stopped, as the session keeps it: the error's id and message,
    /// where, and the ranges already erased, written and verified.
    /// </summary>
    public sealed class WriteFailure
    {
        internal WriteFailure(string errorId, FlashOperationException failure)
        {
            ErrorId = errorId;
            Message = failure.Message;
            Failure = failure.Failure;
            Phase = failure.Phase;
            Step = failure.Step.ToString();
            Reason = failure.Reason;
            LikelyCause = failure.LikelyCause;
            Address = failure.Address;
            SegmentNumber = failure.SegmentNumber;
            ChunkNumber = failure.ChunkNumber;
            Erased = failure.Erased;
            Programmed = failure.Programmed;
            Verified = failure.Verified;
            ErasedNotWritten = failure.ErasedNotWritten;
        }

        /// <summary>The ErrorId of the error Write-Stm32Memory wrote (DeviceTimeout, VerifyMismatch, Cancelled, ...).</summary>
        public string ErrorId { get; }

        /// <summary>Where, what the device answered, the likely cause, and the ranges written and erased.</summary>
        public string Message { get; }

        public FlashFailure Failure { get; }

        /// <summary>What the failed step was doing: erase, program, verify ...</summary>
        public FlashStepKind Phase { get; }

        /// <summary>The plan step that failed, as the plan shows it.</summary>
        public string Step { get; }

        /// <summary>What went wrong, without the where and the ranges the message adds.</summary>
        public string Reason { get; }

        public string? LikelyCause { get; }

        public uint Address { get; }

        /// <summary>1-based number of the input segment being written or verified, when there is one.</summary>
        public int? SegmentNumber { get; }

        public int? ChunkNumber { get; }

        public IReadOnlyList<AddressRange> Erased { get; }

        public IReadOnlyList<AddressRange> Programmed { get; }

        public IReadOnlyList<AddressRange> Verified { get; }

        /// <summary>Erased ranges nothing was written to again: blank now.</summary>
        public IReadOnlyList<AddressRange> ErasedNotWritten { get; }

        public override string ToString() => $"{ErrorId}: {Message}";
    }
}
