using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// One product ID as the catalog describes it: every part on the die, the largest flash fitted, the layouts option
    /// bits choose between, and where each figure comes from. <see cref="Resolve(long?, IReadOnlyDictionary{string, int}?, string)"/> makes the <see cref="DeviceInfo"/> of
    /// one chip: its flash size and option bits as read from it, or the factory defaults.
    /// </summary>
    public sealed class DeviceDefinition
    {
        private readonly string _json;
        private DeviceInfo? _default;

        internal DeviceDefinition(DeviceDefinitionParts p)
        {
            ProductId = p.ProductId;
            Name = p.Name;
            Family = p.Family;
            Aliases = p.Aliases;
            Parts = p.Parts;
            FlashBase = p.FlashBase;
            MaxFlashSize = p.MaxFlashSize;
            FlashSizeRegister = p.FlashSizeRegister;
            ProgramUnit = p.ProgramUnit;
            ErasedValue = p.ErasedValue;
            UnitName = p.UnitName;
            Bank2Follows = p.Bank2Follows;
            Layouts = p.Layouts;
            OptionBits = p.OptionBits;
            Ram = p.Ram;
            BootloaderRam = p.BootloaderRam;
            SystemMemory = p.SystemMemory;
            OptionBytes = p.OptionBytes;
            OptionByteMap = p.OptionByteMap ?? new OptionByteMap(new[] { p.OptionBytes });
            Otp = p.Otp;
            UniqueIdAddress = p.UniqueIdAddress;
            Bootloader = p.Bootloader;
            Sources = p.Sources;
            Notes = p.Notes;
            Origin = p.Origin;
            _json = p.Json;
        }

        /// <summary>The entry as JSON, as it stands in its file: a start for a definition of a part the catalog lacks.</summary>
        public string ToJson() => _json;

        public ushort ProductId { get; }

        public string Name { get; }

        public string Family { get; }

        public IReadOnlyList<string> Aliases { get; }

        /// <summary>Full part-number patterns sold with this die (lower-case x: any character).</summary>
        public IReadOnlyList<string> Parts { get; }

        public uint FlashBase { get; }

        /// <summary>The largest flash fitted on this die, in bytes: what is assumed when the flash-size register cannot be read.</summary>
        public long MaxFlashSize { get; }

        /// <summary>The 16-bit register holding the flash fitted in KiB; null where the product has none.</summary>
        public uint? FlashSizeRegister { get; }

        public int ProgramUnit { get; }

        public byte ErasedValue { get; }

        public string UnitName { get; }

        /// <summary>With less flash fitted, bank 2 starts right after bank 1 (true) or stays at its own address (false).</summary>
        public bool Bank2Follows { get; }

        /// <summary>The layouts, the factory default first.</summary>
        public IReadOnlyList<LayoutDefinition> Layouts { get; }

        /// <summary>The option bits that choose between <see cref="Layouts"/>.</summary>
        public IReadOnlyList<OptionBitDefinition> OptionBits { get; }

        public IReadOnlyList<AddressRange> Ram { get; }

        public AddressRange BootloaderRam { get; }

        public AddressRange SystemMemory { get; }

        public AddressRange OptionBytes { get; }

        /// <summary>Every option-byte area and, where the catalog has them, the named fields and the risky combinations.</summary>
        public OptionByteMap OptionByteMap { get; }

        public AddressRange? Otp { get; }

        /// <summary>Where the 96-bit unique device ID (UID) starts, 12 bytes; null where the catalog does not say.</summary>
        public uint? UniqueIdAddress { get; }

        /// <summary>The 12 bytes of the unique device ID, where the catalog gives its address.</summary>
        public AddressRange? UniqueIdArea => UniqueIdAddress is uint a ? AddressRange.FromLength(a, UniqueId.Length) : (AddressRange?)null;

        public BootloaderDefinition Bootloader { get; }

        /// <summary>Where the figures come from, by group (productId, flash, ram, bootloader, optionBits, ...).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Sources { get; }

        public string? Notes { get; }

        /// <summary>"built-in catalog" or the file the definition was read from.</summary>
        public string Origin { get; }

        /// <summary>The chip as shipped with the largest flash: the catalog's view when nothing was read from a device.</summary>
        public DeviceInfo Default => _default ??= Resolve(null, null, "catalog default (largest flash, factory option bytes)");

        /// <summary>The option bits' factory values.</summary>
        public IReadOnlyDictionary<string, int> FactoryOptionBits => new NamedValues<int>(OptionBits.Select(b => new KeyValuePair<string, int>(b.Name, b.Factory)));

        /// <summary>
        /// The device as a chip with <paramref name="flashSize"/> bytes fitted (null: the largest) and these option bits
        /// (missing ones at their factory value) has it; <paramref name="origin"/> says how these were found.
        /// </summary>
        public DeviceInfo Resolve(long? flashSize, IReadOnlyDictionary<string, int>? optionBits, string origin) =>
            Resolve(flashSize, optionBits, origin, null);

        /// <summary>As <see cref="Resolve(long?, IReadOnlyDictionary{string, int}?, string)"/>, naming the option bits that were assumed, not read.</summary>
        public DeviceInfo Resolve(long? flashSize, IReadOnlyDictionary<string, int>? optionBits, string origin, IEnumerable<string>? assumedOptionBits)
        {
            var size = flashSize ?? MaxFlashSize;
            if (size <= 0 || size > MaxFlashSize)
                throw new ArgumentOutOfRangeException(nameof(flashSize), $"{Name} has at most {SizeText.Of(MaxFlashSize)} of flash; {SizeText.Of(size)} is not a size it comes in.");
            var bits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var b in FactoryOptionBits) bits[b.Key] = b.Value;
            if (optionBits != null)
            {
                foreach (var b in optionBits)
                {
                    if (!bits.ContainsKey(b.Key))
                        throw new ArgumentException($"{Name} has no layout option bit '{b.Key}'" +
                            (OptionBits.Count == 0 ? " (its layout is fixed)." : $"; it has {string.Join(", ", OptionBits.Select(o => o.Name))}."), nameof(optionBits));
                    bits[b.Key] = b.Value;
                }
            }
            var layout = Layouts.FirstOrDefault(l => l.AppliesTo(size, bits))
                ?? throw new ArgumentException($"{Name}: no layout fits {SizeText.Of(size)} of flash with {string.Join(", ", bits.Select(b => $"{b.Key}={b.Value}"))}.", nameof(optionBits));
            var flash = layout.Build(size, Bank2Follows, UnitName);
            return new DeviceInfo(Name, Aliases, Family, ProductId, flash, ProgramUnit, ErasedValue, Ram, BootloaderRam, SystemMemory,
                OptionBytes, Bootloader.Limits, Bootloader.I2cAddress, Notes, this, layout, origin, bits, assumedOptionBits);
        }

        /// <summary>Some layout holds a part with <paramref name="flashSize"/> bytes fitted, with the factory option bits.</summary>
        public bool Fits(long flashSize)
        {
            try
            {
                Resolve(flashSize, null, "");
                return true;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException)
            {
                return false;
            }
        }

        public override string ToString() => $"{Name} (0x{ProductId:X3})";
    }

    /// <summary>The fields of a <see cref="DeviceDefinition"/> as the reader collects them.</summary>
    internal sealed class DeviceDefinitionParts
    {
        public ushort ProductId;
        public string Name = "";
        public string Family = "";
        public IReadOnlyList<string> Aliases = Array.Empty<string>();
        public IReadOnlyList<string> Parts = Array.Empty<string>();
        public uint FlashBase;
        public long MaxFlashSize;
        public uint? FlashSizeRegister;
        public int ProgramUnit;
        public byte ErasedValue;
        public string UnitName = "page";
        public bool Bank2Follows = true;
        public IReadOnlyList<LayoutDefinition> Layouts = Array.Empty<LayoutDefinition>();
        public IReadOnlyList<OptionBitDefinition> OptionBits = Array.Empty<OptionBitDefinition>();
        public IReadOnlyList<AddressRange> Ram = Array.Empty<AddressRange>();
        public AddressRange BootloaderRam;
        public AddressRange SystemMemory;
        public AddressRange OptionBytes;
        public OptionByteMap? OptionByteMap;
        public AddressRange? Otp;
        public uint? UniqueIdAddress;
        public BootloaderDefinition Bootloader = null!;
        public IReadOnlyList<KeyValuePair<string, string>> Sources = Array.Empty<KeyValuePair<string, string>>();
        public string? Notes;
        public string Origin = "";
        public string Json = "";
    }
}
