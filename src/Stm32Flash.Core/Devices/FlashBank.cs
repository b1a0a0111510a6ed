using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>One bank of main flash: its pages (or sectors) in address order.</summary>
    public sealed class FlashBank
    {
        internal FlashBank(int number, IReadOnlyList<FlashPage> pages, string unitName)
        {
            Number = number;
            Pages = pages;
            UnitName = unitName;
        }

        /// <summary>1-based bank number.</summary>
        public int Number { get; }

        public IReadOnlyList<FlashPage> Pages { get; }

        /// <summary>"page" or "sector".</summary>
        public string UnitName { get; }

        public uint Address => Pages[0].Address;

        public long Size => Pages.Sum(p => (long)p.Size);

        public AddressRange Range => new AddressRange(Address, Pages[Pages.Count - 1].EndAddress);

        /// <summary>E.g. "bank 1: 0x08000000..0x08040000, 128 pages of 2 KiB".</summary>
        public override string ToString() => $"bank {Number}: {Range}, {Describe(Pages, UnitName)}";

        /// <summary>"128 pages of 2 KiB", or "12 sectors of 16 KiB to 128 KiB" where their sizes differ.</summary>
        internal static string Describe(IReadOnlyCollection<FlashPage> pages, string unitName)
        {
            var sizes = pages.Select(p => p.Size).Distinct().OrderBy(s => s).Select(s => Definitions.SizeText.Of(s)).ToList();
            return $"{pages.Count} {unitName}s of {sizes[0]}{(sizes.Count > 1 ? " to " + sizes[sizes.Count - 1] : "")}";
        }
    }
}
