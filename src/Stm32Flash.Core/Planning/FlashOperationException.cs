using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stm32Flash.Targets;

namespace Stm32Flash.Planning
{
    /// <summary>
    /// A plan failed on the device. Says where (step, segment, chunk, address), what the device answered, the likely
    /// cause, and exactly which ranges were already erased, written and verified, so nobody has to guess what is on the chip.
    /// </summary>
    public sealed class FlashOperationException : Exception
    {
        internal FlashOperationException(FlashFailure failure, FlashStep step, uint address, int? segmentNumber, int segmentCount,
            TargetException? targetError, string reason, IReadOnlyList<AddressRange> erased, IReadOnlyList<AddressRange> programmed,
            IReadOnlyList<AddressRange> verified, Exception? inner = null)
            : base(Compose(failure, step, address, segmentNumber, segmentCount, targetError, reason, erased, programmed, verified), inner ?? targetError)
        {
            Failure = failure;
            Step = step;
            Address = address;
            SegmentNumber = segmentNumber;
            SegmentCount = segmentCount;
            TargetError = targetError;
            Reason = reason;
            Erased = erased;
            Programmed = programmed;
            Verified = verified;
        }

        public FlashFailure Failure { get; }

        /// <summary>The step that failed.</summary>
        public FlashStep Step { get; }

        public FlashStepKind Phase => Step.Kind;

        public uint Address { get; }

        /// <summary>1-based number of the input segment being written or verified, when there is one.</summary>
        public int? SegmentNumber { get; }

        public int SegmentCount { get; }

        public int? ChunkNumber => (Step as ProgramStep)?.ChunkNumber;

        public int? ChunkCount => (Step as ProgramStep)?.ChunkCount;

        /// <summary>The device's error, with its kind, reply and likely cause; null for a verify mismatch or a cancellation.</summary>
        public TargetException? TargetError { get; }

        /// <summary>What went wrong, without the location and the ranges.</summary>
        public string Reason { get; }

        /// <summary>What the device's answer usually means; null for a verify mismatch or a cancellation.</summary>
        public string? LikelyCause => TargetError?.LikelyCause;

        public IReadOnlyList<AddressRange> Erased { get; }

        public IReadOnlyList<AddressRange> Programmed { get; }

        public IReadOnlyList<AddressRange> Verified { get; }

        /// <summary>Erased ranges that hold nothing yet.</summary>
        public IReadOnlyList<AddressRange> ErasedNotWritten => PlanText.Subtract(Erased, Programmed);

        private static string Compose(FlashFailure failure, FlashStep step, uint address, int? segmentNumber, int segmentCount,
            TargetException? error, string reason, IReadOnlyList<AddressRange> erased, IReadOnlyList<AddressRange> programmed, IReadOnlyList<AddressRange> verified)
        {
            var text = new StringBuilder();
            var where = new List<string>();
            if (failure == FlashFailure.Cancelled) text.Append("Cancelled");
            else if (failure == FlashFailure.VerifyMismatch) text.Append("Verify failed");
            else if (error?.DeviceReply != null)
            {
                text.Append(error.DeviceReply);
                where.Add(error.Operation);
            }
            else text.Append(error?.Operation ?? step.Kind.ToString());
            text.Append($" at 0x{address:X8}");

            if (segmentNumber.HasValue) where.Add($"segment {segmentNumber} of {segmentCount}");
            switch (step)
            {
                case ProgramStep p: where.Add($"chunk {p.ChunkNumber} of {p.ChunkCount}"); break;
                case EraseStep e: where.Add($"erasing {e.UnitName}s {PlanText.Numbers(e.Pages)}"); break;
                case PreserveStep s: where.Add(s.Page is null ? "reading RAM next to the image" : $"reading {s.UnitName} {s.Page.Number} to preserve it"); break;
                case CompareStep _: where.Add("comparing pages"); break;
                case VerifyStep _: where.Add("verifying"); break;
            }
            text.Append(" (").Append(string.Join(", ", where)).Append("): ");
            text.Append(Sentence(reason));
            if (error?.LikelyCause != null) text.Append(" Likely cause: ").Append(Sentence(error.LikelyCause));
            text.Append(" Already written: ").Append(AddressRange.Describe(AddressRange.Coalesce(programmed)));
            text.Append(" (verified: ").Append(AddressRange.Describe(AddressRange.Coalesce(verified))).Append(").");
            var pending = PlanText.Subtract(erased, programmed);
            text.Append(" Erased but not yet written: ").Append(AddressRange.Describe(pending)).Append('.');
            return text.ToString();
        }

        private static string Sentence(string s)
        {
            s = s.Trim();
            return s.EndsWith(".", StringComparison.Ordinal) ? s : s + ".";
        }
    }
}
