namespace Stm32Flash.Targets.Dfu
{
    /// <summary>DFU 1.1 states, requests and status codes by the names the specification and AN3156 give them.</summary>
    public static class DfuCodes
    {
        public const byte Detach = 0, Dnload = 1, Upload = 2, GetStatus = 3, ClrStatus = 4, GetState = 5, Abort = 6;

        public const byte SetAddressPointer = 0x21, Erase = 0x41, ReadUnprotect = 0x92;

        public const int StateIdle = 2, StateDnloadSync = 3, StateDnbusy = 4, StateDnloadIdle = 5, StateManifestSync = 6, StateManifest = 7,
            StateManifestWaitReset = 8, StateUploadIdle = 9, StateError = 10;

        private static readonly string[] States =
        {
            "appIDLE", "appDETACH", "dfuIDLE", "dfuDNLOAD-SYNC", "dfuDNBUSY", "dfuDNLOAD-IDLE", "dfuMANIFEST-SYNC", "dfuMANIFEST",
            "dfuMANIFEST-WAIT-RESET", "dfuUPLOAD-IDLE", "dfuERROR",
        };

        private static readonly string[] Statuses =
        {
            "OK", "errTARGET", "errFILE", "errWRITE", "errERASE", "errCHECK_ERASED", "errPROG", "errVERIFY", "errADDRESS", "errNOTDONE",
            "errFIRMWARE", "errVENDOR", "errUSBR", "errPOR", "errUNKNOWN", "errSTALLEDPKT",
        };

        private static readonly string[] Meanings =
        {
            "no error",
            "the address is wrong or unsupported for this memory",
            "the file failed a vendor check",
            "the device could not write the memory",
            "the memory erase failed",
            "the memory erase check failed",
            "the program memory function failed",
            "the programmed memory failed verification",
            "the address is out of range",
            "a DNLOAD ended before the data was complete",
            "the firmware is corrupt",
            "a vendor-specific error (ST: readout protection is active)",
            "an unexpected USB reset",
            "an unexpected power-on reset",
            "an unknown error",
            "the device stalled an unexpected request",
        };

        public static string StateName(int state) => state >= 0 && state < States.Length ? States[state] : $"state {state}";

        public static string StatusName(int status) => status >= 0 && status < Statuses.Length ? Statuses[status] : $"status {status}";

        public static string StatusMeaning(int status) => status >= 0 && status < Meanings.Length ? Meanings[status] : "an unknown status";
    }
}
