using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// One way the die's flash can be laid out (dual bank, single bank, ...) and when it applies: the values of option bits
    /// and, for parts where it depends on the flash fitted, the flash sizes. Banks are given for the largest flash the
    /// layout is for; it applies to parts with at most that much.
    /// </summary>
    public sealed class LayoutDefinition
    {
        public LayoutDefinition(string name, IReadOnlyDictionary<string, int> optionBits, IEnumerable<long> flashSizes, IEnumerable<BankDefinition> banks)
        {
            Name = name;
            OptionBits = new NamedValues<int>(optionBits);
            FlashSizes = flashSizes.ToArray();
            Banks = banks.ToArray();
        }

        public string Name { get; }

        /// <summary>Option bits and the values they must have for this layout.</summary>
        public IReadOnlyDictionary<string, int> OptionBits { get; }

        /// <summary>Flash sizes (bytes fitted) this layout is for; empty: any.</summary>
        public IReadOnlyList<long> FlashSizes { get; }

        public IReadOnlyList<BankDefinition> Banks { get; }

        /// <summary>The most flash this layout holds: a layout for smaller parts only holds less than the die's largest.</summary>
        public long Capacity => Banks.Sum(b => b.Size);

        public bool AppliesTo(long flashSize, IReadOnlyDictionary<string, int> optionBits) =>
            (FlashSizes.Count == 0 || FlashSizes.Contains(flashSize)) && flashSize <= Capacity
            && OptionBits.All(c => optionBits.TryGetValue(c.Key, out var v) && v == c.Value);

        /// <summary>
        /// The pages of a part with <paramref name="flashSize"/> bytes fitted: each bank keeps its first flashSize/banks bytes.
        /// Bank 2 then starts right after bank 1 where <paramref name="bank2Follows"/>, else at its own base.
        /// </summary>
        public FlashLayout Build(long flashSize, bool bank2Follows, string unitName)
        {
            var perBank = flashSize / Banks.Count;
            var pages = new List<FlashPage>();
            var nextNumber = 0;
            ulong previousEnd = 0;
            for (var b = 0; b < Banks.Count; b++)
            {
                var bank = Banks[b];
                var address = b > 0 && bank2Follows ? previousEnd : bank.BaseAddress;
                var number = bank.FirstNumber ?? nextNumber;
                long taken = 0;
                foreach (var (count, size) in bank.Pages)
                {
                    for (var i = 0; i < count && taken + size <= perBank; i++)
                    {
                        pages.Add(new FlashPage(number++, b + 1, (uint)address, size));
                        address += (uint)size;
                        taken += size;
                    }
                }
                if (taken != perBank)
                    throw new DeviceDefinitionException($"Layout '{Name}': {SizeText.Of(flashSize)} of flash is not a whole number of {unitName}s in bank {b + 1}.");
                nextNumber = number;
                previousEnd = address;
            }
            return new FlashLayout(pages, unitName);
        }

        /// <summary>The banks and pages in words, as a property: it goes with a device serialized to another process.</summary>
        public string Summary => Describe();

        public string Describe() =>
            string.Join(", ", Banks.Select((b, i) => Banks.Count == 1 ? b.Describe() : $"bank {i + 1}: {b.Describe()}"));

        public override string ToString() =>
            Name + (OptionBits.Count == 0 ? "" : $" ({string.Join(", ", OptionBits.Select(c => $"{c.Key}={c.Value}"))})");
    }
}
