namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>debugPort.</summary>
    public enum DebugPort
    {
        Jtag = 0,
        Swd = 1,
    }

    /// <summary>debugConnectMode; the CLI's mode=NORMAL|HOTPLUG|UR|POWERDOWN|HWRSTPULSE.</summary>
    public enum DebugConnectMode
    {
        Normal = 0,
        HotPlug = 1,
        UnderReset = 2,
        PowerDown = 3,
        PreReset = 4,
        HardwareResetPulse = 5,
    }

    /// <summary>debugResetMode; the CLI's reset=SWrst|HWrst|Crst.</summary>
    public enum DebugResetMode
    {
        Software = 0,
        Hardware = 1,
        Core = 2,
    }

    /// <summary>usartParity; the CLI's P=EVEN|ODD|NONE.</summary>
    public enum UsartParity
    {
        Even = 0,
        Odd = 1,
        None = 2,
    }

    /// <summary>usartFlowControl; the CLI's fc=OFF|HARDWARE|SOFTWARE.</summary>
    public enum UsartFlowControl
    {
        Off = 0,
        Hardware = 1,
        Software = 2,
    }

    /// <summary>The I2C speed mode (sm): standard (up to 100 kHz) or fast (up to 400 kHz).</summary>
    public enum I2cSpeedMode
    {
        Standard = 0,
        Fast = 1,
    }
}
