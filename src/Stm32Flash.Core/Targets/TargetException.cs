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
    }
}
