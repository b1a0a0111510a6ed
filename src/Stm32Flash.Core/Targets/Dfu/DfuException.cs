namespace Stm32Flash.Targets.Dfu
{
    /// <summary>The device reported an error in GETSTATUS (bState dfuERROR): names the state and the status, e.g. errWRITE.</summary>
    public sealed class DfuException : TargetException
    {
        public DfuException(string operation, string message, DfuStatus reported, uint? address, string? likelyCause = null)
            : base(KindOf(reported.Status), operation, message, address, reported.ToString(), likelyCause ?? CauseOf(reported.Status))
        {
            Reported = reported;
            Transient = reported.Status == 15;
        }

        public DfuStatus Reported { get; }

        /// <summary>The status name, e.g. "errWRITE".</summary>
        public string StatusName => DfuCodes.StatusName(Reported.Status);

        /// <summary>The state name, e.g. "dfuERROR".</summary>
        public string StateName => DfuCodes.StateName(Reported.State);

        private static TargetErrorKind KindOf(int status) => status switch
        {
            1 => TargetErrorKind.AddressRefused,
            8 => TargetErrorKind.AddressRefused,
            3 or 4 or 5 or 6 or 7 => TargetErrorKind.FlashRule,
            11 => TargetErrorKind.ReadoutProtected,
            15 => TargetErrorKind.Protocol,
            _ => TargetErrorKind.Refused,
        };

        private static string? CauseOf(int status) => status switch
        {
            1 or 8 => "The address is outside the memory this alternate setting describes (Get-Stm32Probe -Usb lists them).",
            7 => "The flash was not erased where it was written, or a programming unit was written twice.",
            3 or 6 => "The flash could not be programmed: write protection, or a programming error; erase and write again.",
            4 => "The erase failed: the sector may be write-protected.",
            11 => "Readout protection is active; Unprotect-Stm32 -Readout removes it (and erases the flash).",
            _ => null,
        };
    }
}
