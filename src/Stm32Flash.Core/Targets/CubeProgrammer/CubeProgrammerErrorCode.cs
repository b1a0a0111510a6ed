namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>cubeProgrammerError: what the API's int-returning functions give on failure.</summary>
    public enum CubeProgrammerErrorCode
    {
        NO_ERROR = 0,
        NOT_CONNECTED = -1,
        NO_DEVICE = -2,
        CONNECTION = -3,
        NO_FILE = -4,
        NOT_SUPPORTED = -5,
        INTERFACE_NOT_SUPPORTED = -6,
        NO_MEM = -7,
        WRONG_PARAM = -8,
        READ_MEM = -9,
        WRITE_MEM = -10,
        ERASE_MEM = -11,
        UNSUPPORTED_FILE_FORMAT = -12,
        REFRESH_REQUIRED = -13,
        NO_SECURITY = -14,
        CHANGE_FREQ = -15,
        RDP_ENABLED = -16,
        OTHER = -99,
    }
}
