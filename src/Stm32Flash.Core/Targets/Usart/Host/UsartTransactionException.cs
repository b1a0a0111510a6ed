namespace Stm32Flash.Targets.Usart
{
    /// <summary>Where in a USART bootloader transaction the device refused or stopped answering.</summary>
    public enum UsartStage
    {
        /// <summary>The command byte and its complement.</summary>
        Command,
        /// <summary>The address frame (Read Memory, Write Memory, Go, Get Checksum).</summary>
        Address,
        /// <summary>A length, size, polynomial or initial value.</summary>
        Parameter,
        /// <summary>The data block of Write Memory, the page list of an erase, the sector list of Write Protect.</summary>
        Data,
        /// <summary>The device's reply once the work is done: data, a second ACK, a checksum.</summary>
        Result,
    }

    /// <summary>A USART bootloader transaction failed: which command, at which stage, what came back.</summary>
    public sealed class UsartTransactionException : TargetException
    {
        public UsartTransactionException(TargetErrorKind kind, byte command, UsartStage stage, string stageText, string message,
            uint? address, string? deviceReply, string? likelyCause, System.Exception? inner = null)
            : base(kind, UsartCodes.Name(command), message, address, deviceReply, likelyCause, inner)
        {
            Command = command;
            Stage = stage;
            StageText = stageText;
            // Noise loses or spoils frames, can turn an ACK into a NACK, and puts host and device out of step, so that the device
            // refuses a command or an address it would take; a NACK as the result refuses work the device did.
            Transient = kind == TargetErrorKind.Timeout || kind == TargetErrorKind.Protocol
                || (kind == TargetErrorKind.Refused && stage != UsartStage.Result)
                || (kind == TargetErrorKind.ReadoutProtected && stage == UsartStage.Command)
                || (kind == TargetErrorKind.AddressRefused && stage == UsartStage.Address);
        }

        public byte Command { get; }

        public UsartStage Stage { get; }

        /// <summary>The stage in words: "the command", "the address", "the data block"...</summary>
        public string StageText { get; }

        /// <summary>The same failure with another likely cause, for a caller that knows more about why.</summary>
        public UsartTransactionException WithLikelyCause(string likelyCause) =>
            new UsartTransactionException(Kind, Command, Stage, StageText, Message, Address, DeviceReply, likelyCause, InnerException);

        /// <summary>True when the request went out whole, so the device may have done the work before the answer was lost.</summary>
        public bool RequestSent => Stage == UsartStage.Data || Stage == UsartStage.Result;
    }
}
