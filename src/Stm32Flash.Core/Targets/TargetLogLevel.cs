namespace Stm32Flash.Targets
{
    public enum TargetLogLevel
    {
        Verbose,
        Information,
        Warning,
        Error,
    }
}
