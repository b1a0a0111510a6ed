using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;

namespace Stm32Flash.Targets.Simulation
{
    // Option bytes, protection and what the chip starts after a reset. Where the catalog maps the product's fields, readout
    // and write protection live in the option bytes as on the chip (the protection commands change them); elsewhere they
    // are kept beside them.
    public sealed partial class SimulatedDevice
    {
        /// <summary>A copy of the option bytes as the chip holds them now.</summary>
        public OptionByteImage OptionBytes
        {
            get
            {
                lock (_lock) return _options.Clone();
            }
        }

        public void Reset()
        {
            lock (_lock) ResetCore();
        }

        public void ReadoutProtect()
        {
            lock (_lock)
            {
                EnsureInBootloader("Readout Protect", null);
                if (Map.ReadoutField is OptionFieldDefinition rdp) SetField(rdp, rdp.ValueForLevel("1")!.Value);
                else _readoutLevel = 1;
                LoadOptions();
            }
        }

        public void ReadoutUnprotect()
        {
            lock (_lock)
            {
                EnsureInBootloader("Readout Unprotect", null);
                EraseAllFlash();
                foreach (var (_, bytes) in _ram) Array.Clear(bytes, 0, bytes.Length);
                if (Map.ReadoutField is OptionFieldDefinition rdp) SetField(rdp, rdp.ValueForLevel("0")!.Value);
                _readoutLevel = 0;
                foreach (var kv in WriteProtection.Unprotected(Info)) SetField(Map.Field(kv.Key)!, kv.Value);
                _writeProtected.Clear();
                LoadOptions();
            }
        }

        /// <summary>
        /// Write Protect (0x63): protects what the numbers name (pages, or the groups of a protection mask: the numbers of
        /// <see cref="WriteProtection.BootloaderNumbers"/>) and nothing else.
        /// </summary>
        public void WriteProtect(IReadOnlyList<int> numbers)
        {
            lock (_lock)
            {
                EnsureInBootloader("Write Protect", null);
                if (ReadoutLevelNow > 0) throw Protected("Write Protect", null);
                if (WriteProtectionMapped)
                {
                    IReadOnlyDictionary<string, uint> values;
                    try
                    {
                        values = WriteProtection.Encode(Info, numbers);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new TargetException(TargetErrorKind.Refused, "Write Protect", ex.Message, null, Nack);
                    }
                    foreach (var kv in values) SetField(Map.Field(kv.Key)!, kv.Value);
                }
                else
                {
                    foreach (var n in numbers)
                    {
                        if (Info.Flash.PageByNumber(n) is null)
                            throw new TargetException(TargetErrorKind.Refused, "Write Protect", $"{Info.Name} has no {Info.Flash.UnitName} {n}.", null, Nack);
                    }
                    foreach (var n in numbers) _writeProtected.Add(n);
                }
                LoadOptions();
            }
        }

        public void WriteUnprotect()
        {
            lock (_lock)
            {
                EnsureInBootloader("Write Unprotect", null);
                if (ReadoutLevelNow > 0) throw Protected("Write Unprotect", null);
                foreach (var kv in WriteProtection.Unprotected(Info)) SetField(Map.Field(kv.Key)!, kv.Value);
                _writeProtected.Clear();
                LoadOptions();
            }
        }

        private OptionByteMap Map => Info.OptionByteMap;

        private int ReadoutLevelNow => OptionByteDecoder.ReadoutLevel(Map, _options) switch
        {
            null => _readoutLevel,
            "1" => 1,
            "2" => 2,
            _ => 0,
        };

        private bool WriteProtectionMapped => WriteProtection.IsMapped(Info);

        private bool IsWriteProtected(int pageNumber) =>
            WriteProtectionMapped ? _protectedByOptions.Contains(pageNumber) : _writeProtected.Contains(pageNumber);

        private IReadOnlyCollection<int> ProtectedByOptions() =>
            WriteProtectionMapped ? new HashSet<int>(WriteProtection.ProtectedPages(Info, f => f.ValueIn(_options.Word(f.Address)))) : (IReadOnlyCollection<int>)Array.Empty<int>();

        private void SetField(OptionFieldDefinition field, uint value)
        {
            _options.SetWord(field.Address, field.Apply(_options.Word(field.Address), value));
            if (Map.ProgramOffset > 0) _options.SetWord(field.Address + Map.ProgramOffset, _options.Word(field.Address));
        }

        // The chip programs what was written, resets and loads its option bytes: complements as the flash stores them, the
        // programming registers into the current ones, a new layout, and a boot that may bypass the bootloader.
        private void LoadOptions()
        {
            if (Map.ProgramOffset > 0)
            {
                foreach (var address in Map.Fields.Select(f => f.Address).Distinct())
                    _options.SetWord(address, _options.Word(address + Map.ProgramOffset));
            }
            _options.Complement(Map.Complement);
            Relayout();
            _protectedByOptions = ProtectedByOptions();
            ResetCore();
        }

        private void ResetCore()
        {
            var bypass = BootBypass();
            RunningFrom = bypass is null ? (uint?)null : Info.Flash.BaseAddress;
            _bootedBecause = bypass;
            ResetCount++;
        }

        // Why the chip starts from flash after a reset although BOOT0 is high, or null when it starts the bootloader.
        private string? BootBypass()
        {
            if (ReadoutLevelNow >= 2) return "readout protection level 2 disables the bootloader";
            var values = OptionByteDecoder.Values(Map, _options);
            var empty = BitConverter.ToUInt32(_flash, 0) == 0xFFFFFFFFu;
            var rule = Map.Rules.FirstOrDefault(r => r.Risk != OptionRisk.TrustZone && r.Holds(values) && !(r.UnlessFlashEmpty && empty));
            return rule is null ? null : $"after a reset it started from flash: {rule}";
        }

        // After a reset the flash controller loads the option bytes: a changed bank-mode bit changes the layout.
        private void Relayout()
        {
            if (Info.Definition is not DeviceDefinition d || d.OptionBits.Count == 0) return;
            var bits = d.OptionBits.ToDictionary(b => b.Name, b => b.ValueIn(_options.Word(b.Address)));
            if (bits.All(b => Info.OptionBitValues.TryGetValue(b.Key, out var v) && v == b.Value)) return;
            try
            {
                Info = d.Resolve(Info.FlashSize, bits, $"simulated chip, option bytes changed: {string.Join(", ", bits.Select(b => $"{b.Key}={b.Value}"))}");
            }
            catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException)
            {
                // No layout of the catalog has these bits at this flash size: the chip keeps the layout it had.
            }
        }

        // Erased, then each field's factory value, then the layout bits the chip was made with.
        private static OptionByteImage FactoryOptions(DeviceInfo device)
        {
            var map = device.OptionByteMap;
            var image = OptionByteImage.Erased(map);
            foreach (var f in map.Fields.Where(f => f.Factory.HasValue))
            {
                image.SetWord(f.Address, f.Apply(image.Word(f.Address), f.Factory!.Value));
                if (map.ProgramOffset > 0) image.SetWord(f.Address + map.ProgramOffset, image.Word(f.Address));
            }
            if (device.Definition is DeviceDefinition d)
            {
                foreach (var bit in d.OptionBits)
                {
                    var value = device.OptionBitValues.TryGetValue(bit.Name, out var v) ? v : bit.Factory;
                    image.SetWord(bit.Address, bit.Apply(image.Word(bit.Address), value));
                }
            }
            image.Complement(map.Complement);
            return image;
        }
    }
}
