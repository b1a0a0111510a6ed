using System;
using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Intel HEX: record types 00-05, I8HEX/I16HEX (02, segment-wrapped)/I32HEX (04). A fast path handles well-formed
    /// data records; everything else goes through one careful parser that both passes share, so the first pass
    /// stops exactly where the second reports an error.
    /// </summary>
    internal sealed unsafe class IntelHexReader : TextFormatReader
    {
        private const int ModeLinear16 = 0;
        private const int ModeSegmented = 1;
        private const int ModeLinear32 = 2;

        /// <summary>Ctrl-Z, which DOS tools put at the end of text files; taken as blank after the end-of-file record.</summary>
        private const byte DosEndOfFile = 0x1A;

        /// <summary>Length, address, type, 255 data bytes, checksum.</summary>
        private const int MaxRecordBytes = 260;

        private readonly byte[] _scratch = new byte[MaxRecordBytes + 8];

        private State _fill;
        private bool _fillDone;

        public IntelHexReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        public override void Scan(IChunkSink sink)
        {
            var state = State.Initial;
            var p = Rewind();
            var end = Window.End;
            var lineStart = p;
            fixed (byte* scratch = _scratch)
            {
                while (true)
                {
                    if (!Window.AtEof && end - p < Threshold)
                    {
                        var shift = Window.Refill(p);
                        p -= shift;
                        lineStart -= shift;
                        end = Window.End;
                    }
                    if (p >= end) break;

                    var c = *p;
                    if (c == ':')
                    {
                        var column = (int)(p - lineStart) + 1;
                        if (end - p >= 11 && HexDigits.TryDecode4(p + 1, out var header, out _))
                        {
                            var length = (int)(header & 0xFF);
                            var q = p + 11 + 2 * length;
                            if ((header >> 24) == 0 && q < end && (*q == '\n' || *q == '\r'))
                            {
                                var offset = ((header >> 8) & 0xFF) << 8 | ((header >> 16) & 0xFF);
                                if (!ReportChunks(ref state, offset, length, state.Line, column + 9, sink)) break;
                                p = q;
                                continue;
                            }
                        }

                        if (ParseCarefully(p, end, state.Line, column, scratch, out var record) != null) break;
                        if (record.Type == 0)
                        {
                            if (!ReportChunks(ref state, record.Offset, record.Length, state.Line, column + 9, sink)) break;
                        }
                        else if (ApplyControl(ref state, record, state.Line, column) != null || state.EndSeen)
                        {
                            break;
                        }
                        p = record.LineEnd;
                    }
                    else if (c == '\n')
                    {
                        p++;
                        state.Line++;
                        lineStart = p;
                    }
                    else if (c == '\r')
                    {
                        p++;
                        if (p < end && *p == '\n') p++;
                        state.Line++;
                        lineStart = p;
                    }
                    else if (c == ' ' || c == '\t')
                    {
                        p++;
                    }
                    else
                    {
                        break;
                    }
                }
            }
            if (state.Start != null && Image.StartAddress == null) Image.StartAddress = state.Start;
        }

        public override bool FillSome(SegmentFiller filler)
        {
            if (_fillDone) return false;
            if (ResumeFill(out var p, out var lineStart))
            {
                _fill = State.Initial;
            }
            // The last batch stopped at End - Threshold or later: refill there, or no record would fit.
            else if (!Window.AtEof && Window.End - p <= Threshold)
            {
                var shift = Window.Refill(p);
                p -= shift;
                lineStart -= shift;
            }

            var end = Window.End;
            var limit = Window.AtEof ? end : end - Threshold;
            var state = _fill;
            var line = state.Line;
            var cachedStart = filler.CachedStart;
            var cachedEnd = filler.CachedEnd;
            var cachedBase = filler.CachedBase;

            fixed (byte* scratch = _scratch)
            {
                while (p < limit)
                {
                    var c = *p;
                    if (c == ':' && !state.EndSeen)
                    {
                        // Fast path: a well-formed data record that lies in the cached, overlap-free part of a segment.
                        if (end - p >= 11 && HexDigits.TryDecode4(p + 1, out var header, out var sum))
                        {
                            var length = (int)(header & 0xFF);
                            var q = p + 11 + 2 * length;
                            if ((header >> 24) == 0 && q < end && (*q == '\n' || *q == '\r'))
                            {
                                var offset = ((header >> 8) & 0xFF) << 8 | ((header >> 16) & 0xFF);
                                if (state.Mode != ModeSegmented || offset + (uint)length <= 0x10000)
                                {
                                    var address = (ulong)state.Base + offset;
                                    byte* target = null;
                                    if (address >= cachedStart && address + (ulong)length <= cachedEnd)
                                    {
                                        target = cachedBase + (address - cachedStart);
                                    }
                                    else if (address + (ulong)length <= AddressRange.AddressSpaceEnd && length > 0 && filler.TryCache(address, length))
                                    {
                                        cachedStart = filler.CachedStart;
                                        cachedEnd = filler.CachedEnd;
                                        cachedBase = filler.CachedBase;
                                        target = cachedBase + (address - cachedStart);
                                    }

                                    if (target != null)
                                    {
                                        var ok = HexDigits.TryDecode(p + 9, target, length, ref sum);
                                        var checksum = HexDigits.Pair(q - 2);
                                        if (ok && checksum >= 0 && ((sum + (uint)checksum) & 0xFF) == 0)
                                        {
                                            LastLine = line;
                                            if (*q == '\r' && q + 1 < end && q[1] == '\n') q += 2;
                                            else q++;
                                            line++;
                                            lineStart = q;
                                            p = q;
                                            continue;
                                        }
                                    }
                                }
                            }
                        }

                        // Careful path: control records, wrapped or overlapping data, and every error.
                        var column = (int)(p - lineStart) + 1;
                        state.Line = line;
                        var error = ParseCarefully(p, end, line, column, scratch, out var record);
                        if (error != null) throw error;
                        if (record.Type == 0)
                        {
                            WriteData(filler, ref state, record, p, line, column);
                            LastLine = line;
                            cachedStart = filler.CachedStart;
                            cachedEnd = filler.CachedEnd;
                            cachedBase = filler.CachedBase;
                        }
                        else
                        {
                            error = ApplyControl(ref state, record, line, column);
                            if (error != null) throw error;
                        }
                        p = record.LineEnd;
                    }
                    else if (c == '\n')
                    {
                        p++;
                        line++;
                        lineStart = p;
                    }
                    else if (c == '\r')
                    {
                        p++;
                        if (p < end && *p == '\n') p++;
                        line++;
                        lineStart = p;
                    }
                    else if (c == ' ' || c == '\t' || c == DosEndOfFile && state.EndSeen)
                    {
                        p++;
                    }
                    else
                    {
                        var column = (int)(p - lineStart) + 1;
                        if (state.EndSeen)
                        {
                            throw Error(ImageErrorKind.DataAfterEnd, line, column, $"data after the end-of-file record on line {state.EndLine}",
                                Text(p, LineEnd(p, end)), "nothing after the end-of-file record but blank lines and a Ctrl-Z (0x1A)");
                        }
                        throw Error(ImageErrorKind.InvalidCharacter, line, column, "a line that is not an Intel HEX record",
                            Text(p, LineEnd(p, end)), "':' at the start of each record");
                    }
                }
            }

            state.Line = line;
            _fill = state;
            SaveFillPlace(p, lineStart);
            if (Window.AtEof && p >= end)
            {
                _fillDone = true;
                if (!state.EndSeen)
                {
                    throw Error(ImageErrorKind.MissingEnd, line, (int)(p - lineStart) + 1, "no end-of-file record: the file may be truncated",
                        null, "':00000001FF' after the last record");
                }
                Image.StartAddress = state.Start;
                return false;
            }
            return true;
        }

        private void WriteData(SegmentFiller filler, ref State state, in Record record, byte* p, long line, int column)
        {
            var error = Chunks(state, record.Offset, record.Length, out var first, out var firstLength, out var second, out var secondLength);
            if (error != null) throw Error(ImageErrorKind.AddressOverflow, line, column + 3, error, Text(p + 3, p + 7), "data that ends at or below address 0xFFFFFFFF");
            Write(filler, first, record.Data, firstLength, line, column + 9);
            if (secondLength > 0) Write(filler, second, record.Data + firstLength, secondLength, line, column + 9 + 2 * firstLength);
        }

        private static void Write(SegmentFiller filler, ulong address, byte* data, int length, long line, int column)
        {
            if (length == 0) return;
            if (filler.TryCache(address, length))
                Buffer.MemoryCopy(data, filler.CachedBase + (address - filler.CachedStart), length, length);
            else
                filler.WriteChecked(address, data, length, line, column);
        }

        private static bool ReportChunks(ref State state, uint offset, int length, long line, int column, IChunkSink sink)
        {
            if (Chunks(state, offset, length, out var first, out var firstLength, out var second, out var secondLength) != null) return false;
            sink.Chunk(first, firstLength, line, column);
            if (secondLength > 0) sink.Chunk(second, secondLength, line, column + 2 * firstLength);
            return true;
        }

        /// <summary>
        /// Where a data record's bytes go. After an 02 record the offset wraps inside the 64 KiB segment (so a record
        /// may split in two); otherwise the address is linear and must stay inside 4 GiB. Returns an error text or null.
        /// </summary>
        private static string? Chunks(in State state, uint offset, int length, out ulong first, out int firstLength, out ulong second, out int secondLength)
        {
            first = (ulong)state.Base + offset;
            firstLength = length;
            second = 0;
            secondLength = 0;
            if (state.Mode == ModeSegmented)
            {
                if (offset + (uint)length > 0x10000)
                {
                    firstLength = (int)(0x10000 - offset);
                    second = state.Base;
                    secondLength = length - firstLength;
                }
                return null;
            }
            return first + (ulong)length > AddressRange.AddressSpaceEnd
                ? $"{length} data bytes at 0x{first:X8} run past the 4 GiB address space"
                : null;
        }

        private ImageFormatException? ApplyControl(ref State state, in Record record, long line, int column)
        {
            var d = record.Data;
            switch (record.Type)
            {
                case 1:
                    state.EndSeen = true;
                    state.EndLine = line;
                    return null;
                case 2:
                    state.Base = (uint)((d[0] << 8 | d[1]) << 4);
                    state.Mode = ModeSegmented;
                    return null;
                case 4:
                    state.Base = (uint)(d[0] << 8 | d[1]) << 16;
                    state.Mode = ModeLinear32;
                    return null;
                case 3:
                    return SetStart(ref state, StartAddress.SegmentCsIp((ushort)(d[0] << 8 | d[1]), (ushort)(d[2] << 8 | d[3])), line, column);
                default:
                    return SetStart(ref state, StartAddress.Linear((uint)(d[0] << 24 | d[1] << 16 | d[2] << 8 | d[3])), line, column);
            }
        }

        private ImageFormatException? SetStart(ref State state, StartAddress start, long line, int column)
        {
            if (state.Start != null && !state.Start.Equals(start))
            {
                return Error(ImageErrorKind.ConflictingStartAddress, line, column + 9, $"a second, different start address record (the first is on line {state.StartLine})",
                    start.ToString(), $"{state.Start} as on line {state.StartLine}, or no second record");
            }
            state.Start = start;
            state.StartLine = line;
            return null;
        }

        /// <summary>Validates the whole record line at <paramref name="p"/> (the ':'); returns the first problem, or null with the record decoded into scratch.</summary>
        private ImageFormatException? ParseCarefully(byte* p, byte* end, long line, int column, byte* scratch, out Record record)
        {
            record = default;
            var lineEnd = LineEnd(p, end);
            if (lineEnd == end && !Window.AtEof || lineEnd - p > 1 + 2 * MaxRecordBytes + 64)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column, "the line is longer than any Intel HEX record (255 data bytes at most)",
                    Text(p, lineEnd), "at most 521 characters per record");
            }
            var textEnd = TrimEnd(p + 1, lineEnd);
            for (var q = p + 1; q < textEnd; q++)
            {
                if (!HexDigits.IsHex(*q))
                    return Error(ImageErrorKind.InvalidCharacter, line, column + (int)(q - p), "a character that is not a hex digit in a record", Printable(*q), "a hex digit (0-9, A-F)");
            }
            var digits = (int)(textEnd - p - 1);
            if ((digits & 1) != 0)
            {
                return Error(ImageErrorKind.OddDigitCount, line, column + digits, $"the record has an odd number of hex digits ({digits})",
                    Text(p, textEnd), "two hex digits per byte");
            }
            if (digits < 10)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column, $"the record is too short ({digits / 2} bytes)",
                    Text(p, textEnd), "at least a length, address, type and checksum (10 hex digits)");
            }
            var count = digits / 2;
            if (count > MaxRecordBytes)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column, $"the record has {count - 5} data bytes", Text(p, textEnd), "at most 255 data bytes per record");
            }
            uint sum = 0;
            HexDigits.TryDecode(p + 1, scratch, count, ref sum);
            var length = scratch[0];
            if (length != count - 5)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column + 1, $"the length field says {length} data bytes but the record has {count - 5}",
                    Text(p + 1, p + 3), $"{count - 5:X2} to match the data");
            }
            if ((sum & 0xFF) != 0)
            {
                var expected = (byte)(0x100 - ((sum - scratch[count - 1]) & 0xFF));
                return Error(ImageErrorKind.BadChecksum, line, column + 1 + 2 * (count - 1), "bad checksum", Text(textEnd - 2, textEnd), $"{expected:X2}");
            }
            var type = scratch[3];
            if (type > 5)
            {
                return Error(ImageErrorKind.UnknownRecordType, line, column + 7, $"unknown record type {type:X2}", Text(p + 7, p + 9),
                    "00 (data), 01 (end of file), 02 (extended segment address), 03 (start segment address), 04 (extended linear address) or 05 (start linear address)");
            }
            var needed = type switch { 0 => -1, 1 => 0, 2 => 2, 4 => 2, _ => 4 };
            if (needed >= 0 && length != needed)
            {
                return Error(ImageErrorKind.LengthMismatch, line, column + 1, $"a record of type {type:X2} carries {needed} data bytes, this one {length}",
                    Text(p + 1, p + 3), $"{needed:X2}");
            }
            record = new Record(type, length, (uint)(scratch[1] << 8 | scratch[2]), scratch + 4, lineEnd);
            return null;
        }

        private struct State
        {
            public static State Initial => new State { Line = 1 };

            public int Mode;
            public uint Base;
            public long Line;
            public StartAddress? Start;
            public long StartLine;
            public bool EndSeen;
            public long EndLine;
        }

        private readonly struct Record
        {
            public Record(int type, int length, uint offset, byte* data, byte* lineEnd)
            {
                Type = type;
                Length = length;
                Offset = offset;
                Data = data;
                LineEnd = lineEnd;
            }

            public int Type { get; }

            public int Length { get; }

            public uint Offset { get; }

            public byte* Data { get; }

            /// <summary>The CR or LF after the record (or the end of the file).</summary>
            public byte* LineEnd { get; }
        }
    }
}
