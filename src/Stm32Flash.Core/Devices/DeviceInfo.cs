using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>What the host needs to know about one STM32 product to plan and check a write.</summary>
    public sealed class DeviceInfo
    {
        private readonly IReadOnlyDictionary<TargetInterface, TransferLimits> _limits;

        public DeviceInfo(
            string name,
            IEnumerable<string> aliases,
            string series,
            ushort productId,
            FlashLayout flash,
            int programUnit,
            byte erasedValue,
            IEnumerable<AddressRange> ram,
            AddressRange bootloaderRam,
            AddressRange systemMemory,
            AddressRange optionBytes,
            IReadOnlyDictionary<string, TransferLimits> limits,
            byte? i2cAddress = null,
            string? notes = null,
            Definitions.DeviceDefinition? definition = null,
            Definitions.LayoutDefinition? layout = null,
            string? layoutOrigin = null,
            IReadOnlyDictionary<string, int>? optionBitValues = null,
            IEnumerable<string>? assumedOptionBits = null)
        {
            if (programUnit <= 0 || (programUnit & (programUnit - 1)) != 0)
                throw new ArgumentOutOfRangeException(nameof(programUnit), "The programming unit must be a power of two.");
            Name = name;
            Aliases = aliases.ToArray();
            Series = series;
            ProductId = productId;
            Flash = flash;
            ProgramUnit = programUnit;
            ErasedValue = erasedValue;
            Ram = ram.ToArray();
            BootloaderRam = bootloaderRam;
            SystemMemory = systemMemory;
            OptionBytes = optionBytes;
            _limits = InterfaceLimits.ByInterface(limits);
            Limits = InterfaceLimits.ByName(_limits);
            I2cAddress = i2cAddress;
            Notes = notes;
            Definition = definition;
            Layout = layout;
            LayoutOrigin = layoutOrigin;
            OptionBitValues = new NamedValues<int>(optionBitValues ?? NamedValues<int>.Empty);
            AssumedOptionBits = assumedOptionBits?.ToArray() ?? Array.Empty<string>();
        }

        /// <summary>Catalog name, e.g. STM32L552.</summary>
        public string Name { get; }

        /// <summary>Other part names that share this product ID and memory map (e.g. STM32L562).</summary>
        public IReadOnlyList<string> Aliases { get; }

        public string Series { get; }

        /// <summary>The product ID the bootloader's Get ID command returns (DBGMCU_IDCODE.DEV_ID).</summary>
        public ushort ProductId { get; }

        public FlashLayout Flash { get; }

        /// <summary>Bytes programmed at once; flash is written in whole, aligned units of this size, once per erase.</summary>
        public int ProgramUnit { get; }

        public byte ErasedValue { get; }

        /// <summary>SRAM regions a host may write to and run code from.</summary>
        public IReadOnlyList<AddressRange> Ram { get; }

        /// <summary>RAM the system bootloader uses itself; writes there are refused.</summary>
        public AddressRange BootloaderRam { get; }

        public AddressRange SystemMemory { get; }

        /// <summary>The option-byte area as the bootloader addresses it (the main one, where a product has more).</summary>
        public AddressRange OptionBytes { get; }

        /// <summary>Every option-byte area and, where the catalog has them, the named fields (<see cref="Definitions.OptionByteMap"/>).</summary>
        public Definitions.OptionByteMap OptionByteMap => _optionByteMap ??= Definition?.OptionByteMap ?? new Definitions.OptionByteMap(new[] { OptionBytes });

        private Definitions.OptionByteMap? _optionByteMap;

        /// <summary>Every option-byte area: <see cref="OptionBytes"/> first, then any others (bank 2's on G4 and L4).</summary>
        public IReadOnlyList<AddressRange> OptionByteAreas => OptionByteMap.Areas;

        /// <summary>Whether every byte of the range lies in one option-byte area.</summary>
        public bool IsOptionBytes(AddressRange range) => OptionByteAreas.Any(a => a.Contains(range));

        /// <summary>Largest write and read per interface, by name ("Usart", "I2c", ...); interfaces not listed are not offered by the product's bootloader.</summary>
        public IReadOnlyDictionary<string, TransferLimits> Limits { get; }

        /// <summary>7-bit I2C bootloader slave address, where the product has an I2C bootloader and the value is known.</summary>
        public byte? I2cAddress { get; }

        public string? Notes { get; }

        /// <summary>The catalog entry this device was made from (null for a device built in code).</summary>
        public Definitions.DeviceDefinition? Definition { get; }

        /// <summary>The flash layout in use (e.g. dual bank, DBANK=1); null for a device built in code.</summary>
        public Definitions.LayoutDefinition? Layout { get; }

        /// <summary>How the flash size and layout were found: read from the device, or the catalog's default and why.</summary>
        public string? LayoutOrigin { get; }

        /// <summary>The layout option bits this device was resolved with (DBANK = 1, ...); empty where the layout is fixed.</summary>
        public IReadOnlyDictionary<string, int> OptionBitValues { get; }

        /// <summary>Layout option bits that could not be read from the chip and were taken at their factory value.</summary>
        public IReadOnlyList<string> AssumedOptionBits { get; }

        /// <summary>The same as <see cref="Series"/>: STM32L5, STM32G4, ...</summary>
        public string Family => Series;

        public IEnumerable<TargetInterface> Interfaces => _limits.Keys.OrderBy(k => k);

        public bool Offers(TargetInterface targetInterface) => _limits.ContainsKey(targetInterface);

        public long FlashSize => Flash.Size;

        public int BankCount => Flash.BankCount;

        /// <summary>The sizes of the flash pages (or sectors), smallest first: one size, or several for sectors (16, 64, 128 KiB).</summary>
        public IReadOnlyList<int> PageSizes => Flash.GetPages().Select(p => p.Size).Distinct().OrderBy(s => s).ToList();

        /// <summary>The interfaces of the system bootloader in ROM: <see cref="Interfaces"/> without the debug ports (SWD, JTAG).</summary>
        public IEnumerable<TargetInterface> BootloaderInterfaces => Interfaces.Where(i => i != TargetInterface.Swd && i != TargetInterface.Jtag);

        public TransferLimits LimitsFor(TargetInterface targetInterface) =>
            _limits.TryGetValue(targetInterface, out var l)
                ? l
                : throw new NotSupportedException($"{Name} offers no {targetInterface} interface (it has {string.Join(", ", Interfaces)}).");

        public bool IsFlash(AddressRange range) => Flash.Contains(range);

        public bool IsRam(AddressRange range) => Ram.Any(r => r.Contains(range));

        public bool Matches(string name) => MatchLength(name) > 0;

        /// <summary>How specific the best match of <paramref name="name"/> is: the length of the longest name, alias or part pattern it matches; 0 if none.</summary>
        public int MatchLength(string name) =>
            new[] { Name }.Concat(Aliases).Concat(Definition?.Parts ?? Array.Empty<string>()).Where(p => Matches(p, name)).Select(p => p.Length).DefaultIfEmpty(0).Max();

        // A catalog name is a prefix pattern in which a lower-case 'x' stands for any character,
        // so "STM32F103x8" accepts "STM32F103C8T6" and "STM32L552" accepts "stm32l552zet6q".
        private static bool Matches(string pattern, string requested)
        {
            var r = requested.Trim().ToUpperInvariant();
            if (!r.StartsWith("STM32", StringComparison.Ordinal)) r = "STM32" + r;
            if (r.Length < pattern.Length) return false;
            for (var i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == 'x') continue;
                if (char.ToUpperInvariant(pattern[i]) != r[i]) return false;
            }
            return true;
        }

        public override string ToString() => $"{Name} (0x{ProductId:X3})";
    }
}
