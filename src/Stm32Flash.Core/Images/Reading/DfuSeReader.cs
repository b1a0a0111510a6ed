using System.Collections.Generic;
using System.IO;
using System.Text;
using Stm32Flash.Checksums;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// DFU files. ST's DfuSe container (UM0391): "DfuSe" prefix, targets (alternate setting, name, elements of address +
    /// size + bytes), and a DFU suffix whose CRC covers the whole file before it. Without the prefix, a plain DFU file:
    /// data with only the suffix after it, loaded at the address the caller gives, as a raw binary is.
    /// </summary>
    internal sealed class DfuSeReader : BinaryFormatReader
    {
        public const int PrefixLength = 11;
        public const int TargetPrefixLength = 274;
        public const int SuffixLength = 16;
        public const ushort DfuSeSpecification = DfuSeInfo.DfuSeSpecification;

        public DfuSeReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        protected override List<FileChunk> ParseStructure()
        {
            var length = Stream.Length;
            if (length < SuffixLength)
                throw Error(ImageErrorKind.Truncated, 0, "the file is too short for a DFU suffix", $"{length} bytes", $"at least {SuffixLength} bytes");

            var suffixAt = length - SuffixLength;
            var suffix = ReadAt(suffixAt, SuffixLength, "the DFU suffix");
            if (suffix[8] != 'U' || suffix[9] != 'F' || suffix[10] != 'D')
                throw Error(ImageErrorKind.BadStructure, suffixAt + 8, "no DFU suffix at the end of the file", Ascii(suffix, 8, 3), "'UFD'");
            if (suffix[11] != SuffixLength)
                throw Error(ImageErrorKind.BadStructure, suffixAt + 11, "unexpected DFU suffix length", $"{suffix[11]}", $"{SuffixLength}");
            var stored = U32(suffix, 12);
            var computed = ComputeCrc(length - 4);
            if (stored != computed)
            {
                throw Error(ImageErrorKind.BadCrc, length - 4,
                    "the DFU suffix CRC does not match the file: it is damaged (a raw binary that only happens to end like a DFU suffix can be read as Binary)",
                    $"0x{stored:X8}", $"0x{computed:X8}");
            }

            var specification = U16(suffix, 6);
            if (!HasDfuSePrefix(length)) return PlainDfu(suffix, suffixAt, specification);
            if (specification != DfuSeSpecification)
                throw Error(ImageErrorKind.BadStructure, suffixAt + 6, "the file has a DfuSe prefix but its DFU suffix is not a DfuSe one", $"bcdDFU 0x{specification:X4}", $"0x{DfuSeSpecification:X4}");

            var prefix = ReadAt(0, PrefixLength, "the DfuSe prefix");
            if (prefix[5] != 1) throw Error(ImageErrorKind.Unsupported, 5, "unknown DfuSe version", $"{prefix[5]}", "1");
            var targetCount = prefix[10];

            var chunks = new List<FileChunk>();
            var targets = new List<DfuSeTarget>();
            long at = PrefixLength;
            for (var t = 0; t < targetCount; t++)
            {
                if (at + TargetPrefixLength > suffixAt)
                    throw Error(ImageErrorKind.Truncated, at, $"target {t} of {targetCount} does not fit before the suffix", $"0x{suffixAt - at:X} bytes left", $"a {TargetPrefixLength}-byte target prefix");
                var target = ReadAt(at, TargetPrefixLength, $"target {t}");
                if (Ascii(target, 0, 6) != "Target") throw Error(ImageErrorKind.BadStructure, at, $"target {t} has no 'Target' signature", Ascii(target, 0, 6), "'Target'");
                var alternate = target[6];
                var named = U32(target, 7) != 0;
                var name = named ? CString(target, 11, 255) : null;
                var size = U32(target, 266);
                var elementCount = U32(target, 270);
                var elementsAt = at + TargetPrefixLength;
                var targetEnd = elementsAt + size;
                if (targetEnd > suffixAt)
                    throw Error(ImageErrorKind.Truncated, at + 266, $"target {t} declares 0x{size:X} bytes of elements, past the suffix", $"0x{size:X}", $"at most 0x{suffixAt - elementsAt:X}");

                var ranges = new List<AddressRange>();
                var e = elementsAt;
                for (var i = 0; i < elementCount; i++)
                {
                    if (e + 8 > targetEnd)
                        throw Error(ImageErrorKind.Truncated, e, $"element {i} of target {t} does not fit in the target's 0x{size:X} bytes", $"0x{targetEnd - e:X} bytes left", "an 8-byte element header");
                    var element = ReadAt(e, 8, $"element {i} of target {t}");
                    var address = U32(element, 0);
                    var elementSize = U32(element, 4);
                    if (e + 8 + elementSize > targetEnd)
                        throw Error(ImageErrorKind.Truncated, e + 4, $"element {i} of target {t} (0x{elementSize:X} bytes at 0x{address:X8}) runs past the target's end", $"0x{elementSize:X}", $"at most 0x{targetEnd - e - 8:X}");
                    CheckedEnd(address, elementSize, e, $"element {i} of target {t}");
                    chunks.Add(new FileChunk(address, elementSize, e + 8));
                    ranges.Add(AddressRange.FromLength(address, elementSize));
                    e += 8 + elementSize;
                }
                if (e != targetEnd)
                    throw Error(ImageErrorKind.BadStructure, e, $"target {t} declares 0x{size:X} bytes but its {elementCount} elements take 0x{e - elementsAt:X}", $"0x{size:X}", $"0x{e - elementsAt:X}");
                targets.Add(new DfuSeTarget(alternate, name, ranges));
                at = targetEnd;
            }
            if (at != suffixAt)
                throw Error(ImageErrorKind.BadStructure, at, $"0x{suffixAt - at:X} bytes after the last of {targetCount} targets, before the suffix", $"0x{suffixAt - at:X} bytes", "the DFU suffix right after the last target");

            Image.Dfu = new DfuSeInfo(U16(suffix, 4), U16(suffix, 2), U16(suffix, 0), targets);
            return chunks;
        }

        private bool HasDfuSePrefix(long length)
        {
            if (length < SuffixLength + 5 || Ascii(ReadAt(0, 5, "the DfuSe prefix"), 0, 5) != "DfuSe") return false;
            if (length < PrefixLength + SuffixLength)
                throw Error(ImageErrorKind.Truncated, 0, "the file is too short for a DfuSe prefix and a DFU suffix", $"{length} bytes", $"at least {PrefixLength + SuffixLength} bytes");
            return true;
        }

        /// <summary>A plain DFU file: the bytes before the suffix, which has no address, at the one the caller gives.</summary>
        private List<FileChunk> PlainDfu(byte[] suffix, long dataLength, ushort specification)
        {
            if (Options.Address is not uint address)
            {
                throw Error(ImageErrorKind.MissingAddress, 0, "a plain DFU file (a DFU suffix, no DfuSe prefix) has no addresses in it, so it needs a load address",
                    null, "the address of its first byte as the load address");
            }
            if (dataLength == 0)
                throw Error(ImageErrorKind.Empty, 0, "the DFU file holds nothing but its suffix", "no data before the suffix", "the data to load before the DFU suffix");
            CheckedEnd(address, (ulong)dataLength, 0, "the data before the DFU suffix");
            Image.Dfu = new DfuSeInfo(U16(suffix, 4), U16(suffix, 2), U16(suffix, 0), new DfuSeTarget[0], specification, isDfuSe: false);
            Image.LoadAddress = address;
            return new List<FileChunk> { new FileChunk(address, dataLength, 0) };
        }

        private uint ComputeCrc(long count)
        {
            Stream.Position = 0;
            var buffer = new byte[1 << 16];
            var crc = 0xFFFFFFFFu;
            while (count > 0)
            {
                var read = Stream.Read(buffer, 0, (int)System.Math.Min(buffer.Length, count));
                if (read <= 0) break;
                crc = Crc32Reflected.Update(crc, new System.ReadOnlySpan<byte>(buffer, 0, read));
                count -= read;
            }
            return crc;
        }

        private static ushort U16(byte[] b, int i) => (ushort)(b[i] | b[i + 1] << 8);

        private static uint U32(byte[] b, int i) => (uint)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24);

        private static string Ascii(byte[] b, int from, int count)
        {
            var text = new StringBuilder();
            for (var i = from; i < from + count; i++) text.Append(b[i] >= 0x20 && b[i] < 0x7F ? (char)b[i] : '?');
            return text.ToString();
        }

        private static string CString(byte[] b, int from, int max)
        {
            var text = new StringBuilder();
            for (var i = from; i < from + max && b[i] != 0; i++) text.Append((char)b[i]);
            return text.ToString();
        }
    }
}
