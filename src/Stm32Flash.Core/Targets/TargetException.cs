using System;

namespace Stm32Flash.Targets
{
    /// <summary>A device operation failed. Says what was asked, what the device answered and what that usually means.</summary>
    public class TargetException : Exception
    {
        public TargetException(TargetErrorKind kind, string operation, string message,
            uint? address = null, string? deviceReply = null, string? likelyCause = null, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Operation = operation;
            Address = address;
            DeviceReply = deviceReply;
            LikelyCause = likelyCause;
        }

        public TargetErrorKind Kind { get; }

        /// <summary>The operation that failed, e.g. "Write Memory" or "writeMemory".</summary>
        public string Operation { get; }

        public uint? Address { get; }

        /// <summary>What the device or library answered, e.g. "NACK (0x1F) after the data block" or "-10 WRITE_MEM".</summary>
        public string? DeviceReply { get; }

        public string? LikelyCause { get; }

        /// <summary>A range an earlier operation reported written that turned out not to hold what was sent.</summary>
        public AddressRange? NotWritten { get; init; }

        /// <summary>
        /// The failure may not happen again: the answer was lost or damaged, the device was busy, or it refused a frame
        /// that noise can spoil. <see cref="RetryPolicy"/> tries such a transaction again.
        /// </summary>
        public bool Transient { get; init; }

        /// <summary>How many times the transaction was tried, this failure being the last.</summary>
        public int Attempts { get; internal set; } = 1;

        public override string Message => Attempts > 1 ? $"{base.Message.TrimEnd().TrimEnd('.')}. Tried {Attempts} times." : base.Message;
    }
}
