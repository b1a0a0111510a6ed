namespace Stm32Flash.Bench
{
    /// <summary>One benchmark, run as a subcommand: <c>dotnet run -c Release --project bench/Stm32Flash.Bench -- NAME [options]</c>.</summary>
    internal interface IBenchmark
    {
        string Name { get; }

        string Description { get; }

        /// <summary>Options text for the usage message.</summary>
        string Usage { get; }

        int Run(string[] args);
    }
}
