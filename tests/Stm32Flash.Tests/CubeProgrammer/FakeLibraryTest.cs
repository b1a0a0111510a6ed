using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>Tests that drive the fake library run one at a time: it is one global state machine, like ST's.</summary>
    [CollectionDefinition(Name)]
    public sealed class FakeLibraryCollection
    {
        public const string Name = "CubeProgrammer fake library";
    }

    public sealed class LogRecorder
    {
        public ConcurrentQueue<(TargetLogLevel Level, string Text, int Thread)> Entries { get; } = new ConcurrentQueue<(TargetLogLevel, string, int)>();

        public void Add(TargetLogLevel level, string text) => Entries.Enqueue((level, text, Environment.CurrentManagedThreadId));

        public IEnumerable<string> At(TargetLogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Text);

        public string All => string.Join("\n", Entries.Select(e => $"{e.Level}: {e.Text}"));
    }

    [Collection(FakeLibraryCollection.Name)]
    public abstract class FakeLibraryTest
    {
        private static readonly ConcurrentDictionary<string, FakeApi> Fakes = new ConcurrentDictionary<string, FakeApi>();

        protected static FakeLibraryBuild Build => FakeLibraryBuild.Instance;

        /// <summary>The variant's fake_* exports, with the fake reset to a blank L552.</summary>
        protected static FakeApi Fake(string variant = FakeLibraryBuild.Default)
        {
            var fake = Fakes.GetOrAdd(variant, v => new FakeApi(Build.LibraryPath(v)));
            fake.Reset();
            return fake;
        }

        protected static CubeProgrammerLibrary Load(LogRecorder log, string variant = FakeLibraryBuild.Default,
            ApiLayoutVersion layout = ApiLayoutVersion.Auto) =>
            CubeProgrammerLibrary.Load(new CubeProgrammerLoadOptions { ApiPath = Build.InstallFolder(variant), LayoutVersion = layout }, log.Add);

        protected static I2cConnectOptions I2c(byte address = 0x4A) => new I2cConnectOptions { Address = address, SpeedKHz = 400 };

        protected static int MainThread => Thread.CurrentThread.ManagedThreadId;
    }
}
