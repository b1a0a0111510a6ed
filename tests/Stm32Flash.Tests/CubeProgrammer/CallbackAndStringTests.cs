using System;
using System.IO;
using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.CubeProgrammer.Interop;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>wchar_t text both ways, and the display callbacks reaching the target's log and progress from any thread.</summary>
    public class CallbackAndStringTests : FakeLibraryTest
    {
        private const string NonAscii = "Fehler beim Schreiben: Prüfsumme ≠ 0x1F — 書き込み失敗 🚀";

        [Fact]
        public void Wide_strings_are_utf32_with_a_four_byte_terminator_on_linux()
        {
            Assert.Equal(4, Fake().SizeOf("wchar_t"));
            Assert.Equal(new byte[] { 0x41, 0, 0, 0, 0x80, 0xF6, 0x01, 0, 0, 0, 0, 0 }, WideString.Encode("A\U0001F680"));
        }

        [Fact]
        public void Log_text_with_non_ascii_characters_reaches_the_target_log_on_this_thread_and_another()
        {
            var fake = Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var log = new LogRecorder();
            var progress = new System.Collections.Concurrent.ConcurrentQueue<(int, int, int)>();
            target.Log = log.Add;
            target.Progress = (done, total) => progress.Enqueue((done, total, Environment.CurrentManagedThreadId));

            fake.EmitLog(5, NonAscii, fromOtherThread: false);
            fake.EmitLog(4, "second: ½ ✓", fromOtherThread: true);

            var entries = log.Entries.ToArray();
            Assert.Equal(2, entries.Length);
            Assert.Equal((TargetLogLevel.Error, NonAscii), (entries[0].Level, entries[0].Text));
            Assert.Equal((TargetLogLevel.Warning, "second: ½ ✓"), (entries[1].Level, entries[1].Text));
            Assert.Equal(MainThread, entries[0].Thread);
            Assert.NotEqual(MainThread, entries[1].Thread);
            Assert.Equal(new[] { (7, 9), (7, 9) }, progress.Select(p => (p.Item1, p.Item2)));
            Assert.NotEqual(MainThread, progress.Last().Item3);
        }

        [Theory]
        [InlineData(0, TargetLogLevel.Information)]
        [InlineData(3, TargetLogLevel.Information)]
        [InlineData(4, TargetLogLevel.Warning)]
        [InlineData(5, TargetLogLevel.Error)]
        [InlineData(6, TargetLogLevel.Verbose)]
        [InlineData(8, TargetLogLevel.Verbose)]
        [InlineData(9, TargetLogLevel.Information)]
        [InlineData(10, TargetLogLevel.Warning)]
        [InlineData(11, TargetLogLevel.Error)]
        public void Message_types_map_to_log_levels(int type, TargetLogLevel level) => Assert.Equal(level, LoadedApi.LevelOf(type));

        [Fact]
        public void Progress_from_a_write_reaches_the_target()
        {
            Fake();
            using var target = Load(new LogRecorder()).Connect(I2c());
            var seen = new System.Collections.Concurrent.ConcurrentQueue<(int, int)>();
            target.Progress = (d, t) => seen.Enqueue((d, t));
            target.Write(0x08000000, new byte[256]);
            Assert.Equal(new[] { (0, 0), (0, 256), (256, 256) }, seen);
        }

        [Fact]
        public void Library_messages_before_a_connection_reach_the_library_log()
        {
            var fake = Fake();
            var log = new LogRecorder();
            using (Load(log).Connect(I2c()))
            {
            }
            Assert.Contains(log.At(TargetLogLevel.Information), m => m == "Device ID : 0x0472");
            fake.EmitLog(1, "after disconnect", false);
            Assert.DoesNotContain(log.Entries, e => e.Text == "after disconnect");
        }

        [Fact]
        public void A_download_path_with_non_ascii_characters_reaches_the_library_intact()
        {
            var fake = Fake();
            var folder = Path.Combine(Build.Root, "Prüfung 書き込み 🚀");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, "fw ä.hex");
            File.WriteAllText(file, ":00000001FF\n");
            using var target = Load(new LogRecorder()).Connect(I2c());
            target.DownloadFile(file, 0x08000000, skipErase: true, verify: false);
            Assert.Equal(file, fake.LastDownloadPath);
            Assert.Contains($"downloadFile {file} 0x08000000 skipErase=1 verify=0 -> 0", fake.Calls);

            var missing = Path.Combine(folder, "nicht da.hex");
            var e = Assert.Throws<TargetException>(() => target.DownloadFile(missing, 0x08000000, false, true));
            Assert.Equal("-4 NO_FILE", e.DeviceReply);
            Assert.Equal(missing, fake.LastDownloadPath);
        }
    }
}
