namespace Stm32Flash.Devices
{
    public static class TargetInterfaceExtensions
    {
        /// <summary>
        /// USART, I2C, SPI and CAN: the system bootloader's serial protocols, whose Write Memory takes only whole 32-bit words
        /// (N+1 a multiple of 4) at a word-aligned address. DFU, SWD and JTAG have no such rule.
        /// </summary>
        public static bool IsSerialBootloader(this TargetInterface targetInterface) =>
            targetInterface == TargetInterface.Usart || targetInterface == TargetInterface.I2c
            || targetInterface == TargetInterface.Spi || targetInterface == TargetInterface.Can;
    }
}
