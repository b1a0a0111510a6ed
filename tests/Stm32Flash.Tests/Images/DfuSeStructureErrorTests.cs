using System;
using System.IO;
using System.Linq;
using Stm32Flash.Images;
using Xunit;
using static Stm32Flash.Tests.Images.BinaryFieldErrors;
using static Stm32Flash.Tests.Images.DfuSeBuilder;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// DFU files damaged one field at a time (and sealed again, so that the suffix CRC does not hide the fault): each is
    /// refused at the field's file offset, saying what was found and what was expected; the limits themselves read.
    /// </summary>
    public class DfuSeStructureErrorTests
    {
        private const int FirstElement = PrefixLength + TargetPrefixLength;

        private static ImageInfo Read(byte[] bytes, uint? address = null) =>
            ImageReader.Read(new MemoryStream(bytes), new ImageReadOptions { Format = ImageFormat.Dfu, Address = address }, "/fw/test.dfu");

        private static ImageFormatException Fails(byte[] bytes, uint? address = null) => Assert.ThrowsAny<ImageFormatException>(() => Read(bytes, address));

        private static byte[] Data(int count, int seed = 1) => Enumerable.Range(0, count).Select(i => (byte)(i * 11 + seed)).ToArray();

        private static Target Flash(params Element[] elements) => new Target { Alternate = 0, Name = "Internal Flash", Elements = elements };

        private static Element At(uint address, int count) => new Element { Address = address, Data = Data(count) };

        private static byte[] Sealed(byte[] body) => Seal(body, 0x011A);

        [Fact]
        public void A_file_shorter_than_a_suffix_is_truncated()
        {
            AssertError(Fails(new byte[15]), ImageErrorKind.Truncated, 0, "the file is too short for a DFU suffix", "15 bytes", "at least 16 bytes");
        }

        [Fact]
        public void A_suffix_alone_is_a_plain_dfu_file_with_nothing_in_it()
        {
            AssertError(Fails(Seal(Array.Empty<byte>(), 0x0100), 0x08000000), ImageErrorKind.Empty, 0, "the DFU file holds nothing but its suffix",
                "no data before the suffix", "the data to load before the DFU suffix");
        }

        [Theory]
        [InlineData(8, (byte)'X', "XFD")]
        [InlineData(9, (byte)0x00, "U?D")]
        [InlineData(9, (byte)0x7F, "U?D")]
        [InlineData(10, (byte)0x20, "UF ")]
        [InlineData(10, (byte)0x7E, "UF~")]
        public void A_suffix_signature_with_any_letter_wrong_is_no_dfu_suffix(int index, byte value, string found)
        {
            var file = Build(Flash(At(0x08000000, 16)));
            var suffixAt = file.Length - 16;
            file[suffixAt + index] = value;
            AssertError(Fails(file), ImageErrorKind.BadStructure, suffixAt + 8, "no DFU suffix at the end of the file", found, "'UFD'");
        }

        [Fact]
        public void A_suffix_of_another_length_is_refused()
        {
            var file = Build(Flash(At(0x08000000, 16)));
            file[file.Length - 5] = 15;
            AssertError(Fails(file), ImageErrorKind.BadStructure, file.Length - 5, "unexpected DFU suffix length", "15", "16");
        }

        [Fact]
        public void A_dfuse_prefix_with_a_plain_dfu_suffix_is_refused()
        {
            var file = Seal(Body(new[] { Flash(At(0x08000000, 16)) }), 0x0110);
            AssertError(Fails(file), ImageErrorKind.BadStructure, file.Length - 10, "has a DfuSe prefix but its DFU suffix is not a DfuSe one", "bcdDFU 0x0110", "0x011A");
        }

        [Fact]
        public void An_unknown_dfuse_version_is_unsupported()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            body[5] = 2;
            AssertError(Fails(Sealed(body)), ImageErrorKind.Unsupported, 5, "unknown DfuSe version", "2", "1");
        }

        [Fact]
        public void A_file_that_starts_DfuSe_but_is_too_short_for_the_prefix_is_truncated()
        {
            var file = Seal(System.Text.Encoding.ASCII.GetBytes("DfuSe"), 0x011A);
            AssertError(Fails(file), ImageErrorKind.Truncated, 0, "the file is too short for a DfuSe prefix and a DFU suffix", "21 bytes", "at least 27 bytes");
        }

        [Fact]
        public void More_targets_counted_than_the_file_holds_is_truncated()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            body[10] = 2;
            var at = body.Length;
            AssertError(Fails(Sealed(body)), ImageErrorKind.Truncated, at, "target 1 of 2 does not fit before the suffix", "0x0 bytes left", "a 274-byte target prefix");
        }

        [Fact]
        public void A_last_target_without_elements_ends_right_at_the_suffix()
        {
            var image = Read(Build(Flash(At(0x08000000, 16)), new Target { Alternate = 1, Name = "Option Bytes" }));
            Assert.Equal(Data(16), Assert.Single(image.Segments).Data);
            Assert.Equal(new[] { "Internal Flash", "Option Bytes" }, image.Dfu!.Targets.Select(t => t.Name));
            Assert.Empty(image.Dfu.Targets[1].Elements);
        }

        [Fact]
        public void A_target_without_its_signature_is_refused()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            body[PrefixLength + 3] = (byte)'x';
            AssertError(Fails(Sealed(body)), ImageErrorKind.BadStructure, PrefixLength, "target 0 has no 'Target' signature", "Tarxet", "'Target'");
        }

        [Fact]
        public void A_target_name_counts_only_when_the_target_says_it_is_named_and_holds_at_most_255_characters()
        {
            var unnamed = Body(new[] { Flash(At(0x08000000, 4)) });
            Set32(unnamed, PrefixLength + 7, 0);
            Assert.Null(Assert.Single(Read(Sealed(unnamed)).Dfu!.Targets).Name);

            var longest = new string('A', 255);
            var image = Read(Build(new Target { Name = longest, Elements = new[] { At(0x08000000, 4) } }));
            Assert.Equal(longest, Assert.Single(image.Dfu!.Targets).Name);
        }

        [Fact]
        public void A_target_whose_size_runs_past_the_suffix_is_truncated()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            Set32(body, PrefixLength + 266, 0x100);
            AssertError(Fails(Sealed(body)), ImageErrorKind.Truncated, PrefixLength + 266, "target 0 declares 0x100 bytes of elements, past the suffix", "0x100", "at most 0x18");
        }

        [Fact]
        public void An_element_header_that_does_not_fit_in_its_target_is_truncated()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            Set32(body, PrefixLength + 266, 4);
            AssertError(Fails(Sealed(body)), ImageErrorKind.Truncated, FirstElement, "element 0 of target 0 does not fit in the target's 0x4 bytes",
                "0x4 bytes left", "an 8-byte element header");
        }

        [Fact]
        public void An_empty_element_may_end_its_target()
        {
            var image = Read(Build(Flash(At(0x08000000, 16), At(0x08000100, 0))));
            Assert.Equal(Data(16), Assert.Single(image.Segments).Data);
        }

        [Fact]
        public void An_element_whose_data_runs_past_its_target_is_truncated_and_one_that_fills_it_reads()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            Set32(body, FirstElement + 4, 17);
            AssertError(Fails(Sealed(body)), ImageErrorKind.Truncated, FirstElement + 4, "element 0 of target 0 (0x11 bytes at 0x08000000) runs past the target's end", "0x11", "at most 0x10");
            Assert.Equal(16, Assert.Single(Read(Build(Flash(At(0x08000000, 16)))).Segments).Data.Length);
        }

        [Fact]
        public void An_element_past_the_4_GiB_address_space_is_refused()
        {
            var error = Fails(Build(Flash(At(0xFFFFFFF0, 0x20))));
            AssertError(error, ImageErrorKind.AddressOverflow, FirstElement, "element 0 of target 0: 0x20 bytes at 0xFFFFFFF0 run past the 4 GiB address space", null, null);
        }

        [Fact]
        public void A_target_that_declares_more_than_its_elements_take_is_refused()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            var padded = body.Concat(new byte[8]).ToArray();
            Set32(padded, PrefixLength + 266, 24 + 8);
            AssertError(Fails(Sealed(padded)), ImageErrorKind.BadStructure, body.Length, "target 0 declares 0x20 bytes but its 1 elements take 0x18", "0x20", "0x18");
        }

        [Fact]
        public void Bytes_between_the_last_target_and_the_suffix_are_refused()
        {
            var body = Body(new[] { Flash(At(0x08000000, 16)) });
            AssertError(Fails(Sealed(body.Concat(new byte[4]).ToArray())), ImageErrorKind.BadStructure, body.Length,
                "0x4 bytes after the last of 1 targets, before the suffix", "0x4 bytes", "the DFU suffix right after the last target");
        }

        [Fact]
        public void A_plain_dfu_file_needs_a_load_address_and_must_fit_below_4_GiB()
        {
            var plain = Seal(Data(32), 0x0100);
            AssertError(Fails(plain), ImageErrorKind.MissingAddress, 0, "a plain DFU file (a DFU suffix, no DfuSe prefix) has no addresses in it, so it needs a load address",
                null, "the address of its first byte as the load address");
            AssertError(Fails(plain, 0xFFFFFFF0), ImageErrorKind.AddressOverflow, 0, "the data before the DFU suffix: 0x20 bytes at 0xFFFFFFF0 run past the 4 GiB address space", null, null);
            Assert.Equal(Data(32), Assert.Single(Read(plain, 0x08000000).Segments).Data);
        }
    }
}
