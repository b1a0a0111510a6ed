using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>STM32_Programmer_CLI's words for connect settings, as users know them (mode=UR, reset=HWrst, P=EVEN, sm=FAST ...).</summary>
    public static class CliVocabulary
    {
        private static readonly Dictionary<string, DebugConnectMode> Modes = new Dictionary<string, DebugConnectMode>(StringComparer.OrdinalIgnoreCase)
        {
            ["NORMAL"] = DebugConnectMode.Normal,
            ["HOTPLUG"] = DebugConnectMode.HotPlug,
            ["UR"] = DebugConnectMode.UnderReset,
            ["POWERDOWN"] = DebugConnectMode.PowerDown,
            ["PRERESET"] = DebugConnectMode.PreReset,
            ["HWRSTPULSE"] = DebugConnectMode.HardwareResetPulse,
        };

        private static readonly Dictionary<string, DebugResetMode> Resets = new Dictionary<string, DebugResetMode>(StringComparer.OrdinalIgnoreCase)
        {
            ["SWrst"] = DebugResetMode.Software,
            ["HWrst"] = DebugResetMode.Hardware,
            ["Crst"] = DebugResetMode.Core,
        };

        public static DebugConnectMode ParseConnectMode(string word) => Parse(Modes, word, "connect mode");

        public static DebugResetMode ParseResetMode(string word) => Parse(Resets, word, "reset mode");

        public static UsartParity ParseParity(string word) => ParseEnum<UsartParity>(word, "parity (EVEN, ODD, NONE)");

        public static UsartFlowControl ParseFlowControl(string word) => ParseEnum<UsartFlowControl>(word, "flow control (OFF, HARDWARE, SOFTWARE)");

        public static I2cSpeedMode ParseSpeedMode(string word) => ParseEnum<I2cSpeedMode>(word, "I2C speed mode (STANDARD, FAST)");

        /// <summary>ENABLE/DISABLE, as the CLI writes the I2C filters.</summary>
        public static bool ParseEnable(string word) =>
            string.Equals(word, "ENABLE", StringComparison.OrdinalIgnoreCase) ? true
            : string.Equals(word, "DISABLE", StringComparison.OrdinalIgnoreCase) ? false
            : throw new FormatException($"'{word}' is not ENABLE or DISABLE.");

        public static string Word(DebugConnectMode mode) => Modes.First(m => m.Value == mode).Key;

        public static string Word(DebugResetMode mode) => Resets.First(m => m.Value == mode).Key;

        private static T Parse<T>(Dictionary<string, T> words, string word, string what) =>
            words.TryGetValue(word.Trim(), out var v) ? v
                : throw new FormatException($"'{word}' is not a {what}; use one of {string.Join(", ", words.Keys)}.");

        private static T ParseEnum<T>(string word, string what) where T : struct =>
            Enum.TryParse<T>(word.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(typeof(T), v) && !int.TryParse(word, out _)
                ? v : throw new FormatException($"'{word}' is not a {what}.");
    }
}
