using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Stm32Flash.Checksums;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// A device reached through its USART bootloader. Capabilities come from the bootloader's Get list (Get Checksum only
    /// when listed, the legacy or the extended erase). A transfer that draws a NACK or times out is tried again a few times;
    /// when the block had gone out whole, the device's memory is read back first, because flash cannot be programmed twice:
    /// the block is there already (done), the range is still erased (write again), or anything else (stop: it needs an erase).
    /// A long wait (an erase's answer) can be cancelled from another thread.
    /// </summary>
    public sealed class UsartBootloaderTarget : ITarget, ICancellableTarget, IConfirmingTarget
    {
        private readonly UsartBootloader _bootloader;
        private Action<TargetLogLevel, string>? _log;
        // The last block the device acknowledged, until a later transaction shows that the device was in step after it: a
        // stray byte inside a block can shift it and still pass the 8-bit checksum.
        private (uint Address, byte[] Data)? _unconfirmed;
        private int _depth;
        private bool _interrupted;

        public UsartBootloaderTarget(UsartBootloader bootloader, DeviceInfo device, UsartBootloaderInfo info)
        {
            _bootloader = bootloader ?? throw new ArgumentNullException(nameof(bootloader));
            Device = device ?? throw new ArgumentNullException(nameof(device));
            Bootloader = info ?? throw new ArgumentNullException(nameof(info));
            var erase = info.EraseCommand;
            Capabilities = new TargetCapabilities
            {
                MaxWrite = 256,
                MaxRead = 256,
                CanChecksum = info.Offers(UsartCodes.GetChecksum),
                CanErasePages = erase.HasValue,
                CanEraseBank = erase == UsartCodes.ExtendedErase && device.BankCount > 1,
                CanMassErase = erase.HasValue,
                CanGo = info.Offers(UsartCodes.Go),
                CanReset = false,
                CanReadoutProtect = info.Offers(UsartCodes.ReadoutProtect) && info.Offers(UsartCodes.ReadoutUnprotect),
                CanWriteProtect = info.Offers(UsartCodes.WriteProtect) && info.Offers(UsartCodes.WriteUnprotect),
                CanReadOptionBytes = info.Offers(UsartCodes.ReadMemory),
                CanWriteOptionBytes = info.Offers(UsartCodes.WriteMemory),
            };
        }

        /// <summary>
        /// Synchronises with the bootloader on the link, asks what it offers and who it is, and picks the device from the
        /// catalog by its product ID (or checks it is <paramref name="device"/>). Owns the link from then on: it is closed if
        /// connecting fails, and when the target is disposed.
        /// </summary>
        public static UsartBootloaderTarget Connect(IByteLink link, UsartOptions? options = null, DeviceInfo? device = null, Action<TargetLogLevel, string>? log = null)
        {
            if (link is null) throw new ArgumentNullException(nameof(link));
            var bootloader = new UsartBootloader(link, options) { Log = log };
            try
            {
                bootloader.Synchronize();
                var info = IdentifyReliably(bootloader);
                var found = device ?? DeviceCatalog.FindByProductId(info.ProductId).FirstOrDefault() ?? throw new UnknownProductException(info.ProductId, info);
                if (found.ProductId != info.ProductId) throw new DeviceMismatchException(found, info.ProductId, null, "Get ID");
                if (found.Definition is not Devices.Definitions.DeviceDefinition definition) return new UsartBootloaderTarget(bootloader, found, info) { Log = log };
                // Read the chip's flash size and layout bits with the catalog's default, retrying as any read is retried.
                var provisional = new UsartBootloaderTarget(bootloader, found, info) { Log = log };
                var chip = LayoutProbe.Resolve(definition, provisional.ReadTwiceAlike, text => log?.Invoke(TargetLogLevel.Verbose, text));
                return new UsartBootloaderTarget(bootloader, chip, info) { Log = log, Retries = provisional.Retries };
            }
            catch
            {
                bootloader.Dispose();
                throw;
            }
        }

        // Read Memory's data and the replies of Get and Get ID carry no checksum, and a byte damaged on the line would pick the
        // wrong device, layout or command set for the whole session: these are asked until two answers agree.
        private const int AgreementAttempts = 4;

        private static UsartBootloaderInfo IdentifyReliably(UsartBootloader bootloader)
        {
            var retry = new RetryPolicy(bootloader.Options.Retries);
            return UntilTwoAgree(() =>
            {
                UsartBootloaderInfo info = null!;
                retry.Run(() => info = bootloader.Identify(), (failure, n) =>
                    bootloader.Realign() ? true : throw NoAnswerToResynchronisation(failure, failure.LikelyCause));
                return info;
            }, (a, b) => a.SameAs(b), last => new TargetException(TargetErrorKind.Protocol, "Get",
                $"the bootloader on {bootloader.Link.Description} answered Get, Get Version and Get ID differently {AgreementAttempts} times in a row.",
                null, last.ToString(), DamagingLine));
        }

        private byte[] ReadTwiceAlike(uint address, int length) =>
            UntilTwoAgree(() =>
            {
                var bytes = new byte[length];
                Read(address, bytes);
                return bytes;
            }, (a, b) => a.AsSpan().SequenceEqual(b), last => new TargetException(TargetErrorKind.Protocol, "Read Memory",
                $"{length} bytes at 0x{address:X8} read differently {AgreementAttempts} times in a row.", address, BitConverter.ToString(last), DamagingLine));

        private const string DamagingLine = "The line damages bytes (noise, a wrong baud rate, a long or unshielded cable).";

        private static T UntilTwoAgree<T>(Func<T> ask, Func<T, T, bool> same, Func<T, TargetException> disagreed)
        {
            var previous = ask();
            for (var attempt = 2; attempt <= AgreementAttempts; attempt++)
            {
                var answer = ask();
                if (same(answer, previous)) return answer;
                previous = answer;
            }
            throw disagreed(previous);
        }

        private static TargetException NoAnswerToResynchronisation(TargetException failure, string? likelyCause) =>
            new TargetException(TargetErrorKind.Timeout, failure.Operation, failure.Message + " The device did not answer the resynchronisation either.",
                failure.Address, failure.DeviceReply, likelyCause, failure);

        /// <summary>The chip as found at connect, and again after an option-byte write or a readout unprotect (its layout may change).</summary>
        public DeviceInfo Device { get; private set; }

        public TargetInterface Interface => TargetInterface.Usart;

        public string Description => $"{Device.Name} over USART {_bootloader.Link.Description} (bootloader protocol {Bootloader.Version})";

        public TargetCapabilities Capabilities { get; }

        /// <summary>What the bootloader reported at connect time.</summary>
        public UsartBootloaderInfo Bootloader { get; }

        /// <summary>The line, e.g. "/dev/ttyUSB0 at 115200 8E1".</summary>
        public string LinkDescription => _bootloader.Link.Description;

        public UsartOptions Options => _bootloader.Options;

        /// <summary>Transfers tried again after a NACK or a timeout since connecting.</summary>
        public int Retries { get; private set; }

        public Action<TargetLogLevel, string>? Log
        {
            get => _log;
            set
            {
                _log = value;
                _bootloader.Log = value;
            }
        }

        public void Read(uint address, Span<byte> destination)
        {
            if (destination.Length == 0) return;
            var buffer = destination.ToArray();
            Retry(() => _bootloader.ReadMemory(address, buffer), null);
            buffer.CopyTo(destination);
        }

        public void Write(uint address, ReadOnlySpan<byte> data)
        {
            if (data.Length == 0) return;
            if (data.Length > Capabilities.MaxWrite)
            {
                throw new TargetException(TargetErrorKind.Refused, "Write Memory", $"{data.Length} bytes at once; Write Memory takes at most {Capabilities.MaxWrite}.", address);
            }
            var range = AddressRange.FromLength(address, data.Length);
            if (((address | (uint)data.Length) & 3) != 0)
            {
                if (!Device.IsRam(range))
                {
                    throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                        $"{data.Length} bytes at 0x{address:X8}: the USART bootloader writes whole 32-bit words at word-aligned addresses.", address, null,
                        $"The data is not padded to 4 bytes or more; write with -Pad {Math.Max(4, Device.ProgramUnit)} (the default for this device).");
                }
                var bytes = data.ToArray();
                Operate(() => WriteRamWords(address, bytes));
                return;
            }
            WriteBlock(address, data.ToArray());
        }

        public void ErasePages(IReadOnlyList<int> pageNumbers)
        {
            if (pageNumbers is null || pageNumbers.Count == 0) throw new ArgumentException("No pages to erase.", nameof(pageNumbers));
            var erase = RequireErase();
            var bytes = pageNumbers.Sum(n => (long)(Device.Flash.PageByNumber(n)?.Size ?? 0));
            if (erase == UsartCodes.Erase)
            {
                var beyond = pageNumbers.FirstOrDefault(n => n > 255);
                if (beyond > 255)
                {
                    throw new TargetException(TargetErrorKind.NotSupported, "Erase", $"{Device.Flash.UnitName} {beyond}: the legacy Erase command (0x43) numbers pages 0..255 only.", null, null,
                        "This bootloader offers only the legacy erase; erase the rest with a mass erase.");
                }
                // One operation for every batch, so that a cancel between two batches is not lost.
                Operate(() =>
                {
                    for (var i = 0; i < pageNumbers.Count; i += 255)
                    {
                        var part = pageNumbers.Skip(i).Take(255).ToList();
                        Retry(() => _bootloader.Erase(part, bytes * part.Count / pageNumbers.Count), null);
                    }
                });
                return;
            }
            try
            {
                Retry(() => _bootloader.ExtendedErase(pageNumbers, bytes), null);
            }
            catch (UsartTransactionException ex) when (ex.DeviceReply?.Contains("NACK") == true && BankModeUnknown)
            {
                throw ex.WithLikelyCause(
                    $"The chip's bank mode could not be read at connect ({Device.LayoutOrigin}), so the erase used the catalog's default layout, " +
                    $"{Device.Layout}; {Device.Flash.UnitName} numbers {NumberRuns.Describe(pageNumbers)} exist in that layout but may not on this chip " +
                    $"(the other layouts: {string.Join("; ", Device.Definition!.Layouts.Where(l => l != Device.Layout))}). Check the option bytes " +
                    "(Get-Stm32Device shows which bits choose the layout) and connect with -Device and the layout stated, or set the bank mode first." +
                    (ex.LikelyCause is null ? "" : " Otherwise: " + ex.LikelyCause));
            }
        }

        // The layout came from the catalog's default because the option bits that choose it could not be read.
        private bool BankModeUnknown => Device.Definition?.Layouts.Count > 1 && Device.AssumedOptionBits.Count > 0;

        public void EraseBank(int bank)
        {
            if (RequireErase() != UsartCodes.ExtendedErase || Device.BankCount < 2)
            {
                throw new TargetException(TargetErrorKind.NotSupported, "Extended Erase", $"{Device.Name}'s bootloader has no bank erase here.", null, null,
                    "Erase the bank's pages instead.");
            }
            if (bank < 1 || bank > 2) throw new TargetException(TargetErrorKind.Refused, "Extended Erase", $"There is no bank {bank}; banks are 1 and 2.");
            Retry(() => _bootloader.ExtendedErase(bank == 1 ? UsartCodes.Bank1EraseCode : UsartCodes.Bank2EraseCode), null);
        }

        public void MassErase()
        {
            if (RequireErase() == UsartCodes.Erase) Retry(_bootloader.EraseAll, null);
            else Retry(() => _bootloader.ExtendedErase(UsartCodes.MassEraseCode), null);
        }

        public uint Checksum(uint address, int length)
        {
            if (!Capabilities.CanChecksum)
            {
                throw new TargetException(TargetErrorKind.NotSupported, "Get Checksum", "This bootloader does not list Get Checksum (0xA1).", address, null,
                    "Verify by reading back instead.");
            }
            uint crc = 0;
            try
            {
                Retry(() => crc = _bootloader.GetChecksum(address, length), null);
                return crc;
            }
            catch (UsartTransactionException refused) when (refused.Command == UsartCodes.GetChecksum && refused.Stage == UsartStage.Command
                && refused.Kind == TargetErrorKind.ReadoutProtected)
            {
                return ChecksumWithoutGetChecksum(address, length, refused);
            }
        }

        // Get Checksum is listed but refused at its command byte. Readout protection would refuse Read Memory too; when Read
        // Memory works, the bootloader just does not carry Get Checksum out (a G070 lists it and refuses it): from now on the
        // target offers no checksum, so verification reads back, and this CRC is computed from the bytes read back.
        private uint ChecksumWithoutGetChecksum(uint address, int length, UsartTransactionException refused)
        {
            var bytes = new byte[length];
            try
            {
                Read(address, bytes.AsSpan(0, Math.Min(4, length)));
            }
            catch (UsartTransactionException readError) when (readError.Kind == TargetErrorKind.ReadoutProtected)
            {
                throw refused;
            }
            Capabilities.CanChecksum = false;
            _log?.Invoke(TargetLogLevel.Warning,
                $"{Description}: the bootloader lists Get Checksum (0xA1) but refuses it while Read Memory works; verifying by reading back from now on.");
            for (var offset = 0; offset < length; offset += Capabilities.MaxRead)
                Read(address + (uint)offset, bytes.AsSpan(offset, Math.Min(Capabilities.MaxRead, length - offset)));
            return Crc32Mpeg2.OfWords(bytes);
        }

        public void Go(uint address)
        {
            Require(UsartCodes.Go);
            Operate(() => _bootloader.Go(address));
        }

        public void Reset() =>
            throw new TargetException(TargetErrorKind.NotSupported, "Reset", "The USART bootloader has no reset command.", null, null,
                "Reset the device with its NRST pin or its power (with BOOT0 high it comes back in the bootloader), or run the application with Start-Stm32.");

        public void ReadoutProtect()
        {
            Require(UsartCodes.ReadoutProtect);
            Operate(() => _bootloader.ReadoutProtect());
        }

        public void ReadoutUnprotect()
        {
            Require(UsartCodes.ReadoutUnprotect);
            Operate(() => _bootloader.ReadoutUnprotect());
            Reprobe();
        }

        public void WriteProtect(IReadOnlyList<int> sectorNumbers)
        {
            Require(UsartCodes.WriteProtect);
            Operate(() => _bootloader.WriteProtect(sectorNumbers));
        }

        public void WriteUnprotect()
        {
            Require(UsartCodes.WriteUnprotect);
            Operate(() => _bootloader.WriteUnprotect());
        }

        public void WriteOptionBytes(uint address, ReadOnlySpan<byte> data)
        {
            Require(UsartCodes.WriteMemory);
            var range = AddressRange.FromLength(address, data.Length);
            if (data.Length == 0 || data.Length > Capabilities.MaxWrite || ((address | (uint)data.Length) & 3) != 0 || !Device.IsOptionBytes(range))
            {
                throw new TargetException(TargetErrorKind.Refused, "Write Memory",
                    $"{data.Length} bytes at 0x{address:X8}: option bytes are written as whole words (at most {Capabilities.MaxWrite} bytes) within one of " +
                    $"{Device.Name}'s option-byte areas ({AddressRange.Describe(Device.OptionByteAreas)}).", address);
            }
            var bytes = data.ToArray();
            Operate(() => _bootloader.WriteOptionBytes(address, bytes));
            Reprobe();
        }

        /// <summary>One Get in step after the last block shows the device took that block whole (see <see cref="CheckUnconfirmed"/>).</summary>
        public void ConfirmWrites()
        {
            if (_unconfirmed is null) return;
            Retry(() => _bootloader.Get(), null);
        }

        public void Dispose() => _bootloader.Dispose();

        // The chip reset and loaded its option bytes: read its layout again (a bank-mode bit may have changed it).
        private void Reprobe()
        {
            if (Device.Definition is not Devices.Definitions.DeviceDefinition definition) return;
            Device = LayoutProbe.Resolve(definition, ReadTwiceAlike, text => _log?.Invoke(TargetLogLevel.Verbose, text));
            Capabilities.CanEraseBank = Bootloader.EraseCommand == UsartCodes.ExtendedErase && Device.BankCount > 1;
        }

        private void WriteBlock(uint address, byte[] data)
        {
            var isFlash = Device.IsFlash(AddressRange.FromLength(address, data.Length));
            Retry(() => _bootloader.WriteMemory(address, data), ex =>
            {
                // The block went out whole, so the device may have programmed it before the answer was lost or damaged.
                byte[] now;
                try
                {
                    now = ReadTwiceAlike(address, data.Length);
                }
                catch (TargetException readError)
                {
                    throw new TargetException(readError.Kind, "Write Memory",
                        $"the block at 0x{address:X8} ({data.Length} bytes) drew {ex.DeviceReply}, and reading it back to see whether it was programmed failed too: " +
                        $"{readError.DeviceReply ?? readError.Message}.", address, ex.DeviceReply, readError.LikelyCause ?? ex.LikelyCause, readError);
                }
                return ResendAfterReadBack(address, data, now, isFlash, ex);
            });
            _unconfirmed = (address, data);
        }

        // What the device holds after a write that failed once the block had gone out whole: the block (done, false), the
        // erased value throughout (send it again, true), or anything else, which flash cannot take again without an erase.
        private bool ResendAfterReadBack(uint address, byte[] data, byte[] now, bool isFlash, UsartTransactionException ex)
        {
            var firstDifference = FirstIndex(now, data, (held, wanted) => held != wanted);
            if (firstDifference < 0)
            {
                Trace($"Write Memory at 0x{address:X8}: {ex.DeviceReply}, but the {data.Length} bytes are on the device; done");
                return false;
            }
            var erased = Device.ErasedValue;
            if (!isFlash || Array.TrueForAll(now, b => b == erased))
            {
                Trace($"Write Memory at 0x{address:X8}: {ex.DeviceReply}; the {(isFlash ? "flash is still erased" : "RAM takes the block again")}, so it is sent again");
                return true;
            }
            var block = $"the block at 0x{address:X8} ({data.Length} bytes) drew {ex.DeviceReply}, and reading it back shows";
            var foreign = FirstIndex(now, data, (held, wanted) => held != wanted && held != erased);
            if (foreign < 0)
            {
                // Every byte is the image's or erased: the device programmed part of the block and stopped.
                var missing = firstDifference;
                throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                    $"{block} it partly programmed: the image's bytes, but erased (0x{erased:X2}) from 0x{address + (uint)missing:X8} where the image has 0x{data[missing]:X2}. " +
                    "The units programmed already cannot be programmed again without an erase, so the block was not re-sent.",
                    address + (uint)missing, ex.DeviceReply,
                    "The write failed half-way (a programming error, the device reset, or part of the block was programmed before); erase the page and write again.", ex);
            }
            throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                $"{block} 0x{now[firstDifference]:X2} at 0x{address + (uint)firstDifference:X8} where the image has 0x{data[firstDifference]:X2}; " +
                "flash cannot be programmed again without an erase, so the block was not re-sent.",
                address + (uint)firstDifference, ex.DeviceReply, "The page was not erased before writing, or the write failed half-way; erase the page and write again.", ex);
        }

        private static int FirstIndex(byte[] held, byte[] wanted, Func<byte, byte, bool> differs)
        {
            for (var i = 0; i < held.Length; i++)
            {
                if (differs(held[i], wanted[i])) return i;
            }
            return -1;
        }

        // RAM takes any bytes, but the bootloader moves whole words: fill the words around the data with what RAM holds now.
        private void WriteRamWords(uint address, byte[] data)
        {
            var start = address & ~3u;
            var end = ((ulong)address + (ulong)data.Length + 3) & ~3UL;
            var words = new byte[end - start];
            for (var offset = 0; offset < words.Length; offset += 256)
                Read(start + (uint)offset, words.AsSpan(offset, Math.Min(256, words.Length - offset)));
            Array.Copy(data, 0, words, address - start, data.Length);
            for (var offset = 0; offset < words.Length; offset += 256)
            {
                var n = Math.Min(256, words.Length - offset);
                WriteBlock(start + (uint)offset, words.AsSpan(offset, n).ToArray());
            }
        }

        /// <summary>
        /// Stops the wait for the device in the operation under way: it throws <see cref="OperationCanceledException"/> within
        /// about 50 ms. The device may still be carrying the command out; the next operation first brings it back to a command
        /// boundary. Does nothing when no operation is under way.
        /// </summary>
        public void CancelCurrentOperation()
        {
            if (Volatile.Read(ref _depth) > 0) _bootloader.Cancel();
        }

        // Runs device traffic as one cancellable operation (nested calls belong to the outermost one).
        private void Operate(Action operation)
        {
            var outermost = Interlocked.Increment(ref _depth) == 1;
            try
            {
                if (outermost)
                {
                    _bootloader.ResetCancel();
                    if (_interrupted) ResumeAfterCancel();
                }
                operation();
            }
            catch (OperationCanceledException)
            {
                _interrupted = true;
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _depth);
            }
        }

        // A cancelled operation left the device anywhere in a frame, or still busy with it.
        private void ResumeAfterCancel()
        {
            _bootloader.Link.DiscardInput();
            if (!_bootloader.Resynchronize())
            {
                throw new TargetException(TargetErrorKind.Timeout, "resynchronise", $"{Description}: the device does not answer since an operation was cancelled.",
                    null, "no answer", "It may still be carrying out the cancelled command (a mass erase takes up to tens of seconds); wait, then try again, or reset it and connect again.");
            }
            _interrupted = false;
            Trace("back at a command boundary after the cancelled operation");
        }

        // Runs a transaction by the retry policy; a failure after the whole request went out asks afterSent whether to
        // send it again (true) or count it done (false).
        private void Retry(Action transaction, Func<UsartTransactionException, bool>? afterSent) =>
            Operate(() =>
            {
                new RetryPolicy(Options.Retries).Run(transaction, (failure, attempt) =>
                {
                    Retries++;
                    Trace($"{failure.Operation}{(failure.Address.HasValue ? $" at 0x{failure.Address:X8}" : "")}: {failure.DeviceReply}; trying again ({attempt} of {Options.Retries})");
                    if (failure is not UsartTransactionException ex) return true;
                    Recover(ex);
                    return !(ex.RequestSent && afterSent != null && !afterSent(ex));
                });
                // The device took a whole transaction in step, so it was in step after the block before it.
                _unconfirmed = null;
            });

        // Whatever failed, the device may be out of step: a NACK can answer a stray byte paired with the command, and a late
        // answer can still be on its way. Once it is back at a command boundary, the block acknowledged last is checked.
        private void Recover(UsartTransactionException ex)
        {
            _bootloader.Link.DiscardInput();
            var insideWrite = ex.Command == UsartCodes.WriteMemory && (ex.Stage == UsartStage.Address || ex.Stage == UsartStage.Data);
            if (!(insideWrite ? _bootloader.AbortWriteMemory() : _bootloader.Realign()))
                throw NoAnswerToResynchronisation(ex, UsartFailureCauses.ForSilence(ex.Command, UsartStage.Command));
            CheckUnconfirmed(ex);
        }

        // The block acknowledged last, before a transaction that found the device out of step: was it programmed as sent?
        private void CheckUnconfirmed(UsartTransactionException ex)
        {
            if (_unconfirmed is not (uint address, byte[] data)) return;
            _unconfirmed = null;
            var now = ReadTwiceAlike(address, data.Length);
            var first = FirstIndex(now, data, (held, wanted) => held != wanted);
            if (first < 0)
            {
                Trace($"the block at 0x{address:X8} acknowledged before the failure holds what was sent");
                return;
            }
            var range = AddressRange.FromLength(address, data.Length);
            if (!Device.IsFlash(range) || Array.TrueForAll(now, b => b == Device.ErasedValue))
            {
                Trace($"the block at 0x{address:X8} acknowledged before the failure does not hold what was sent; it is sent again");
                Retry(() => _bootloader.WriteMemory(address, data), null);
                return;
            }
            throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                $"the block at 0x{address:X8} ({data.Length} bytes) was acknowledged, but the device was out of step after it ({ex.DeviceReply} next), " +
                $"and reading it back shows 0x{now[first]:X2} at 0x{address + (uint)first:X8} where the image has 0x{data[first]:X2}: the device programmed the block " +
                "shifted or damaged. Flash cannot be programmed again without an erase, so it was not re-sent.",
                address + (uint)first, ex.DeviceReply,
                "A byte was lost or added on the line inside the block, and the block's 8-bit checksum did not catch it; erase the page and write again.", ex)
            {
                NotWritten = range,
            };
        }

        private byte RequireErase() =>
            Bootloader.EraseCommand ?? throw new TargetException(TargetErrorKind.NotSupported, "Erase", "This bootloader lists neither Erase (0x43) nor Extended Erase (0x44).");

        private void Require(byte command)
        {
            if (!Bootloader.Offers(command))
                throw new TargetException(TargetErrorKind.NotSupported, UsartCodes.Name(command), $"This bootloader does not list {UsartCodes.Name(command)} (0x{command:X2}).");
        }

        private void Trace(string text) => _log?.Invoke(TargetLogLevel.Information, $"{Description}: {text}");
    }
}
