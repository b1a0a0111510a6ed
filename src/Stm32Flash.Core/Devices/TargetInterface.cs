namespace Stm32Flash.Devices
{
    /// <summary>The way a host reaches a device. The simulator emulates one of these.</summary>
    public enum TargetInterface
    {
        Usart,
        I2c,
        Spi,
        Can,
        Dfu,
        Swd,
        Jtag,
    }
}
