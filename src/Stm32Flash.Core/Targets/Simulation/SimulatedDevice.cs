using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Checksums;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;

namespace Stm32Flash.Targets.Simulation
{
    /// <summary>
    /// The memory of one catalog device with the rules real flash enforces: a programming unit is written whole,
    /// aligned and once per erase; pages are erased whole; readout and write protection refuse what the bootloader
    /// refuses. Every public member takes a lock, so one client at a time may use it from any thread.
    /// </summary>
    public sealed partial class SimulatedDevice
    {
        private const string Nack = "NACK (0x1F)";
        private readonly object _lock = new object();
        private readonly byte[] _flash;
        private readonly bool[] _programmed;
        private readonly List<(AddressRange range, byte[] bytes)> _ram;
        private readonly byte[] _systemMemory;
        private readonly OptionByteImage _options;
        private readonly (AddressRange range, byte[] bytes)? _flashSizeRegister;
        private readonly (AddressRange range, byte[] bytes)? _uniqueId;
        private static int _lastSeed;
        private readonly HashSet<int> _writeProtected = new HashSet<int>();
        private IReadOnlyCollection<int> _protectedByOptions = Array.Empty<int>();
        private int _readoutLevel;
        private string? _bootedBecause;
        private readonly Dictionary<int, int> _erases = new Dictionary<int, int>();
        private readonly Dictionary<int, int> _programs = new Dictionary<int, int>();
        private readonly uint _flashBase;

        /// <summary>
        /// A chip as <paramref name="device"/> describes it: its flash size, and for a catalog device the option bits its
        /// layout was resolved with. Its flash-size register and option bytes read as a real chip's would. Its unique device
        /// ID (where the catalog places one) is made from <paramref name="uniqueIdSeed"/>, or from the next of a process-wide
        /// count, so that every simulated chip has an ID of its own.
        /// </summary>
        public SimulatedDevice(DeviceInfo device, bool strict = true, int? uniqueIdSeed = null)
        {
            Info = device ?? throw new ArgumentNullException(nameof(device));
            Strict = strict;
            _flashBase = device.Flash.BaseAddress;
            var span = device.Flash.Range.Length;
            if (device.Definition is DeviceDefinition d)
            {
                // Room for every layout an option-byte change can switch to at this flash size.
                foreach (var layout in d.Layouts.Where(l => (l.FlashSizes.Count == 0 || l.FlashSizes.Contains(device.FlashSize)) && l.Capacity >= device.FlashSize))
                {
                    try
                    {
                        span = Math.Max(span, layout.Build(device.FlashSize, d.Bank2Follows, d.UnitName).Range.Length);
                    }
                    catch (DeviceDefinitionException)
                    {
                        // A layout this flash size cannot take is never switched to.
                    }
                }
                if (d.FlashSizeRegister is uint register)
                {
                    var bytes = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF };
                    var kib = (int)(device.FlashSize / 1024);
                    bytes[register & 3] = (byte)kib;
                    bytes[(register & 3) + 1] = (byte)(kib >> 8);
                    _flashSizeRegister = (AddressRange.FromLength(register & ~3u, 4), bytes);
                }
                if (d.UniqueIdArea is AddressRange uid)
                    _uniqueId = (uid, UniqueIdBytes(uniqueIdSeed ?? System.Threading.Interlocked.Increment(ref _lastSeed)));
            }
            _flash = new byte[span];
            _programmed = new bool[span / device.ProgramUnit];
            _ram = device.Ram.Select(r => (r, new byte[r.Length])).ToList();
            _systemMemory = new byte[device.SystemMemory.Length];
            _options = FactoryOptions(device);
            Fill(_flash, device.ErasedValue);
            _protectedByOptions = ProtectedByOptions();
        }

        /// <summary>The chip as it is now: an option-byte write that changes the layout takes effect at the reset after it.</summary>
        public DeviceInfo Info { get; private set; }

        /// <summary>The flash-size register, where the chip has one: reads say how much flash is fitted.</summary>
        public AddressRange? FlashSizeRegister => _flashSizeRegister?.range;

        /// <summary>The 12 bytes of the unique device ID, where the catalog places one: reads there return <see cref="UniqueId"/>.</summary>
        public AddressRange? UniqueIdArea => _uniqueId?.range;

        /// <summary>The chip's unique device ID; null where the catalog gives no address for it.</summary>
        public UniqueId? UniqueId => _uniqueId is (AddressRange _, byte[] bytes) ? new UniqueId(bytes) : (UniqueId?)null;

        // Laid out as the reference manuals describe it: wafer X and Y (UID[31:0]), wafer number (UID[39:32]) and an ASCII
        // lot number (UID[95:40]), each made from the seed.
        private static byte[] UniqueIdBytes(int seed)
        {
            var bytes = new byte[Devices.UniqueId.Length];
            var x = (ushort)(seed % 100 + 1);
            var y = (ushort)(seed / 100 % 100 + 1);
            bytes[0] = (byte)x; bytes[1] = (byte)(x >> 8); bytes[2] = (byte)y; bytes[3] = (byte)(y >> 8);
            bytes[4] = (byte)(seed / 10000 % 25 + 1);
            System.Text.Encoding.ASCII.GetBytes($"S{(uint)seed % 1000000:D6}", 0, 7, bytes, 5);
            return bytes;
        }

        /// <summary>See <see cref="SimulatorOptions.Strict"/>.</summary>
        public bool Strict { get; }

        /// <summary>
        /// 0 (open), 1 (flash unreadable through the bootloader) or 2 (closed for good): from the RDP field of the option bytes
        /// where the catalog maps it (level 0.5 counts as 0), else as the protection commands left it.
        /// </summary>
        public int ReadoutProtectionLevel
        {
            get
            {
                lock (_lock) return ReadoutLevelNow;
            }
        }

        /// <summary>Where the last Go jumped, while the application runs; null in the bootloader.</summary>
        public uint? RunningFrom { get; private set; }

        /// <summary>Resets since power-on (Reset, and the resets protection commands cause).</summary>
        public int ResetCount { get; private set; }

        /// <summary>The pages (or sectors) write protection covers now, by number.</summary>
        public IReadOnlyCollection<int> WriteProtectedPages { get { lock (_lock) return WriteProtectionMapped ? _protectedByOptions.ToArray() : _writeProtected.ToArray(); } }

        public int ProgramUnit => Info.ProgramUnit;

        /// <summary>The flash unit at an address has been programmed since its page was last erased.</summary>
        public bool IsProgrammed(uint address)
        {
            lock (_lock) return _programmed[UnitIndex(address)];
        }

        public void Read(uint address, Span<byte> destination)
        {
            lock (_lock)
            {
                EnsureInBootloader("Read Memory", address);
                var range = AddressRange.FromLength(address, destination.Length);
                var (memory, offset, name) = Locate(range, "Read Memory");
                if (ReadoutLevelNow > 0 && name != "RAM")
                    throw Protected("Read Memory", address);
                memory.AsSpan(offset, destination.Length).CopyTo(destination);
            }
        }

        public void Write(uint address, ReadOnlySpan<byte> data)
        {
            lock (_lock)
            {
                EnsureInBootloader("Write Memory", address);
                var range = AddressRange.FromLength(address, data.Length);
                if (ReadoutLevelNow > 0) throw Protected("Write Memory", address);
                if (Info.BootloaderRam.Overlaps(range))
                {
                    throw new TargetException(TargetErrorKind.AddressRefused, "Write Memory",
                        $"{range} overlaps the RAM the bootloader uses itself ({Info.BootloaderRam}).", address, Nack,
                        "The image or the address puts data in the bootloader's reserved RAM; link RAM code above " +
                        $"0x{Info.BootloaderRam.End:X8}.");
                }
                var (memory, offset, name) = Locate(range, "Write Memory");
                switch (name)
                {
                    case "flash":
                        ProgramFlash(address, data);
                        break;
                    case "RAM":
                        data.CopyTo(memory.AsSpan(offset));
                        break;
                    case "option bytes":
                        data.CopyTo(memory.AsSpan(offset));
                        LoadOptions();
                        break;
                    default:
                        throw new TargetException(TargetErrorKind.AddressRefused, "Write Memory",
                            $"{range} is in {name}, which the bootloader does not write.", address, Nack);
                }
            }
        }

        public void ErasePages(IReadOnlyList<int> pageNumbers)
        {
            lock (_lock)
            {
                EnsureInBootloader("Extended Erase", null);
                if (ReadoutLevelNow > 0) throw Protected("Extended Erase", null);
                var pages = new List<FlashPage>();
                foreach (var n in pageNumbers)
                {
                    var page = Info.Flash.PageByNumber(n) ?? throw new TargetException(TargetErrorKind.Refused, "Extended Erase",
                        $"{Info.Name} has no {Info.Flash.UnitName} {n} ({Info.Flash.UnitName}s are numbered {Info.Flash.GetPages()[0].Number}..{Info.Flash.GetPages().Max(p => p.Number)}).",
                        null, Nack);
                    if (IsWriteProtected(n))
                    {
                        throw new TargetException(TargetErrorKind.WriteProtected, "Extended Erase",
                            $"{page} is write-protected; the flash refuses to erase it (a real bootloader answers NACK).", page.Address, Nack,
                            WriteProtectionCause);
                    }
                    pages.Add(page);
                }
                foreach (var page in pages) ErasePage(page);
            }
        }

        public void EraseBank(int bank)
        {
            lock (_lock)
            {
                EnsureInBootloader("Extended Erase", null);
                if (ReadoutLevelNow > 0) throw Protected("Extended Erase", null);
                if (bank < 1 || bank > Info.BankCount)
                    throw new TargetException(TargetErrorKind.Refused, "Extended Erase", $"{Info.Name} has no bank {bank} (it has {Info.BankCount}).", null, Nack);
                var pages = Info.Flash.PagesInBank(bank).ToList();
                var protectedPage = pages.FirstOrDefault(p => IsWriteProtected(p.Number));
                if (protectedPage != null)
                    throw new TargetException(TargetErrorKind.WriteProtected, "Extended Erase", $"Bank {bank} holds write-protected {protectedPage}; the bank erase is refused.", protectedPage.Address, Nack);
                foreach (var page in pages) ErasePage(page);
            }
        }

        public void MassErase()
        {
            lock (_lock)
            {
                EnsureInBootloader("Extended Erase", null);
                if (ReadoutLevelNow > 0) throw Protected("Extended Erase", null);
                var protectedPage = Info.Flash.GetPages().FirstOrDefault(p => IsWriteProtected(p.Number));
                if (protectedPage != null)
                    throw new TargetException(TargetErrorKind.WriteProtected, "Extended Erase", $"Mass erase refused: {protectedPage} is write-protected.", protectedPage.Address, Nack);
                EraseAllFlash();
            }
        }

        public uint Checksum(uint address, int length)
        {
            lock (_lock)
            {
                EnsureInBootloader("Get Checksum", address);
                if (ReadoutLevelNow > 0) throw Protected("Get Checksum", address);
                if (length <= 0 || (length & 3) != 0 || (address & 3) != 0)
                {
                    throw new TargetException(TargetErrorKind.Refused, "Get Checksum",
                        $"Get Checksum takes a word-aligned address and a non-zero multiple of 4 bytes; got {length} bytes at 0x{address:X8}.", address, Nack);
                }
                var (memory, offset, _) = Locate(AddressRange.FromLength(address, length), "Get Checksum");
                return Crc32Mpeg2.OfWords(memory.AsSpan(offset, length));
            }
        }

        public void Go(uint address)
        {
            lock (_lock)
            {
                EnsureInBootloader("Go", address);
                if (ReadoutLevelNow > 0) throw Protected("Go", address);
                var range = AddressRange.FromLength(address, 8);
                if (!Info.IsFlash(range) && !(Info.IsRam(range) && !Info.BootloaderRam.Overlaps(range)))
                {
                    throw new TargetException(TargetErrorKind.AddressRefused, "Go",
                        $"0x{address:X8} is not in flash or in RAM the application may use; Go only jumps there.", address, Nack);
                }
                RunningFrom = address;
                _bootedBecause = null;
            }
        }

        /// <summary>The programmed parts of flash (units written since their last erase), as segments in address order.</summary>
        /// <summary>Whether a read of this address reaches a memory area or register of the chip.</summary>
        public bool IsReadable(uint address)
        {
            lock (_lock)
            {
                return Info.Flash.Contains(address) || Info.Ram.Any(r => r.Contains(address)) || Info.SystemMemory.Contains(address)
                    || Info.OptionByteAreas.Any(a => a.Contains(address)) || (_flashSizeRegister?.range.Contains(address) ?? false) || (_uniqueId?.range.Contains(address) ?? false);
            }
        }

        public IReadOnlyList<Segment> ExportFlash()
        {
            lock (_lock)
            {
                var result = new List<Segment>();
                var unit = Info.ProgramUnit;
                var i = 0;
                while (i < _programmed.Length)
                {
                    if (!_programmed[i]) { i++; continue; }
                    var start = i;
                    while (i < _programmed.Length && _programmed[i]) i++;
                    var bytes = new byte[(i - start) * unit];
                    Array.Copy(_flash, start * unit, bytes, 0, bytes.Length);
                    result.Add(new Segment(_flashBase + (uint)(start * unit), bytes,
                        SegmentSource.FromOrigin($"simulated {Info.Name} flash")));
                }
                return result;
            }
        }

        /// <summary>A copy of the flash contents, programmed or not.</summary>
        public byte[] FlashSnapshot()
        {
            lock (_lock) return (byte[])_flash.Clone();
        }

        private void ProgramFlash(uint address, ReadOnlySpan<byte> data)
        {
            var unit = Info.ProgramUnit;
            var offset = (long)(address - _flashBase);
            var end = offset + data.Length;
            var firstUnit = offset / unit;
            var lastUnit = (end - 1) / unit;
            var partialHead = offset % unit != 0;
            var partialTail = end % unit != 0;
            if ((partialHead || partialTail) && Strict)
            {
                var bad = partialHead ? firstUnit : lastUnit;
                var unitStart = _flashBase + (uint)(bad * unit);
                var how = partialHead
                    ? $"the write starts at 0x{address:X8}, inside it"
                    : $"the write ends at 0x{_flashBase + (ulong)end:X8}, inside it";
                throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                    $"the {unit}-byte unit 0x{unitStart:X8}..0x{unitStart + (uint)unit:X8} would be programmed in part ({how}); " +
                    $"{Info.Name} flash is programmed in whole, aligned {unit}-byte units. A real device may acknowledge such a write, " +
                    "program nothing (or whatever its buffer held) and fail the next write to that unit.",
                    unitStart, Nack, $"The data was not padded to the {unit}-byte programming unit (use -Pad {unit}, the default for this device).");
            }

            for (var u = firstUnit; u <= lastUnit; u++)
            {
                var unitStart = _flashBase + (uint)(u * unit);
                var page = Info.Flash.PageAt(unitStart)!;
                if (IsWriteProtected(page.Number))
                {
                    if (!Strict) continue;
                    throw new TargetException(TargetErrorKind.WriteProtected, "Write Memory",
                        $"{page} is write-protected; a real bootloader acknowledges this write and programs nothing (AN3155: no error for write-protected sectors).",
                        unitStart, null, WriteProtectionCause);
                }
                if (_programmed[u])
                {
                    throw new TargetException(TargetErrorKind.FlashRule, "Write Memory",
                        $"the {unit}-byte unit 0x{unitStart:X8}..0x{unitStart + (uint)unit:X8} was already programmed since its {Info.Flash.UnitName} was erased; " +
                        $"{Info.Name} flash cannot program a unit twice, not even with 0x{Info.ErasedValue:X2} (the flash raises a programming error and the bootloader answers NACK).",
                        unitStart, Nack,
                        "Two writes touched the same programming unit: segments that share a unit were padded and written separately, or the page was not erased first.");
                }
                var from = Math.Max(offset, u * unit);
                var to = Math.Min(end, (u + 1) * unit);
                var whole = from == u * unit && to == (u + 1) * unit;
                if (whole)
                    data.Slice((int)(from - offset), unit).CopyTo(_flash.AsSpan((int)from, unit));
                _programmed[u] = true;
                Count(_programs, page.Number);
            }
        }

        private void ErasePage(FlashPage page)
        {
            var offset = (int)(page.Address - _flashBase);
            _flash.AsSpan(offset, page.Size).Fill(Info.ErasedValue);
            Array.Clear(_programmed, offset / Info.ProgramUnit, page.Size / Info.ProgramUnit);
            Count(_erases, page.Number);
        }

        private void EraseAllFlash()
        {
            Fill(_flash, Info.ErasedValue);
            Array.Clear(_programmed, 0, _programmed.Length);
            foreach (var page in Info.Flash.GetPages()) Count(_erases, page.Number);
        }

        private int UnitIndex(uint address)
        {
            if (!Info.Flash.Contains(address)) throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:X8} is not in flash.");
            return (int)((address - _flashBase) / (uint)Info.ProgramUnit);
        }

        private (byte[] memory, int offset, string name) Locate(AddressRange range, string operation)
        {
            if (Info.Flash.Contains(range)) return (_flash, (int)(range.Start - _flashBase), "flash");
            if (_flashSizeRegister is (AddressRange reg, byte[] regBytes) && reg.Contains(range)) return (regBytes, (int)(range.Start - reg.Start), "device information");
            if (_uniqueId is (AddressRange uid, byte[] uidBytes) && uid.Contains(range)) return (uidBytes, (int)(range.Start - uid.Start), "device information");
            foreach (var (r, bytes) in _ram)
            {
                if (r.Contains(range)) return (bytes, (int)(range.Start - r.Start), "RAM");
            }
            if (Info.SystemMemory.Contains(range)) return (_systemMemory, (int)(range.Start - Info.SystemMemory.Start), "system memory");
            for (var i = 0; i < _options.Areas.Count; i++)
            {
                if (_options.Areas[i].Contains(range)) return (_options.AreaBytes(i), (int)(range.Start - _options.Areas[i].Start), "option bytes");
            }
            throw new TargetException(TargetErrorKind.AddressRefused, operation,
                $"{range} is not within one memory area of {Info.Name} (flash {Info.Flash.Range}, RAM {AddressRange.Describe(Info.Ram)}, " +
                $"system memory {Info.SystemMemory}, option bytes {AddressRange.Describe(Info.OptionByteAreas)}).", range.Start, Nack,
                "The address is wrong for this device, or the transfer runs past the end of a memory area.");
        }

        private void EnsureInBootloader(string operation, uint? address)
        {
            if (RunningFrom.HasValue)
            {
                throw new TargetException(TargetErrorKind.Timeout, operation,
                    $"no answer: the device left the bootloader ({_bootedBecause ?? $"Go to 0x{RunningFrom.Value:X8}"}) and runs the application.", address, null,
                    _bootedBecause is null ? "The application is running; reset the device into the bootloader (BOOT0 high, then Reset)."
                        : "Its option bytes make it start from flash after a reset whatever BOOT0 says; only the application (or a debugger) can bring the bootloader back.");
            }
        }

        private TargetException Protected(string operation, uint? address) =>
            new TargetException(TargetErrorKind.ReadoutProtected, operation,
                $"readout protection (level {ReadoutLevelNow}) is active; the bootloader refuses {operation}.", address, Nack,
                "Readout protection is on. Remove it with Unprotect-Stm32 -Readout (ITarget.ReadoutUnprotect() from C#), stm32flash -k, " +
                "or STM32CubeProgrammer (STM32_Programmer_CLI -c port=<port> -rdu); each mass-erases the flash.");

        private const string WriteProtectionCause =
            "Write protection is set on that page. Remove it with Unprotect-Stm32 -Write (ITarget.WriteUnprotect() from C#), stm32flash -u " +
            "(both the bootloader's Write Unprotect), or STM32CubeProgrammer (-ob with the product's WRP option bytes); the device resets afterwards.";

        /// <summary>How often the page (or sector) <paramref name="pageNumber"/> was erased since power-on.</summary>
        public int EraseCount(int pageNumber)
        {
            lock (_lock) return _erases.TryGetValue(pageNumber, out var n) ? n : 0;
        }

        /// <summary>How many programming units of the page (or sector) <paramref name="pageNumber"/> were programmed since power-on.</summary>
        public int ProgramCount(int pageNumber)
        {
            lock (_lock) return _programs.TryGetValue(pageNumber, out var n) ? n : 0;
        }

        private static void Count(Dictionary<int, int> counts, int pageNumber) =>
            counts[pageNumber] = counts.TryGetValue(pageNumber, out var n) ? n + 1 : 1;

        private static void Fill(byte[] bytes, byte value)
        {
            for (var i = 0; i < bytes.Length; i++) bytes[i] = value;
        }
    }
}
