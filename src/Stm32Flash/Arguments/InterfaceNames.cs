using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;

namespace Stm32Flash.Arguments
{
    /// <summary>Interface names as STM32CubeProgrammer's CLI writes them (UART, USB, I2C ...), and the enum's names.</summary>
    internal static class InterfaceNames
    {
        /// <summary>The CLI's word for each interface, in the order users meet them.</summary>
        public static readonly IReadOnlyList<(string Word, TargetInterface Interface, string Description)> Words = new[]
        {
            ("SWD", TargetInterface.Swd, "Serial Wire Debug through an ST-LINK"),
            ("JTAG", TargetInterface.Jtag, "JTAG through an ST-LINK"),
            ("UART", TargetInterface.Usart, "the USART bootloader on a serial port"),
            ("I2C", TargetInterface.I2c, "the I2C bootloader through an STLINK-V3 bridge"),
            ("SPI", TargetInterface.Spi, "the SPI bootloader through an STLINK-V3 bridge"),
            ("CAN", TargetInterface.Can, "the CAN bootloader through an STLINK-V3 bridge"),
            ("DFU", TargetInterface.Dfu, "the USB DFU bootloader"),
        };

        private static readonly Dictionary<string, TargetInterface> Aliases = new Dictionary<string, TargetInterface>(StringComparer.OrdinalIgnoreCase)
        {
            ["UART"] = TargetInterface.Usart,
            ["USB"] = TargetInterface.Dfu,
        };

        public static string Word(TargetInterface value) => Words.First(w => w.Interface == value).Word;

        /// <summary>The interface a CLI word names (UART, USB); null for anything else, which the enum conversion handles.</summary>
        public static TargetInterface? FromCliWord(string text) => Aliases.TryGetValue(text.Trim(), out var i) ? i : (TargetInterface?)null;
    }
}
