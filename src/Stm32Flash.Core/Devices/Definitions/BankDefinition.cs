using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>One bank of a layout, for the largest flash the die has: where it starts, its pages or sectors in order.</summary>
    public sealed class BankDefinition
    {
        public BankDefinition(uint baseAddress, IEnumerable<(int count, int size)> pages, int? firstNumber)
        {
            BaseAddress = baseAddress;
            Pages = pages.ToArray();
            FirstNumber = firstNumber;
        }

        public uint BaseAddress { get; }

        /// <summary>Runs of equal pages: (count, size in bytes), in address order.</summary>
        public IReadOnlyList<(int count, int size)> Pages { get; }

        /// <summary>The number the bootloader's erase command takes for the bank's first page; null: continues from the bank before.</summary>
        public int? FirstNumber { get; }

        public long Size => Pages.Sum(p => (long)p.count * p.size);

        public string Describe() => string.Join(" + ", Pages.Select(p => $"{p.count} x {SizeText.Of(p.size)}"));

        public override string ToString() => $"0x{BaseAddress:X8}: {Describe()}";
    }
}
