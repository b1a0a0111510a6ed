using System;
using System.Linq;

namespace Stm32Flash.Bench
{
    internal static class Program
    {
        /// <summary>Every benchmark; add new ones here.</summary>
        private static readonly IBenchmark[] Benchmarks =
        {
            new HexBenchmark(),
            new UsartBenchmark(),
            new PlanBenchmark(),
            new FaultBenchmark(),
            new ParallelBenchmark(),
            new DfuBenchmark(),
        };

        private static int Main(string[] args)
        {
            var benchmark = args.Length == 0 ? null : Benchmarks.FirstOrDefault(b => string.Equals(b.Name, args[0], StringComparison.OrdinalIgnoreCase));
            if (benchmark == null)
            {
                Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Stm32Flash.Bench -- <benchmark> [options]");
                foreach (var b in Benchmarks) Console.Error.WriteLine($"  {b.Name,-8} {b.Description}\n           {b.Usage}");
                return 2;
            }
            try
            {
                return benchmark.Run(args.Skip(1).ToArray());
            }
            catch (BenchmarkException ex)
            {
                Console.Error.WriteLine($"{benchmark.Name}: {ex.Message}");
                return 1;
            }
        }
    }

    internal sealed class BenchmarkException : Exception
    {
        public BenchmarkException(string message)
            : base(message)
        {
        }
    }
}
