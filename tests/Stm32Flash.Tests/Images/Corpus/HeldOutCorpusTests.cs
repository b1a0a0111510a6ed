using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>One module session for the corpus tests: each reads files with Get-HexSegment as a user would.</summary>
    public sealed class CorpusSession : IDisposable
    {
        private readonly Lazy<PsSession> _ps = new Lazy<PsSession>(() => new PsSession());

        /// <summary>Get-HexSegment -LiteralPath file -Verbose, with -Address when given.</summary>
        public PsResult Read(string path, uint? address = null) =>
            _ps.Value.Run("$p = @{}; if ($null -ne $args[1]) { $p.Address = $args[1] }; Get-HexSegment -LiteralPath $args[0] -Verbose @p", path, address!);

        public void Dispose()
        {
            if (_ps.IsValueCreated) _ps.Value.Dispose();
        }
    }

    /// <summary>
    /// The held-out corpus of 30 real images (../shared/corpus, not in the repository): every file reads as the reference
    /// its manifest row names, or fails as the row expects; ELF files read as their toolchain's own .hex or .mot.
    /// </summary>
    public class HeldOutCorpusTests : IClassFixture<CorpusSession>
    {
        private readonly CorpusSession _session;

        public HeldOutCorpusTests(CorpusSession session) => _session = session;

        public static TheoryData<string> Files => CorpusManifest.Files();

        private static List<(uint Address, byte[] Data)> Runs(PsResult result) =>
            result.Objects<Segment>().Select(s => (s.Address, s.Data)).ToList();

        private static void SameRuns(IReadOnlyList<(uint Address, byte[] Data)> expected, IReadOnlyList<(uint Address, byte[] Data)> actual, string what)
        {
            Assert.True(expected.Select(r => (r.Address, r.Data.Length)).SequenceEqual(actual.Select(r => (r.Address, r.Data.Length))),
                $"{what}: Get-HexSegment gives {ByteMap.Describe(actual)}, the reference {ByteMap.Describe(expected)}");
            for (var i = 0; i < expected.Count; i++)
                Assert.True(expected[i].Data.AsSpan().SequenceEqual(actual[i].Data), $"{what}: the bytes of the run at 0x{expected[i].Address:X8} differ");
        }

        [CorpusTheory]
        [MemberData(nameof(Files))]
        public void Every_file_reads_as_its_reference_or_fails_as_the_manifest_expects(string file)
        {
            var entry = CorpusManifest.Entry(file);
            var result = _session.Read(entry.Path, entry.Address);
            if (entry.ErrorPattern is string pattern)
            {
                var error = Assert.Single(result.Errors);
                Assert.Matches(new Regex(pattern), error.ToString());
                Assert.Empty(result.Objects<Segment>());
                return;
            }
            result.AssertNoErrors();
            using var temp = new TempFolder();
            var reference = ReferenceImages.Build(entry, temp);
            SameRuns(reference.Runs(), Runs(result), $"{file} ({entry.Kind})");
            if (entry.Kind is "ihex" or "srec" or "elf")
                Assert.Equal(reference.Start, result.Objects<Segment>().First().Source.Image!.StartAddress?.Address);
        }

        [CorpusTheory]
        [InlineData("nrf51-dfu-bootloader.axf", "nrf51-dfu-bootloader.hex", "-intel")]
        [InlineData("rx62t-led7.abs", "rx62t-led7.mot", "-motorola")]
        [InlineData("stm32-vss-mod1.elf", "stm32-vss-mod1.hex", "-intel")]
        [InlineData("teensy41-dart.elf", "teensy41-dart.hex", "-intel")]
        public void An_elf_file_reads_as_the_hex_file_its_toolchain_made_of_the_same_build(string elf, string sibling, string format)
        {
            using var temp = new TempFolder();
            var reference = ReferenceImages.SrecCat(SharedCorpus.PathOf(sibling), format, temp);
            SameRuns(reference.Runs(), Runs(_session.Read(SharedCorpus.PathOf(elf)).AssertNoErrors()), $"{elf} against {sibling}");
        }

        [CorpusFact]
        public void Objcopy_agrees_on_every_elf_file_whose_sections_it_can_place()
        {
            using var temp = new TempFolder();
            var checkedFiles = new List<string>();
            foreach (var entry in CorpusManifest.Read().Where(e => e.Kind == "elf" && e.ErrorPattern is null))
            {
                if (!ElfReference.Parse(entry.Path).ObjcopyPlacesEverySection) continue;
                ExternalTool.Run("objcopy", temp.Path, "-O", "srec", "--srec-forceS3", entry.Path, "objcopy.srec");
                var objcopy = ByteMap.FromSRecords(File.ReadAllText(temp.File("objcopy.srec")));
                SameRuns(objcopy.Runs(), Runs(_session.Read(entry.Path).AssertNoErrors()), $"{entry.File} against objcopy");
                checkedFiles.Add(entry.File);
            }
            Assert.Contains("rx62t-led7.abs", checkedFiles);
            Assert.Contains("teensy41-dart.elf", checkedFiles);
        }

        [CorpusFact]
        public void An_elf_file_whose_physical_addresses_are_all_0_loads_at_its_virtual_addresses_and_says_so()
        {
            var result = _session.Read(SharedCorpus.PathOf("rx62t-led7.abs")).AssertNoErrors();
            Assert.Equal(new[] { 0xFFFF8000u, 0xFFFF8100u, 0xFFFFFFD0u }, result.Objects<Segment>().Select(s => s.Address));
            Assert.Contains(result.Verbose, v => v.Message.Contains("physical address 0") && v.Message.Contains("virtual addresses"));
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("Renesas RX (e_machine 173)", warning.Message);
        }

        [CorpusFact]
        public void A_pt_load_that_holds_only_the_elf_and_program_headers_is_left_out_and_verbose_says_so()
        {
            var result = _session.Read(SharedCorpus.PathOf("teensy41-dart.elf")).AssertNoErrors();
            Assert.Equal(new[] { 0x60000000u }, result.Objects<Segment>().Select(s => s.Address));
            Assert.Contains(result.Verbose, v => v.Message.Contains("0x114 bytes at 0x20000000") && v.Message.Contains("ELF and program headers"));
            Assert.Empty(result.Warnings);
        }
    }
}
