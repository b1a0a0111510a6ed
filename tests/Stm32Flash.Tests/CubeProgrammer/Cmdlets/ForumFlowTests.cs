using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Stm32Flash.Planning;
using Stm32Flash.Tests.Planning;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>
    /// The forum case through the cmdlets over the fake I2C bootloader: six segments, the last the largest, boundaries off
    /// the L552's 8-byte flash word and two segments sharing one. What writeMemory must receive is worked out here from
    /// the image and the rules (8-byte units, 256-byte writes), not taken from the planner.
    /// </summary>
    public class ForumFlowTests : FakeLibraryTest
    {
        private const uint Unit = 8;
        private const int MaxWrite = 256;
        private const uint PageSize = 2048;

        private static readonly Regex WriteCall = new Regex(@"^writeMemory 0x([0-9A-F]{8}) (\d+) -> (-?\d+)$");

        /// <summary>Every 8-byte unit an image byte falls in, merged into runs: what must be written, padded with 0xFF.</summary>
        private static List<AddressRange> PaddedRanges(IEnumerable<Segment> image) =>
            Runs(image.SelectMany(s => Enumerable.Range(0, (int)s.Length).Select(i => (s.Address + (uint)i) & ~(Unit - 1))).Distinct(), Unit);

        private static List<AddressRange> Runs(IEnumerable<uint> starts, uint size)
        {
            var runs = new List<AddressRange>();
            foreach (var a in starts.OrderBy(a => a))
            {
                if (runs.Count > 0 && runs[^1].End == a) runs[^1] = new AddressRange(runs[^1].Start, a + (ulong)size);
                else runs.Add(new AddressRange(a, a + (ulong)size));
            }
            return runs;
        }

        /// <summary>The runs cut into writes of at most 256 bytes (all runs start on 256-byte boundaries here but one of 72 bytes).</summary>
        private static List<AddressRange> Chunks(IEnumerable<AddressRange> runs) =>
            runs.SelectMany(r => Enumerable.Range(0, (int)((r.Length + MaxWrite - 1) / MaxWrite))
                .Select(i => new AddressRange(r.Start + (uint)(i * MaxWrite), Math.Min(r.End, r.Start + (ulong)(i + 1) * MaxWrite)))).ToList();

        private static List<AddressRange> Units(IEnumerable<AddressRange> ranges, uint size) =>
            ranges.SelectMany(r => Enumerable.Range(0, (int)(r.Length / size)).Select(i => new AddressRange(r.Start + (uint)i * size, r.Start + (ulong)(i + 1) * size))).ToList();

        private static List<(uint Address, int Size, int Rc)> Writes(FakeApi fake) =>
            fake.CallsTo("writeMemory").Select(c => WriteCall.Match(c)).Select(m =>
                (Convert.ToUInt32(m.Groups[1].Value, 16), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value))).ToList();

        [Fact]
        public void The_default_write_hands_writememory_aligned_merged_padded_chunks_and_test_passes()
        {
            var fake = Fake();
            var image = ForumImage.Build();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            var result = shell.Run("$args[0] | Write-Stm32Memory -PassThru | Test-Stm32Memory", new object[] { image }).AssertNoErrors();

            var verified = result.Output.Select(o => o.BaseObject).Cast<VerifyResult>().ToList();
            Assert.Equal(5, verified.Count);
            Assert.All(verified, v => Assert.True(v.Match));

            var expected = Chunks(PaddedRanges(image));
            var writes = Writes(fake);
            Assert.Equal(expected.Select(c => (c.Start, (int)c.Length, 0)), writes);
            Assert.All(writes, w => Assert.True(w.Address % Unit == 0 && w.Size % Unit == 0 && w.Size <= MaxWrite));

            var pages = Units(PaddedRanges(image), 1).Select(u => (u.Start - 0x08000000) / PageSize).Distinct().OrderBy(p => p);
            Assert.Equal(new[] { $"sectorErase {string.Join(",", pages)} (null) -> 0" }, fake.CallsTo("sectorErase"));

            foreach (var s in image) Assert.Equal(s.Data, fake.ReadFlash(s.Address, (int)s.Length));
            var shared = fake.ReadFlash(ForumImage.SharedDoubleWord, 8);
            Assert.Equal(image[0].Data.Skip(0x1F0).Concat(new byte[] { 0xFF, 0xFF }).Concat(image[1].Data.Take(3)), shared);
            // Every read of flash succeeded (the fake refuses the option bytes and the flash-size register connect asks for).
            Assert.All(fake.CallsTo("readMemory").Where(r => r.StartsWith("readMemory 0x08", StringComparison.Ordinal)), r => Assert.EndsWith("-> 0", r));
            Assert.Equal(fake.Counter("alloc"), fake.Counter("free"));
        }

        [Fact]
        public void Pad_1_fails_with_write_mem_naming_segment_address_chunk_and_what_was_written()
        {
            var fake = Fake();
            var image = ForumImage.Build();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            // Refused before the device is touched, unless forced to show what the device does with it.
            var refused = Assert.Single(shell.Run("$args[0] | Write-Stm32Memory -Pad 1", new object[] { image }).Errors);
            Assert.Equal("PadBelowUnit,Stm32Flash.Commands.WriteStm32MemoryCommand", refused.FullyQualifiedErrorId);
            Assert.Empty(fake.CallsTo("sectorErase"));
            Assert.Empty(fake.CallsTo("writeMemory"));
            var plan = shell.Run("$args[0] | Get-Stm32FlashPlan -Pad 1 -Force", new object[] { image }).AssertNoErrors();
            var chunkCount = plan.Output.Count(o => o.BaseObject is ProgramStep);

            var result = shell.Run("$args[0] | Write-Stm32Memory -Pad 1 -Force", new object[] { image });
            var error = Assert.Single(result.Errors);
            Assert.Equal("DeviceRefused,Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Same(image[0], error.TargetObject);
            // The first segment's second chunk is its 243-byte tail: not whole 8-byte units.
            var message = error.Exception.Message;
            Assert.StartsWith($"-10 WRITE_MEM at 0x08000100 (writeMemory, segment 1 of 6, chunk 2 of {chunkCount}): writeMemory of 243 bytes at 0x08000100", message);
            Assert.Contains("The library said: \"Error: flash is written in whole 8-byte units (0x08000100, 243 bytes)\"", message);
            Assert.Contains(" Likely cause: the I2c bootloader refused the write: flash is programmed in whole, aligned 8-byte units", message);
            Assert.Contains(" Already written: 0x08000000..0x08000100 (verified: none).", message);
            var failure = Assert.IsType<FlashOperationException>(error.Exception);
            Assert.Equal(new[] { new AddressRange(0x08000000, 0x08000100) }, failure.Programmed);
            Assert.Equal(new[] { (0x08000000u, 256, 0), (0x08000100u, 243, -10) }, Writes(fake));
        }

        [Fact]
        public void An_injected_failure_in_the_last_segment_reports_its_chunk_and_every_range_already_written()
        {
            var fake = Fake();
            var image = ForumImage.Build();
            var chunks = Chunks(PaddedRanges(image));
            const int failing = 50;
            fake.Fail("writeMemory", failing, -10);
            using var shell = new CubeShell();
            shell.ConnectI2c();
            var result = shell.Run("$args[0] | Write-Stm32Memory", new object[] { image });

            var error = Assert.Single(result.Errors);
            Assert.Equal("DeviceRefused,Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Same(image[5], error.TargetObject);
            var chunk = chunks[failing - 1];
            Assert.True(image[5].Range.Contains(chunk.Start));
            var written = Runs(Units(chunks.Take(failing - 1), Unit).Select(u => u.Start), Unit);
            var erased = Runs(Units(PaddedRanges(image), 1).Select(u => u.Start & ~(PageSize - 1)).Distinct(), PageSize);
            var erasedUnits = Units(erased, Unit).Select(u => u.Start).Except(Units(written, Unit).Select(u => u.Start));

            var message = error.Exception.Message;
            Assert.StartsWith($"-10 WRITE_MEM at 0x{chunk.Start:X8} (writeMemory, segment 6 of 6, chunk {failing} of {chunks.Count}): " +
                $"writeMemory of {chunk.Length} bytes at 0x{chunk.Start:X8} over I2c failed: writing memory failed.", message);
            Assert.Contains($" Already written: {AddressRange.Describe(written)} (verified: none).", message);
            Assert.EndsWith($" Erased but not yet written: {AddressRange.Describe(Runs(erasedUnits, Unit))}.", message);
            Assert.Equal(written, ((FlashOperationException)error.Exception).Programmed);
            Assert.Equal(failing, Writes(fake).Count);
            Assert.Equal(Enumerable.Repeat((byte)0xFF, (int)chunk.Length), fake.ReadFlash(chunk.Start, (int)chunk.Length));
        }

        [Fact]
        public void An_erase_failure_says_which_pages_and_that_nothing_was_written()
        {
            var fake = Fake();
            fake.Fail("sectorErase", 1, -11);
            using var shell = new CubeShell();
            shell.ConnectI2c();
            var error = Assert.Single(shell.Run("$args[0] | Write-Stm32Memory", new object[] { ForumImage.Build() }).Errors);
            Assert.Equal("DeviceRefused,Stm32Flash.Commands.WriteStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.StartsWith("-11 ERASE_MEM at 0x08000000 (sectorErase, erasing pages 0, 8, 32, 64, 96..101): ", error.Exception.Message);
            Assert.EndsWith("Already written: none (verified: none). Erased but not yet written: none.", error.Exception.Message);
            Assert.Empty(fake.CallsTo("writeMemory"));
        }

        [Fact]
        public void A_read_failure_while_testing_is_reported_for_its_segment_and_the_others_are_still_checked()
        {
            var fake = Fake();
            var image = ForumImage.Build();
            using var shell = new CubeShell();
            shell.ConnectI2c();
            shell.Run("$args[0] | Write-Stm32Memory", new object[] { image }).AssertNoErrors();
            fake.Fail("readMemory", 1, -9);
            var result = shell.Run("$args[0] | Test-Stm32Memory", new object[] { image });
            var error = Assert.Single(result.Errors);
            Assert.Equal("DeviceRefused,Stm32Flash.Commands.TestStm32MemoryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Same(image[0], error.TargetObject);
            Assert.StartsWith("-9 READ_MEM to readMemory at 0x08000000 (verifying segment 1", error.ErrorDetails.Message);
            var verified = result.Output.Select(o => o.BaseObject).Cast<VerifyResult>().ToList();
            Assert.Equal(image.Skip(1).Select(s => s.Address), verified.Select(v => v.Address));
            Assert.All(verified, v => Assert.True(v.Match));
        }

        [Fact]
        public void Library_messages_and_progress_from_any_thread_reach_verbose_and_progress_on_the_pipeline_thread()
        {
            var fake = Fake();
            var image = ForumImage.Build();
            using var shell = new CubeShell();
            var connect = shell.Run("Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A -Verbose").AssertNoErrors();
            Assert.Contains("Device ID : 0x0472", connect.Verbose.Messages());
            Assert.Contains(connect.Warnings.Select(w => w.Message), m => m.StartsWith("CubeProgrammer_API struct layout V2_18: ", StringComparison.Ordinal) && m.Contains("shows no version"));

            fake.SetThreadMessages(true);
            var result = shell.Run("$args[0] | Write-Stm32Memory -Verbose", new object[] { image }).AssertNoErrors();
            var fromThreads = result.Verbose.Messages().Where(m => m.EndsWith(": a message from a library thread", StringComparison.Ordinal)).ToList();
            Assert.Equal(Writes(fake).Select(w => $"writeMemory 0x{w.Address:X8}: a message from a library thread"), fromThreads);

            var library = result.Progress.Where(p => p.ActivityId == 10).ToList();
            Assert.NotEmpty(library);
            Assert.All(library, p => Assert.Equal("CubeProgrammer_API", p.Activity));
            Assert.All(library, p => Assert.Equal(1, p.ParentActivityId));
            Assert.Contains(library, p => p.PercentComplete == 100 && p.RecordType == ProgressRecordType.Processing);
            Assert.Equal(ProgressRecordType.Completed, library[^1].RecordType);

            fake.EmitLog(4, "a warning while nobody was listening", fromOtherThread: true);
            var read = shell.Run("Read-Stm32Memory 0x08000000 16").AssertNoErrors();
            Assert.Equal("a warning while nobody was listening", Assert.Single(read.Warnings).Message);
        }
    }
}
