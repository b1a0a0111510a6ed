namespace Stm32Flash.Targets.Dfu
{
    /// <summary>A libusb call failed (the device stalled a request, went away, did not answer in time).</summary>
    public sealed class LibUsbTransferException : TargetException
    {
        public LibUsbTransferException(string operation, int code, string codeName, uint? address, string? likelyCause = null)
            : base(KindOf(code), operation, $"{operation} failed: {codeName} ({code}).", address, codeName, likelyCause ?? CauseOf(code))
        {
            Code = code;
            Transient = code == -9 || code == -7 || code == -1;
        }

        /// <summary>libusb's error code, e.g. -9 LIBUSB_ERROR_PIPE (a stall).</summary>
        public int Code { get; }

        private static TargetErrorKind KindOf(int code) => code switch
        {
            -4 => TargetErrorKind.Disconnected,
            -7 => TargetErrorKind.Timeout,
            -9 => TargetErrorKind.Protocol,
            -3 => TargetErrorKind.Refused,
            -12 => TargetErrorKind.NotSupported,
            _ => TargetErrorKind.Other,
        };

        private static string? CauseOf(int code) => code switch
        {
            -4 => "The device is gone from the bus: it was unplugged, reset, or left DFU mode.",
            -9 => "The device stalled the request: it refused it in its present DFU state.",
            -7 => "The device did not answer in time.",
            _ => null,
        };
    }
}
