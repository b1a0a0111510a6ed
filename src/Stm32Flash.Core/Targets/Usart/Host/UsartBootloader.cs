using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Stm32Flash.Checksums;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// The host side of the STM32 USART bootloader protocol (AN3155): one method per command, each one transaction that
    /// either completes or throws <see cref="UsartTransactionException"/> saying at which stage the device refused or went
    /// silent. Retrying is left to the caller (<see cref="UsartBootloaderTarget"/>); <see cref="Resynchronize"/> brings the link
    /// back to a command boundary after a failure.
    /// </summary>
    public sealed class UsartBootloader : IDisposable
    {
        private const int MaxTransfer = 256;
        private static readonly TimeSpan ResyncWait = TimeSpan.FromMilliseconds(40);
        // Longer than a USB-serial adapter's latency timer (an FTDI chip's is 16 ms by default), which delivers a stream
        // of answers in bursts with silence between them.
        private static readonly TimeSpan QuietTime = TimeSpan.FromMilliseconds(25);
        private static readonly TimeSpan CancelPoll = TimeSpan.FromMilliseconds(50);
        private readonly IByteLink _link;
        private readonly byte[] _frame = new byte[MaxTransfer + 2];
        private int _patience = 1;

        // The transaction under way, so that a link that closes mid-way is reported against it.
        private byte _command = UsartCodes.Init;
        private uint? _address;
        private UsartStage _stage = UsartStage.Command;
        private volatile bool _cancel;

        public UsartBootloader(IByteLink link, UsartOptions? options = null)
        {
            _link = link ?? throw new ArgumentNullException(nameof(link));
            Options = options?.Clone() ?? new UsartOptions();
            Options.Validate();
        }

        public IByteLink Link => _link;

        public UsartOptions Options { get; }

        /// <summary>Protocol traces (what was sent, what came back, recoveries). Called on the calling thread.</summary>
        public Action<TargetLogLevel, string>? Log { get; set; }

        /// <summary>
        /// Sends 0x7F so that the device measures the baud rate and answers ACK. A NACK means the device was synchronised
        /// already (a previous session did it), which is fine. When nothing comes, the device may be halfway through a
        /// command from an earlier session: a second 0x7F, then <see cref="Resynchronize"/>, bring it back.
        /// </summary>
        public void Synchronize()
        {
            Begin(UsartCodes.Init, null);
            _link.DiscardInput();
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                Send(new[] { UsartCodes.Init });
                var reply = TryReadByte(Options.AnswerTimeout + _link.WireTime(2));
                if (reply == UsartCodes.Ack || reply == UsartCodes.Nack)
                {
                    Trace(reply == UsartCodes.Ack ? "0x7F: ACK, the device measured the baud rate" : "0x7F: NACK, the device was synchronised already");
                    // The byte may be a late answer to an earlier session's request rather than to this 0x7F.
                    DrainUntilQuiet();
                    if (Probe()) return;
                    Trace("0x7F: the device is not at a command boundary after all");
                    break;
                }
                if (reply.HasValue)
                {
                    Trace($"0x7F: unexpected 0x{reply:X2}");
                    break;
                }
                Trace(attempt == 1 ? "0x7F: no answer; sending another (the first may have been taken as part of a command)" : "0x7F: no answer again");
            }
            if (Resynchronize()) return;
            throw new UsartTransactionException(TargetErrorKind.Timeout, UsartCodes.Init, UsartStage.Command, "0x7F",
                $"no answer to 0x7F on {_link.Description} within {Options.AnswerTimeout.TotalMilliseconds:0} ms, nor to the resynchronisation that followed.",
                null, "no answer",
                "The device is not running its bootloader (BOOT0 high, then reset), TX and RX are not crossed or GND is missing, the baud rate or parity is wrong, or another program holds the port.");
        }

        /// <summary>
        /// Brings a host and a device in an unknown state back to a command boundary (at connect, after an earlier session
        /// died somewhere). A burst of <see cref="Filler"/> completes any frame the device may be waiting for, in a way that
        /// no frame it completes is valid, and draws NACKs; <see cref="Align"/> and <see cref="Probe"/> then check that
        /// the device waits for a command. Returns false when the device never answers.
        /// </summary>
        public bool Resynchronize()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                // At least three rounds; more while the device may still be busy with what an earlier request made it do.
                for (var round = 1; round <= 3 || watch.Elapsed < Options.ResyncTimeout; round++)
                {
                    // A slow link (a loaded host, a USB adapter's latency) can leave gaps longer than the quiet time between
                    // the device's answers to the filler; each round waits four times longer than the one before, up to 16 times.
                    _patience = 1 << (2 * (Math.Min(round, 3) - 1));
                    _link.DiscardInput();
                    Send(Filler);
                    if (TryReadByte(Scaled(ResyncWait) + _link.WireTime(Filler.Length + 1)) is null) continue;
                    DrainUntilQuiet();
                    if (Align() && Probe())
                    {
                        Trace($"resynchronised ({round} burst(s) of filler)");
                        return true;
                    }
                }
                return false;
            }
            finally
            {
                _patience = 1;
            }
        }

        /// <summary>
        /// Brings host and device back in step after a transaction that failed: the device may have answered late, taken a
        /// stray byte as part of a frame, or be waiting for the rest of one. Drains what comes until the line is quiet, checks
        /// with <see cref="Align"/> and <see cref="Probe"/> that the device waits for a command, and otherwise falls back on
        /// <see cref="Resynchronize"/>. Returns false when the device never answers.
        /// </summary>
        public bool Realign()
        {
            DrainUntilQuiet();
            if (Align() && Probe())
            {
                Trace("back in step at a command boundary");
                return true;
            }
            return Resynchronize();
        }

        /// <summary>
        /// Brings the device back to a command boundary after a Write Memory that failed once its address had gone out
        /// (the ACK to the address, or to the data block, was lost or damaged). The device may be waiting for the block's
        /// length byte: <see cref="AbortBlock"/> gives it a 4-byte block with a wrong checksum, which it refuses without
        /// programming anything. A device that was at a command boundary already takes the frame as three invalid commands.
        /// Only if the device still does not answer as expected (it lost bytes of the block and waits for more) does the
        /// filler of <see cref="Resynchronize"/> follow.
        /// </summary>
        public bool AbortWriteMemory()
        {
            _link.DiscardInput();
            Send(AbortBlock);
            if (TryReadByte(Options.AnswerTimeout + _link.WireTime(AbortBlock.Length + 1)) is byte reply)
            {
                DrainUntilQuiet();
                if (Align() && Probe())
                {
                    Trace($"Write Memory aborted with a block the device refuses (it answered {UsartCodes.Reply(reply)})");
                    return true;
                }
            }
            return Resynchronize();
        }

        // A Write Memory block of 4 bytes (N = 3) whose checksum is wrong (the XOR of 03 AA AA AA AA is 03). As commands, no
        // two neighbouring bytes are a code and its complement.
        private static readonly byte[] AbortBlock = { 0x03, 0xAA, 0xAA, 0xAA, 0xAA, 0xA5 };

        // FF FF A5, then AA: in every state a device can be waiting in, the frame it completes is refused.
        // - A command boundary: no two neighbouring bytes are a code and its complement (FF FF, FF A5, A5 AA, AA AA).
        // - A command's complement: FF completes only Get (00), which is harmless.
        // - Write Memory's (or Write Protect's) length: N = FF, then FF A5 and 254 bytes of AA, then AA as the checksum;
        //   their XOR is A5. (A constant odd byte b would form a valid block: b + 2 copies of b XOR to b.)
        // - Erase's (0x43) count: FF must be followed by 00 for a global erase. Extended Erase's count: FFFF is a mass
        //   erase whose checksum must be 00, not A5.
        // - An address or a 32-bit parameter: FF FF A5 AA XOR to 0F, not the AA that follows. Read Memory's length and
        //   complement: FF FF do not complement each other.
        // 260 bytes: the longest frame (N, 256 bytes, checksum) and a pair of invalid commands after it.
        private static readonly byte[] Filler = CreateFiller();

        private static byte[] CreateFiller()
        {
            var filler = new byte[260];
            filler[0] = 0xFF;
            filler[1] = 0xFF;
            filler[2] = 0xA5;
            for (var i = 3; i < filler.Length; i++) filler[i] = 0xAA;
            return filler;
        }

        // One 0x00: it pairs with a byte the device still holds (NACK), or starts "00 FF", a Get, completed by one 0xFF.
        private bool Align()
        {
            Send(new byte[] { 0x00 });
            var reply = TryReadByte(Scaled(ResyncWait) + _link.WireTime(2));
            if (reply == UsartCodes.Nack)
            {
                DrainUntilQuiet();
                return true;
            }
            if (reply.HasValue) return false;
            Send(new[] { UsartCodes.Invalid });
            if (TryReadByte(Options.AnswerTimeout + _link.WireTime(2)) != UsartCodes.Ack) return false;
            DrainUntilQuiet();
            return true;
        }

        /// <summary>Get (0x00): the protocol version and the command codes the bootloader offers.</summary>
        public (byte Version, IReadOnlyList<byte> Commands) Get()
        {
            SendCommand(UsartCodes.Get);
            var n = ReadReply(UsartCodes.Get, 1)[0];
            var reply = ReadReply(UsartCodes.Get, n + 1);
            ExpectAck(UsartCodes.Get, UsartStage.Result, "the command list", Options.AnswerTimeout, 0, null);
            var commands = new byte[n];
            Array.Copy(reply, 1, commands, 0, n);
            return (reply[0], commands);
        }

        /// <summary>Get Version (0x01): the protocol version and the two legacy option bytes.</summary>
        public (byte Version, byte Option1, byte Option2) GetVersion()
        {
            SendCommand(UsartCodes.GetVersion);
            var version = ReadReply(UsartCodes.GetVersion, 1)[0];
            // Some products (L412/L422) send a second ACK before the version; no protocol version reads 0x79 (7.9).
            if (version == UsartCodes.Ack) version = ReadReply(UsartCodes.GetVersion, 1)[0];
            var options = ReadReply(UsartCodes.GetVersion, 2);
            ExpectAck(UsartCodes.GetVersion, UsartStage.Result, "the version", Options.AnswerTimeout, 0, null);
            return (version, options[0], options[1]);
        }

        /// <summary>Get ID (0x02): the product ID (DBGMCU_IDCODE.DEV_ID).</summary>
        public ushort GetId()
        {
            SendCommand(UsartCodes.GetId);
            var n = ReadReply(UsartCodes.GetId, 1)[0];
            var id = ReadReply(UsartCodes.GetId, n + 1);
            ExpectAck(UsartCodes.GetId, UsartStage.Result, "the product ID", Options.AnswerTimeout, 0, null);
            if (id.Length < 2)
            {
                throw new UsartTransactionException(TargetErrorKind.Protocol, UsartCodes.GetId, UsartStage.Result, "the product ID",
                    $"the device sent a {id.Length}-byte product ID; 2 bytes were expected.", null, BitConverter.ToString(id), "A bootloader this host does not understand.");
            }
            if (id.Length > 2) Trace($"Get ID: {id.Length - 2} extra byte(s) after the product ID: {BitConverter.ToString(id, 2)}");
            return (ushort)(id[0] << 8 | id[1]);
        }

        /// <summary>Get, Get Version and Get ID together.</summary>
        public UsartBootloaderInfo Identify()
        {
            var (version, commands) = Get();
            byte option1 = 0, option2 = 0;
            if (commands.Contains(UsartCodes.GetVersion)) (_, option1, option2) = GetVersion();
            var id = GetId();
            return new UsartBootloaderInfo(version, commands, id, option1, option2);
        }

        /// <summary>Read Memory (0x11): 1 to 256 bytes.</summary>
        public void ReadMemory(uint address, Span<byte> destination)
        {
            CheckLength(destination.Length, UsartCodes.ReadMemory, address);
            SendCommand(UsartCodes.ReadMemory, address);
            SendAddress(UsartCodes.ReadMemory, address);
            var n = (byte)(destination.Length - 1);
            _stage = UsartStage.Parameter;
            Send(new[] { n, (byte)(n ^ 0xFF) });
            ExpectAck(UsartCodes.ReadMemory, UsartStage.Parameter, "the length", Options.AnswerTimeout, 2, address);
            try
            {
                ReadExactly(destination, Options.AnswerTimeout + _link.WireTime(destination.Length));
            }
            catch (LinkTimeoutException ex)
            {
                throw new UsartTransactionException(TargetErrorKind.Timeout, UsartCodes.ReadMemory, UsartStage.Result, "the data",
                    $"only {ex.Received} of {destination.Length} bytes came within {ex.Timeout.TotalMilliseconds:0} ms.", address,
                    $"{ex.Received} of {destination.Length} bytes", UsartFailureCauses.ForSilence(UsartCodes.ReadMemory, UsartStage.Result), ex);
            }
            catch (LinkClosedException ex)
            {
                throw Closed(UsartCodes.ReadMemory, address, UsartStage.Result, ex);
            }
        }

        /// <summary>Go (0x21): the device loads SP from [address] and jumps to [address + 4]; it stops answering.</summary>
        public void Go(uint address)
        {
            SendCommand(UsartCodes.Go, address);
            SendAddress(UsartCodes.Go, address);
        }

        /// <summary>Write Memory (0x31): 1 to 256 bytes; the device ACKs once they are programmed.</summary>
        public void WriteMemory(uint address, ReadOnlySpan<byte> data)
        {
            CheckLength(data.Length, UsartCodes.WriteMemory, address);
            SendCommand(UsartCodes.WriteMemory, address);
            SendAddress(UsartCodes.WriteMemory, address);
            var n = (byte)(data.Length - 1);
            _frame[0] = n;
            data.CopyTo(_frame.AsSpan(1));
            _frame[data.Length + 1] = UsartFrame.Xor(data, n);
            _stage = UsartStage.Data;
            Send(_frame.AsSpan(0, data.Length + 2));
            ExpectAck(UsartCodes.WriteMemory, UsartStage.Data, "the data block", Options.WriteTimeout, data.Length + 2, address);
        }

        /// <summary>
        /// Write Memory (0x31) to the option bytes: the device programs them and resets to load them (answering ACK first, or
        /// resetting before it), and is synchronised again here.
        /// </summary>
        public void WriteOptionBytes(uint address, ReadOnlySpan<byte> data)
        {
            try
            {
                WriteMemory(address, data);
            }
            catch (UsartTransactionException ex) when (ex.Kind == TargetErrorKind.Timeout && ex.Stage == UsartStage.Data)
            {
                Trace("Write Memory to the option bytes: no ACK after the data; the device may have reset before answering");
            }
            Restart(UsartCodes.WriteMemory,
                "The new option bytes may make the chip start from flash whatever BOOT0 says (then only the application or a debugger brings the " +
                "bootloader back), or BOOT0 is low; set BOOT0 high, reset the device and connect again.");
        }

        /// <summary>Erase (0x43, legacy): up to 255 pages numbered 0..255.</summary>
        public void Erase(IReadOnlyList<int> pages, long bytes)
        {
            if (pages.Count < 1 || pages.Count > 255) throw new ArgumentOutOfRangeException(nameof(pages), "Erase (0x43) takes 1 to 255 pages.");
            var frame = new byte[pages.Count + 2];
            frame[0] = (byte)(pages.Count - 1);
            for (var i = 0; i < pages.Count; i++)
            {
                if (pages[i] < 0 || pages[i] > 255) throw new ArgumentOutOfRangeException(nameof(pages), $"Erase (0x43) numbers pages 0..255; {pages[i]} is out of reach.");
                frame[i + 1] = (byte)pages[i];
            }
            frame[frame.Length - 1] = UsartFrame.Xor(frame.AsSpan(0, frame.Length - 1));
            SendCommand(UsartCodes.Erase);
            SendData(frame);
            ExpectAck(UsartCodes.Erase, UsartStage.Data, "the page list", EraseTimeout(bytes), frame.Length, null);
        }

        /// <summary>Erase (0x43, legacy) of the whole flash.</summary>
        public void EraseAll()
        {
            SendCommand(UsartCodes.Erase);
            SendData(new byte[] { 0xFF, 0x00 });
            ExpectAck(UsartCodes.Erase, UsartStage.Data, "the global-erase code", Options.MassEraseTimeout, 2, null);
        }

        /// <summary>Extended Erase (0x44) of pages by number (two bytes each).</summary>
        public void ExtendedErase(IReadOnlyList<int> pages, long bytes)
        {
            if (pages.Count < 1 || pages.Count > 0xFFF0) throw new ArgumentOutOfRangeException(nameof(pages), "Extended Erase takes 1 to 65520 pages.");
            var frame = new byte[2 * pages.Count + 3];
            frame[0] = (byte)((pages.Count - 1) >> 8);
            frame[1] = (byte)(pages.Count - 1);
            for (var i = 0; i < pages.Count; i++)
            {
                if (pages[i] < 0 || pages[i] > 0xFFFF) throw new ArgumentOutOfRangeException(nameof(pages), $"Page number {pages[i]} does not fit in two bytes.");
                frame[2 + 2 * i] = (byte)(pages[i] >> 8);
                frame[3 + 2 * i] = (byte)pages[i];
            }
            frame[frame.Length - 1] = UsartFrame.Xor(frame.AsSpan(0, frame.Length - 1));
            SendCommand(UsartCodes.ExtendedErase);
            SendData(frame);
            ExpectAck(UsartCodes.ExtendedErase, UsartStage.Data, "the page list", EraseTimeout(bytes), frame.Length, null);
        }

        /// <summary>Extended Erase (0x44) with a special code: 0xFFFF mass erase, 0xFFFE bank 1, 0xFFFD bank 2.</summary>
        public void ExtendedErase(ushort specialCode)
        {
            if (specialCode < 0xFFF0) throw new ArgumentOutOfRangeException(nameof(specialCode), "Special erase codes are 0xFFF0..0xFFFF.");
            var hi = (byte)(specialCode >> 8);
            var lo = (byte)specialCode;
            SendCommand(UsartCodes.ExtendedErase);
            SendData(new[] { hi, lo, (byte)(hi ^ lo) });
            ExpectAck(UsartCodes.ExtendedErase, UsartStage.Data, $"the erase code 0x{specialCode:X4}", Options.MassEraseTimeout, 3, null);
        }

        /// <summary>Write Protect (0x63): protects the listed sectors; the device resets afterwards and is synchronised again here.</summary>
        public void WriteProtect(IReadOnlyList<int> sectors)
        {
            if (sectors.Count < 1 || sectors.Count > 256) throw new ArgumentOutOfRangeException(nameof(sectors), "Write Protect takes 1 to 256 sectors.");
            var frame = new byte[sectors.Count + 2];
            frame[0] = (byte)(sectors.Count - 1);
            for (var i = 0; i < sectors.Count; i++)
            {
                if (sectors[i] < 0 || sectors[i] > 255) throw new ArgumentOutOfRangeException(nameof(sectors), $"Write Protect numbers sectors 0..255; {sectors[i]} is out of reach.");
                frame[i + 1] = (byte)sectors[i];
            }
            frame[frame.Length - 1] = UsartFrame.Xor(frame.AsSpan(0, frame.Length - 1));
            SendCommand(UsartCodes.WriteProtect);
            SendData(frame);
            ExpectAck(UsartCodes.WriteProtect, UsartStage.Data, "the sector list", Options.ProtectTimeout, frame.Length, null);
            Restart(UsartCodes.WriteProtect);
        }

        /// <summary>Write Unprotect (0x73); the device resets afterwards and is synchronised again here.</summary>
        public void WriteUnprotect() => TwoAckCommand(UsartCodes.WriteUnprotect, Options.ProtectTimeout);

        /// <summary>Readout Protect (0x82); the device resets afterwards and is synchronised again here.</summary>
        public void ReadoutProtect() => TwoAckCommand(UsartCodes.ReadoutProtect, Options.ProtectTimeout);

        /// <summary>Readout Unprotect (0x92): the device mass-erases, clears protection, resets, and is synchronised again here.</summary>
        public void ReadoutUnprotect() => TwoAckCommand(UsartCodes.ReadoutUnprotect, Options.ReadoutUnprotectTimeout);

        /// <summary>
        /// Get Checksum (0xA1): the device's CRC of <paramref name="length"/> bytes (a non-zero multiple of 4) at a word-aligned
        /// address. The size goes as a count of 32-bit words, then the polynomial and the initial value (products with a fixed
        /// CRC unit ignore them).
        /// </summary>
        public uint GetChecksum(uint address, int length, uint polynomial = Crc32Mpeg2.Polynomial, uint initialValue = Crc32Mpeg2.InitialValue)
        {
            if ((address & 3) != 0 || length <= 0 || (length & 3) != 0)
                throw new ArgumentException($"Get Checksum takes a word-aligned address and a non-zero multiple of 4 bytes; got {length} bytes at 0x{address:X8}.");
            SendCommand(UsartCodes.GetChecksum, address);
            SendAddress(UsartCodes.GetChecksum, address);
            SendWord(UsartCodes.GetChecksum, (uint)length / 4, "the size", address);
            SendWord(UsartCodes.GetChecksum, polynomial, "the polynomial", address);
            SendWord(UsartCodes.GetChecksum, initialValue, "the initial value", address);
            var compute = Options.ChecksumTimeout + TimeSpan.FromTicks(Options.ChecksumTimePerMiB.Ticks * length / (1024 * 1024));
            ExpectAck(UsartCodes.GetChecksum, UsartStage.Result, "the checksum computation", compute, 0, address);
            var reply = ReadReply(UsartCodes.GetChecksum, 5, address);
            if (UsartFrame.Xor(reply) != 0)
            {
                throw new UsartTransactionException(TargetErrorKind.Protocol, UsartCodes.GetChecksum, UsartStage.Result, "the checksum",
                    "the checksum reply's own XOR check fails.", address, BitConverter.ToString(reply), "The reply was damaged on the line.");
            }
            return (uint)(reply[0] << 24 | reply[1] << 16 | reply[2] << 8 | reply[3]);
        }

        /// <summary>
        /// Makes the transaction in progress stop waiting for the device (within about 50 ms) and throw
        /// <see cref="OperationCanceledException"/>; so does every later one until <see cref="ResetCancel"/>. Callable from any
        /// thread. The device may still be carrying the command out (a mass erase goes on) and answer later.
        /// </summary>
        public void Cancel() => _cancel = true;

        public void ResetCancel() => _cancel = false;

        public void Dispose() => _link.Dispose();

        private void TwoAckCommand(byte command, TimeSpan timeout)
        {
            SendCommand(command);
            ExpectAck(command, UsartStage.Result, "the command was carried out", timeout, 0, null);
            Restart(command);
        }

        // Protection commands end with a system reset; the restarted bootloader needs 0x7F again.
        private void Restart(byte command, string? cause = null)
        {
            _stage = UsartStage.Result;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Options.RestartTime)
            {
                _link.DiscardInput();
                Send(new[] { UsartCodes.Init });
                var reply = TryReadByte(TimeSpan.FromMilliseconds(50) + _link.WireTime(2));
                if (reply == UsartCodes.Ack || reply == UsartCodes.Nack)
                {
                    Trace($"{UsartCodes.Name(command)}: the device restarted and answered 0x7F after {watch.ElapsedMilliseconds} ms");
                    return;
                }
                Thread.Sleep(20);
            }
            throw new UsartTransactionException(TargetErrorKind.Timeout, command, UsartStage.Result, "the restart",
                $"the device did not come back in the bootloader within {Options.RestartTime.TotalMilliseconds:0} ms of the reset that follows {UsartCodes.Name(command)}.",
                null, "no answer to 0x7F", cause ?? "BOOT0 is low, so the device restarted into the application; set BOOT0 high and reset it.");
        }

        private TimeSpan EraseTimeout(long bytes) =>
            Options.EraseTimeout + TimeSpan.FromTicks(Options.EraseTimePerKiB.Ticks * ((bytes + 1023) / 1024));

        private void SendCommand(byte command, uint? address = null)
        {
            Begin(command, address);
            Send(UsartFrame.Command(command));
            ExpectAck(command, UsartStage.Command, "the command", Options.AnswerTimeout, 2, address);
        }

        private void SendAddress(byte command, uint address)
        {
            _stage = UsartStage.Address;
            Send(UsartFrame.Word(address));
            ExpectAck(command, UsartStage.Address, "the address", Options.AnswerTimeout, 5, address);
        }

        private void SendWord(byte command, uint value, string what, uint address)
        {
            _stage = UsartStage.Parameter;
            Send(UsartFrame.Word(value));
            ExpectAck(command, UsartStage.Parameter, what, Options.AnswerTimeout, 5, address);
        }

        private void Begin(byte command, uint? address)
        {
            _command = command;
            _address = address;
            _stage = UsartStage.Command;
        }

        private void SendData(ReadOnlySpan<byte> bytes)
        {
            _stage = UsartStage.Data;
            Send(bytes);
        }

        private void Send(ReadOnlySpan<byte> bytes)
        {
            try
            {
                _link.Write(bytes);
            }
            catch (LinkClosedException ex)
            {
                throw Closed(_command, _address, _stage, ex);
            }
        }

        private void ExpectAck(byte command, UsartStage stage, string after, TimeSpan timeout, int bytesSent, uint? address)
        {
            var wait = timeout + _link.WireTime(bytesSent + 1);
            byte reply;
            try
            {
                reply = ReadByte(wait);
            }
            catch (LinkTimeoutException ex)
            {
                throw new UsartTransactionException(TargetErrorKind.Timeout, command, stage, after,
                    $"no answer within {wait.TotalMilliseconds:0} ms after {after}.", address,
                    $"no answer within {wait.TotalMilliseconds:0} ms after {after}", UsartFailureCauses.ForSilence(command, stage), ex);
            }
            catch (LinkClosedException ex)
            {
                throw Closed(command, address, stage, ex);
            }
            if (reply == UsartCodes.Ack) return;
            if (reply == UsartCodes.Nack)
            {
                var kind = stage == UsartStage.Address ? TargetErrorKind.AddressRefused
                    : stage == UsartStage.Command && command != UsartCodes.ReadoutUnprotect ? TargetErrorKind.ReadoutProtected
                    : TargetErrorKind.Refused;
                throw new UsartTransactionException(kind, command, stage, after, $"the bootloader refused {after}.", address,
                    $"NACK (0x1F) after {after}", UsartFailureCauses.ForNack(command, stage));
            }
            throw new UsartTransactionException(TargetErrorKind.Protocol, command, stage, after, $"0x{reply:X2} came instead of ACK after {after}.", address,
                $"0x{reply:X2} after {after}", "The host and the device are out of step (a reply from an earlier command, noise), or the baud rate is wrong.");
        }

        private byte[] ReadReply(byte command, int count, uint? address = null)
        {
            var bytes = new byte[count];
            var wait = Options.AnswerTimeout + _link.WireTime(count);
            try
            {
                ReadExactly(bytes, wait);
            }
            catch (LinkTimeoutException ex)
            {
                throw new UsartTransactionException(TargetErrorKind.Timeout, command, UsartStage.Result, "the reply",
                    $"only {ex.Received} of {count} reply bytes came within {wait.TotalMilliseconds:0} ms.", address,
                    $"{ex.Received} of {count} bytes", UsartFailureCauses.ForSilence(command, UsartStage.Result), ex);
            }
            catch (LinkClosedException ex)
            {
                throw Closed(command, address, UsartStage.Result, ex);
            }
            return bytes;
        }

        // The link's reads, in slices, so that a cancel is seen while waiting long (an erase's ACK).
        private int ReadSome(Span<byte> destination, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (_cancel)
                {
                    throw new OperationCanceledException(
                        $"{UsartCodes.Name(_command)}{(_address.HasValue ? $" at 0x{_address:X8}" : "")} was cancelled while waiting for the device on {_link.Description}.");
                }
                var left = timeout - watch.Elapsed;
                var n = _link.ReadSome(destination, left <= TimeSpan.Zero ? TimeSpan.Zero : left < CancelPoll ? left : CancelPoll);
                if (n > 0 || watch.Elapsed >= timeout) return n;
            }
        }

        private void ReadExactly(Span<byte> destination, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            var done = 0;
            while (done < destination.Length)
            {
                var left = timeout - watch.Elapsed;
                var n = left > TimeSpan.Zero ? ReadSome(destination.Slice(done), left) : 0;
                if (n == 0) throw new LinkTimeoutException(destination.Length, done, timeout);
                done += n;
            }
        }

        private byte ReadByte(TimeSpan timeout)
        {
            Span<byte> b = stackalloc byte[1];
            ReadExactly(b, timeout);
            return b[0];
        }

        private byte? TryReadByte(TimeSpan timeout)
        {
            Span<byte> b = stackalloc byte[1];
            try
            {
                return ReadSome(b, timeout) == 1 ? b[0] : (byte?)null;
            }
            catch (LinkClosedException ex)
            {
                throw Closed(_command, _address, _stage, ex);
            }
        }

        // Reads and drops bytes until the line has been quiet for a while.
        private TimeSpan Scaled(TimeSpan wait) => TimeSpan.FromTicks(wait.Ticks * _patience);

        private void DrainUntilQuiet()
        {
            Span<byte> sink = stackalloc byte[64];
            for (var i = 0; i < 100 && TryRead(sink, Scaled(QuietTime) + _link.WireTime(2)) > 0; i++)
            {
            }
        }

        private int TryRead(Span<byte> buffer, TimeSpan timeout)
        {
            try
            {
                return ReadSome(buffer, timeout);
            }
            catch (LinkClosedException ex)
            {
                throw Closed(_command, _address, _stage, ex);
            }
        }

        // One 0xFF 0x00 must draw exactly one NACK and nothing after it.
        private bool Probe()
        {
            _link.DiscardInput();
            Send(new[] { UsartCodes.Invalid, (byte)0x00 });
            if (TryReadByte(Options.AnswerTimeout + _link.WireTime(3)) != UsartCodes.Nack) return false;
            Span<byte> extra = stackalloc byte[16];
            return TryRead(extra, Scaled(QuietTime) + _link.WireTime(2)) == 0;
        }

        private static void CheckLength(int length, byte command, uint address)
        {
            if (length < 1 || length > MaxTransfer)
                throw new ArgumentOutOfRangeException(nameof(length), $"{UsartCodes.Name(command)} moves 1 to {MaxTransfer} bytes at a time; {length} bytes at 0x{address:X8} were asked.");
        }

        private UsartTransactionException Closed(byte command, uint? address, UsartStage stage, LinkClosedException ex) =>
            new UsartTransactionException(TargetErrorKind.Disconnected, command, stage, "the link", ex.Message, address, null,
                "The port was closed, or the adapter unplugged; connect again.", ex);

        private void Trace(string text) => Log?.Invoke(TargetLogLevel.Verbose, $"{_link.Description}: {text}");
    }
}
