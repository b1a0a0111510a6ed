using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Cmdlets
{
    public class SampleImageTests
    {
        private static string Folder => Repo.PathOf("samples", "stm32l552-demo");

        // Just enough Intel HEX (types 00, 01, 04) to read the sample here; the module's reader is Get-HexSegment.
        private static List<Segment> ReadHex(string path)
        {
            var segments = new List<(uint address, List<byte> bytes)>();
            uint upper = 0;
            foreach (var line in File.ReadLines(path))
            {
                var raw = Convert.FromHexString(line.Trim().TrimStart(':'));
                var type = raw[3];
                if (type == 4) upper = (uint)(raw[4] << 24 | raw[5] << 16);
                if (type != 0) continue;
                var address = upper + (uint)(raw[1] << 8 | raw[2]);
                var data = raw.Skip(4).Take(raw[0]);
                if (segments.Count > 0 && segments[^1].address + segments[^1].bytes.Count == address) segments[^1].bytes.AddRange(data);
                else segments.Add((address, data.ToList()));
            }
            return segments.Select(s => new Segment(s.address, s.bytes.ToArray())).ToList();
        }

        [Fact]
        public void The_committed_sample_is_what_build_sh_makes_from_the_source()
        {
            var output = Path.Combine(Path.GetTempPath(), "stm32flash-sample-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var build = Process.Start(new ProcessStartInfo("bash", $"\"{Path.Combine(Folder, "build.sh")}\" \"{output}\"") { RedirectStandardError = true })!;
                var errors = build.StandardError.ReadToEnd();
                build.WaitForExit();
                Assert.True(build.ExitCode == 0, errors);
                Assert.Equal(File.ReadAllText(Path.Combine(Folder, "demo.hex")), File.ReadAllText(Path.Combine(output, "demo.hex")));
            }
            finally
            {
                if (Directory.Exists(output)) Directory.Delete(output, true);
            }
        }

        [Fact]
        public void The_sample_has_separate_segments_and_goes_through_the_main_job()
        {
            var segments = ReadHex(Path.Combine(Folder, "demo.hex"));
            Assert.Equal(new uint[] { 0x08000000, 0x08008000, 0x08010003, 0x0807F800 }, segments.Select(s => s.Address));
            using var ps = new PsSession();
            var results = ps.Run("$null = Connect-Stm32 -Simulator STM32L552; $args[0] | Write-Stm32Memory -Pad 8 -PassThru | Test-Stm32Memory", new object[] { segments.ToArray() })
                .AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(4, results.Count);
            Assert.All(results, r => Assert.True(r.Match));
            Assert.True((bool)ps.Run("$args[0] | Test-Stm32Memory -Quiet", new object[] { segments.ToArray() }).AssertNoErrors().Output.Single().BaseObject);
        }
    }
}
