using System;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Stm32Flash.Images;
using Stm32Flash.Planning;
using Stm32Flash.Targets;

namespace FirmwareUpdater
{
    /// <summary>
    /// What a WPF window binds to (a ProgressBar to Percent, a TextBlock to Status) to flash an image through any target:
    /// the simulator, the USART bootloader or CubeProgrammer_API. The work runs off the UI thread; Progress brings its
    /// reports back to the thread that created it.
    /// </summary>
    public sealed class FlashViewModel : INotifyPropertyChanged
    {
        private int _percent;
        private string _status = "";

        public event PropertyChangedEventHandler? PropertyChanged;

        public int Percent
        {
            get => _percent;
            private set { _percent = value; Changed(nameof(Percent)); }
        }

        public string Status
        {
            get => _status;
            private set { _status = value; Changed(nameof(Status)); }
        }

        /// <summary>Reads the image, writes it (merged, padded and chunked for the device) and verifies every segment.</summary>
        public async Task<bool> FlashAsync(string imagePath, ITarget target, CancellationToken cancellation = default)
        {
            IProgress<FlashProgress> progress = new Progress<FlashProgress>(p => { Percent = p.Percent; Status = p.Status; });
            try
            {
                var results = await Task.Run(() =>
                {
                    var segments = ImageReader.Read(imagePath).Segments;
                    var plan = FlashPlanner.Plan(segments, target);
                    new FlashExecutor(target) { Progress = progress.Report }.Execute(plan, cancellation);
                    return segments.Select((s, i) => MemoryVerifier.Verify(target, s, i + 1, cancellation: cancellation)).ToList();
                }, cancellation);
                var differ = results.Where(r => !r.Match).ToList();
                Status = differ.Count == 0
                    ? $"Wrote and verified {results.Count} segment(s) on {target.Device.Name}."
                    : $"{differ.Count} segment(s) differ, the first at 0x{differ[0].FirstMismatch:X8}.";
                return differ.Count == 0;
            }
            catch (FlashOperationException ex)
            {
                // Names the segment, address and chunk, what the device answered, and the ranges already written.
                Status = ex.Message;
                return false;
            }
        }

        private void Changed(string name) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
    }
}
