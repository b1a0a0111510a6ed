using System;
using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>STM32CubeProgrammer 2.17 is the oldest library used: older ones are refused saying so; 2.17 lacks the hardware reset pulse mode.</summary>
    public class SupportedVersionTests : FakeLibraryTest
    {
        [Fact]
        public void A_library_older_than_2_17_is_refused_naming_its_version_and_the_minimum()
        {
            var e = Assert.Throws<CubeProgrammerVersionException>(() => Load(new LogRecorder(), FakeLibraryBuild.V216Logged));
            Assert.Contains("STM32CubeProgrammer 2.16.0 (the library logged \"STM32CubeProgrammer API v2.16.0 | Linux-64Bits\")", e.Message);
            Assert.Contains("needs 2.17 or later", e.Message);
            Assert.Equal(new Version(2, 16, 0), e.FoundVersion);
            Assert.Equal(new Version(2, 17), e.MinimumVersion);
            Assert.Equal(Build.LibraryPath(FakeLibraryBuild.V216Logged), e.LibraryPath);
        }

        [Fact]
        public void An_older_library_that_shows_no_version_is_refused_by_its_missing_freeLibraryMemory()
        {
            var e = Assert.Throws<CubeProgrammerVersionException>(() => Load(new LogRecorder(), FakeLibraryBuild.V216, ApiLayoutVersion.V2_18));
            Assert.Null(e.FoundVersion);
            Assert.Equal("freeLibraryMemory", e.MissingExport);
            Assert.Contains("has no export 'freeLibraryMemory', which CubeProgrammer_API has from STM32CubeProgrammer 2.17 on", e.Message);
            Assert.Contains("needs 2.17 or later", e.Message);
        }

        [Fact]
        public void A_2_17_library_loads_and_connects()
        {
            var fake = Fake(FakeLibraryBuild.V217);
            using var target = Load(new LogRecorder(), FakeLibraryBuild.V217, ApiLayoutVersion.V2_17).Connect(new DebugConnectOptions { Mode = DebugConnectMode.UnderReset });
            Assert.Contains("connectStLink -> 0", fake.Calls);
            var data = new byte[8];
            target.Read(0x08000000, data);
            Assert.Single(fake.CallsTo("freeLibraryMemory"));
        }

        [Fact]
        public void The_hardware_reset_pulse_mode_is_not_sent_to_a_2_17_library()
        {
            var fake = Fake(FakeLibraryBuild.V217);
            var library = Load(new LogRecorder(), FakeLibraryBuild.V217, ApiLayoutVersion.V2_17);
            var e = Assert.Throws<TargetException>(() => library.Connect(new DebugConnectOptions { Mode = DebugConnectMode.HardwareResetPulse }));
            Assert.Equal(TargetErrorKind.NotSupported, e.Kind);
            Assert.Contains("from STM32CubeProgrammer 2.18 on", e.Message);
            Assert.Empty(fake.CallsTo("connectStLink"));
        }

        [Fact]
        public void The_hardware_reset_pulse_mode_needs_a_known_version_and_reaches_a_2_18_library()
        {
            var fake = Fake();
            var assumed = Load(new LogRecorder());
            Assert.True(assumed.Layout.IsFallback);
            var e = Assert.Throws<ApiLayoutRequiredException>(() => assumed.Connect(new DebugConnectOptions { Mode = DebugConnectMode.HardwareResetPulse }));
            Assert.Equal("HardwareResetPulse", e.Setting);
            Assert.Empty(fake.CallsTo("connectStLink"));

            using (Load(new LogRecorder(), layout: ApiLayoutVersion.V2_18).Connect(new DebugConnectOptions { Mode = DebugConnectMode.HardwareResetPulse }))
                Assert.Equal(5, fake.Int32At(fake.LastStruct("debugConnectParameters"), "debugConnectParameters", "connectionMode"));
        }

        [Fact]
        public void The_2_17_fake_refuses_the_mode_its_header_lacks()
        {
            var fake = Fake(FakeLibraryBuild.V217);
            var library = Load(new LogRecorder(), FakeLibraryBuild.V217, ApiLayoutVersion.V2_18);
            var e = Assert.Throws<TargetException>(() => library.Connect(new DebugConnectOptions { Mode = DebugConnectMode.HardwareResetPulse }));
            Assert.Equal("-8 WRONG_PARAM", e.DeviceReply);
            Assert.Equal("disconnect", fake.Calls.Last());
        }
    }
}
