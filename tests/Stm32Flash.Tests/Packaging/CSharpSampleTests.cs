using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FirmwareUpdater;
using Stm32Flash.Devices;
using Stm32Flash.Images;
using Stm32Flash.Targets.Simulation;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Packaging
{
    /// <summary>
    /// samples/dotnet/FlashViewModel.cs, the C# sample that README.md and the NuGet package's README show verbatim: it is
    /// compiled into this project, and here it flashes the sample image onto the simulator as a WPF window would.
    /// </summary>
    public class CSharpSampleTests
    {
        private static readonly string SamplePath = Repo.PathOf("samples", "dotnet", "FlashViewModel.cs");
        private static readonly string Image = Repo.PathOf("samples", "stm32l552-demo", "demo.hex");

        /// <summary>Runs Progress callbacks at once on the reporting thread, so that the test sees every report.</summary>
        private sealed class InlineContext : SynchronizationContext
        {
            public override void Post(SendOrPostCallback d, object? state) => d(state);
        }

        private static async Task<(bool Ok, FlashViewModel Model, List<string> Changes)> Flash(SimulatedTarget target)
        {
            var previous = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(new InlineContext());
            try
            {
                var model = new FlashViewModel();
                var changes = new List<string>();
                model.PropertyChanged += (_, e) => { lock (changes) changes.Add($"{e.PropertyName}={(e.PropertyName == "Percent" ? model.Percent : model.Status)}"); };
                var ok = await model.FlashAsync(Image, target);
                return (ok, model, changes);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }

        [Theory]
        [InlineData("README.md")]
        [InlineData("src/Stm32Flash.Core/README.md")]
        public void The_readme_shows_the_compiled_sample_verbatim(string readme)
        {
            var sample = File.ReadAllText(SamplePath).Replace("\r\n", "\n").TrimEnd('\n');
            var text = File.ReadAllText(Repo.PathOf(readme.Split('/'))).Replace("\r\n", "\n");
            Assert.Contains("```csharp\n" + sample + "\n```", text);
        }

        [Fact]
        public async Task The_sample_flashes_and_verifies_the_image_and_reports_progress()
        {
            using var target = new SimulatedTarget(DeviceCatalog.Get("STM32L552"));
            var (ok, model, changes) = await Flash(target);

            Assert.True(ok, model.Status);
            Assert.Equal("Wrote and verified 4 segment(s) on STM32L552.", model.Status);
            Assert.Equal(100, model.Percent);
            Assert.Contains(changes, c => c.StartsWith("Percent=", StringComparison.Ordinal) && c != "Percent=100");
            foreach (var segment in ImageReader.Read(Image).Segments)
            {
                var flash = new byte[segment.Length];
                target.Simulation.Read(segment.Address, flash);
                Assert.Equal(segment.Data, flash);
            }
        }

        [Fact]
        public async Task A_failed_write_puts_the_facts_in_Status_and_answers_false()
        {
            using var target = new SimulatedTarget(DeviceCatalog.Get("STM32L552"), new SimulatorOptions().WithFault(3, FaultKind.Disconnect));
            var (ok, model, _) = await Flash(target);

            Assert.False(ok);
            Assert.Matches("0x080[0-9A-F]{5}", model.Status);
            Assert.Contains("segment", model.Status);
        }
    }
}
