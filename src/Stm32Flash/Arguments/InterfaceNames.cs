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

        /// <summary>
        /// The interface a name gives: the enum's names in any case (Usart, i2c) or the CLI's words (UART, USB); null for
        /// anything else.
        /// </summary>
        public static TargetInterface? Find(string text)
        {
            var trimmed = text.Trim();
            if (FromCliWord(trimmed) is { } word) return word;
            return Enum.GetNames(typeof(TargetInterface)).FirstOrDefault(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)) is { } name
                ? (TargetInterface)Enum.Parse(typeof(TargetInterface), name)
                : (TargetInterface?)null;
        }

        /// <summary>The interface of a name the transformation has already checked.</summary>
        public static TargetInterface Parse(string text) =>
            Find(text) ?? throw new ArgumentException($"'{text}' is not an interface.");

        /// <summary>What an interface name may be, for a message.</summary>
        public static string Accepted =>
            string.Join(", ", Enum.GetNames(typeof(TargetInterface))) + " (or the CLI's words: " + string.Join(", ", Words.Select(w => w.Word)) + ", USB)";

        /// <summary>The interface a CLI word names (UART, USB); null for anything else.</summary>
        public static TargetInterface? FromCliWord(string text) => Aliases.TryGetValue(text.Trim(), out var i) ? i : (TargetInterface?)null;
    }
}
