namespace Stm32Flash.Devices.Definitions
{
    internal static class SizeText
    {
        public static string Of(long bytes) =>
            bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
            : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
            : $"{bytes} B";
    }
}
