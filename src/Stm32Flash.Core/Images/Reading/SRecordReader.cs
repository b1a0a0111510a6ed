using System;
using System.IO;
using System.Text;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Motorola S-records: S0 header, S1/S2/S3 data, S5/S6 record counts (checked), S7/S8/S9 termination with the
    /// start address. A file without a termination record is accepted (srec_cat writes none when there is no start
    /// address); records after one are not.
    /// </summary>
    internal sealed unsafe class SRecordReader : TextFormatReader
    {
        /// <summary>Count, 4 address bytes, data, checksum: the count field is one byte.</summary>
        private const int MaxRecordBytes = 256;

        /// <summary>Ctrl-Z, which DOS tools put at the end of text files: only blank lines may follow it.</summary>
        private const byte DosEndOfFile = 0x1A;

        private readonly byte[] _scratch = new byte[MaxRecordBytes + 8];

        private State _fill;
        private bool _fillDone;

        public SRecordReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        public override void Scan(IChunkSink sink)
        {
            var state = State.Initial;
            var p = Rewind();
            var lineStart = p;
            Walk(ref state, ref p, ref lineStart, sink, null, untilRefill: false);
            if (Image.StartAddress == null) Image.StartAddress = state.Start;
            if (Image.Header == null) Image.Header = state.Header;
        }

        public override bool FillSome(SegmentFiller filler)
        {
            if (_fillDone) return false;
            if (ResumeFill(out var p, out var lineStart)) _fill = State.Initial;
            var state = _fill;
            var finished = Walk(ref state, ref p, ref lineStart, null, filler, untilRefill: true);
            _fill = state;
            SaveFillPlace(p, lineStart);
            if (!finished) return true;
            _fillDone = true;
            Image.StartAddress = state.Start;
            Image.Header = state.Header;
            return false;
        }

        /// <summary>
        /// Reads records. Scanning (a sink) stops quietly at the first problem; filling throws it. Returns true at the
        /// end of the file; with <paramref name="untilRefill"/> it also returns (false) before each refill.
        /// </summary>
        private bool Walk(ref State state, ref byte* p, ref byte* lineStart, IChunkSink? sink, SegmentFiller? filler, bool untilRefill)
        {
            var refilled = false;
            fixed (byte* scratch = _scratch)
            {
                while (true)
                {
                    if (!Window.AtEof && Window.End - p < Threshold)
                    {
                        if (untilRefill && refilled) return false;
                        var shift = Window.Refill(p);
                        p -= shift;
                        lineStart -= shift;
                        refilled = true;
                    }
                    var end = Window.End;
                    if (p >= end) return true;

                    var c = *p;
                    if (c == '\n')
                    {
                        p++;
                        state.Line++;
                        lineStart = p;
                        continue;
                    }
                    if (c == '\r')
                    {
                        p++;
                        if (p < end && *p == '\n') p++;
                        state.Line++;
                        lineStart = p;
                        continue;
                    }
                    if (c == ' ' || c == '\t')
                    {
                        p++;
                        continue;
                    }
                    if (c == DosEndOfFile)
                    {
                        if (state.DosEndLine == 0) state.DosEndLine = state.Line;
                        p++;
                        continue;
                    }

                    var column = (int)(p - lineStart) + 1;
                    var error = ParseCarefully(p, end, state.Line, column, scratch, out var record);
                    if (error == null && state.DosEndLine != 0)
                    {
                        error = Error(ImageErrorKind.DataAfterEnd, state.Line, column, $"a record after the DOS end-of-file character (Ctrl-Z, 0x1A) on line {state.DosEndLine}",
                            Text(p, record.LineEnd), "nothing after the Ctrl-Z but blank lines");
                    }
                    if (error == null && state.EndSeen)
                    {
                        error = Error(ImageErrorKind.DataAfterEnd, state.Line, column, $"a record after the termination record on line {state.EndLine}",
                            Text(p, record.LineEnd), "nothing after the S7, S8 or S9 record");
                    }
                    if (error == null) error = Apply(ref state, record, p, column, sink, filler);
                    if (error != null)
                    {
                        if (filler != null) throw error;
                        return true;
                    }
                    p = record.LineEnd;
                }
            }
        }

        private ImageFormatException? Apply(ref State state, in Record record, byte* p, int column, IChunkSink? sink, SegmentFiller? filler)
        {
            var line = state.Line;
            switch (record.Type)
            {
                case 0:
                    if (state.Header == null)
                    {
                        var text = new StringBuilder(record.DataLength);
                        for (var i = 0; i < record.DataLength && record.Data[i] != 0; i++) text.Append((char)record.Data[i]);
                        state.Header = text.ToString();
                    }
                    return null;
                case 1:
                case 2:
                case 3:
                    state.DataRecords++;
                    if (record.Address + (ulong)record.DataLength > AddressRange.AddressSpaceEnd)
                    {
                        return Error(ImageErrorKind.AddressOverflow, line, column + 4, $"{record.DataLength} data bytes at 0x{record.Address:X8} run past the 4 GiB address space",
                            Text(p + 4, p + 4 + 2 * record.AddressBytes), "data that ends at or below address 0xFFFFFFFF");
                    }
                    var dataColumn = column + 4 + 2 * record.AddressBytes;
                    sink?.Chunk(record.Address, record.DataLength, line, dataColumn);
                    if (filler != null && record.DataLength > 0)
                    {
                        if (filler.TryCache(record.Address, record.DataLength))
                            Buffer.MemoryCopy(record.Data, filler.CachedBase + (record.Address - filler.CachedStart), record.DataLength, record.DataLength);
                        else
                            filler.WriteChecked(record.Address, record.Data, record.DataLength, line, dataColumn);
                        LastLine = line;
                    }
                    return null;
                case 5:
                case 6:
                    if (record.Address != state.DataRecords)
                    {
                        return Error(ImageErrorKind.CountMismatch, line, column + 4, $"the S{record.Type} record counts {record.Address} data records but the file has {state.DataRecords} before it",
                            Text(p + 4, p + 4 + 2 * record.AddressBytes), $"{state.DataRecords} (0x{state.DataRecords:X})");
                    }
                    return null;
                default:
                    state.EndSeen = true;
                    state.EndLine = line;
                    state.Start = StartAddress.FromSRecord(record.Address);
                    return null;
            }
        }

        private ImageFormatException? ParseCarefully(byte* p, byte* end, long line, int column, byte* scratch, out Record record)
        {
            record = default;
            var lineEnd = LineEnd(p, end);
            if (*p != 'S' && *p != 's')
                return Error(ImageErrorKind.InvalidCharacter, line, column, "a line that is not an S-record", Text(p, lineEnd), "'S' at the start of each record");
            if (lineEnd == end && !Window.AtEof || lineEnd - p > 2 + 2 * MaxRecordBytes + 64)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column, "the line is longer than any S-record (255 bytes after the type)",
                    Text(p, lineEnd), "at most 514 characters per record");
            }
            if (p + 1 >= lineEnd || p[1] < '0' || p[1] > '9')
                return Error(ImageErrorKind.UnknownRecordType, line, column + 1, "an S-record without a type digit", Text(p, lineEnd), "S0 to S9");
            var type = p[1] - '0';
            if (type == 4)
                return Error(ImageErrorKind.UnknownRecordType, line, column, "record type S4 is reserved", Text(p, p + 2), "S0, S1, S2, S3, S5, S6, S7, S8 or S9");

            var textEnd = TrimEnd(p + 2, lineEnd);
            for (var q = p + 2; q < textEnd; q++)
            {
                if (!HexDigits.IsHex(*q))
                    return Error(ImageErrorKind.InvalidCharacter, line, column + (int)(q - p), "a character that is not a hex digit in a record", Printable(*q), "a hex digit (0-9, A-F)");
            }
            var digits = (int)(textEnd - p - 2);
            if ((digits & 1) != 0)
            {
                return Error(ImageErrorKind.OddDigitCount, line, column + 1 + digits, $"the record has an odd number of hex digits ({digits})",
                    Text(p, textEnd), "two hex digits per byte");
            }
            var addressBytes = type switch { 0 => 2, 1 => 2, 2 => 3, 3 => 4, 5 => 2, 6 => 3, 7 => 4, 8 => 3, _ => 2 };
            var count = digits / 2;
            if (count < 2 + addressBytes)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column, $"the record is too short ({count} bytes)",
                    Text(p, textEnd), $"at least a count, {addressBytes} address bytes and a checksum for S{type}");
            }
            if (count > MaxRecordBytes)
                return Error(ImageErrorKind.LengthMismatch, line, column, $"the record has {count - 1} bytes after the count", Text(p, textEnd), "at most 255");
            uint sum = 0;
            HexDigits.TryDecode(p + 2, scratch, count, ref sum);
            if (scratch[0] != count - 1)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column + 2, $"the count field says {scratch[0]} bytes follow but the record has {count - 1}",
                    Text(p + 2, p + 4), $"{count - 1:X2} to match the record");
            }
            if ((sum & 0xFF) != 0xFF)
            {
                var expected = (byte)~((sum - scratch[count - 1]) & 0xFF);
                return Error(ImageErrorKind.BadChecksum, line, column + 2 * count, "bad checksum", Text(textEnd - 2, textEnd), $"{expected:X2}");
            }
            var dataLength = count - 2 - addressBytes;
            if (type >= 5 && dataLength != 0)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column + 2, $"an S{type} record carries no data, this one has {dataLength} bytes",
                    Text(p + 2, p + 4), $"{count - 1 - dataLength:X2}");
            }
            uint address = 0;
            for (var i = 0; i < addressBytes; i++) address = address << 8 | scratch[1 + i];
            record = new Record(type, address, addressBytes, scratch + 1 + addressBytes, dataLength, lineEnd);
            return null;
        }

        private struct State
        {
            public static State Initial => new State { Line = 1 };

            public long Line;
            public long DataRecords;
            public bool EndSeen;
            public long EndLine;

            /// <summary>Line of the first Ctrl-Z, or 0.</summary>
            public long DosEndLine;
            public StartAddress? Start;
            public string? Header;
        }

        private readonly struct Record
        {
            public Record(int type, uint address, int addressBytes, byte* data, int dataLength, byte* lineEnd)
            {
                Type = type;
                Address = address;
                AddressBytes = addressBytes;
                Data = data;
                DataLength = dataLength;
                LineEnd = lineEnd;
            }

            public int Type { get; }

            /// <summary>The address field: a load address, a record count (S5/S6) or the start address (S7-S9).</summary>
            public uint Address { get; }

            public int AddressBytes { get; }

            public byte* Data { get; }

            public int DataLength { get; }

            public byte* LineEnd { get; }
        }
    }
}
