using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices
{
    /// <summary>
    /// Main flash: its banks and erasable pages (or sectors), in address order. Banks may leave a gap between them (an H7
    /// with less flash fitted keeps bank 2 at its fixed address); <see cref="Contains(AddressRange)"/> says what is flash.
    /// </summary>
    public sealed class FlashLayout
    {
        private readonly FlashPage[] _pages;

        public FlashLayout(IEnumerable<FlashPage> pages, string unitName = "page")
        {
            _pages = pages.OrderBy(p => p.Address).ToArray();
            if (_pages.Length == 0) throw new ArgumentException("A flash layout needs at least one page.", nameof(pages));
            for (var i = 1; i < _pages.Length; i++)
            {
                if (_pages[i].Address < _pages[i - 1].EndAddress)
                    throw new ArgumentException($"Flash pages must not overlap: {_pages[i - 1]} overlaps {_pages[i]}.", nameof(pages));
                if (_pages[i].Address != _pages[i - 1].EndAddress && _pages[i].Bank == _pages[i - 1].Bank)
                    throw new ArgumentException($"Flash pages must be contiguous within a bank: {_pages[i - 1]} is followed by {_pages[i]}.", nameof(pages));
            }
            UnitName = unitName;
            Banks = _pages.GroupBy(p => p.Bank).Select(b => new FlashBank(b.Key, b.ToArray(), unitName)).ToArray();
        }

        /// <summary>Equal pages in each bank; bank n starts at base + (n-1) * bank size.</summary>
        public static FlashLayout Uniform(uint baseAddress, int banks, int pagesPerBank, int pageSize, int bank2FirstPageNumber = -1)
        {
            var pages = new List<FlashPage>();
            for (var bank = 1; bank <= banks; bank++)
            {
                var firstNumber = bank == 1 ? 0 : (bank2FirstPageNumber < 0 ? pagesPerBank : bank2FirstPageNumber) + (bank - 2) * pagesPerBank;
                var bankBase = baseAddress + (uint)((bank - 1) * pagesPerBank * pageSize);
                for (var i = 0; i < pagesPerBank; i++)
                    pages.Add(new FlashPage(firstNumber + i, bank, bankBase + (uint)(i * pageSize), pageSize));
            }
            return new FlashLayout(pages);
        }

        /// <summary>Sectors of varying sizes, numbered from 0, per bank (F4, F7, H7).</summary>
        public static FlashLayout Sectors(uint baseAddress, params (int count, int size)[] bankLayout) => Sectors(baseAddress, 1, bankLayout);

        public static FlashLayout Sectors(uint baseAddress, int banks, params (int count, int size)[] bankLayout)
        {
            var pages = new List<FlashPage>();
            var address = baseAddress;
            var number = 0;
            for (var bank = 1; bank <= banks; bank++)
            {
                foreach (var (count, size) in bankLayout)
                {
                    for (var i = 0; i < count; i++)
                    {
                        pages.Add(new FlashPage(number++, bank, address, size));
                        address += (uint)size;
                    }
                }
            }
            return new FlashLayout(pages, "sector");
        }

        /// <summary>The banks, each with its pages.</summary>
        public IReadOnlyList<FlashBank> Banks { get; }

        /// <summary>Every page (or sector) in address order: a method, for there may be thousands.</summary>
        public IReadOnlyList<FlashPage> GetPages() => _pages;

        /// <summary>"page" or "sector", as the device's reference manual calls its erase unit.</summary>
        public string UnitName { get; }

        public uint BaseAddress => _pages[0].Address;

        public ulong EndAddress => _pages[_pages.Length - 1].EndAddress;

        /// <summary>Bytes of flash: the pages' sizes added up.</summary>
        public long Size => _size ??= _pages.Sum(p => (long)p.Size);

        private long? _size;

        /// <summary>From the first page to the end of the last; holds a gap where the banks are apart.</summary>
        public AddressRange Range => new AddressRange(BaseAddress, EndAddress);

        /// <summary>The flash as ranges without gaps: one, or one per bank where the banks are apart.</summary>
        public IReadOnlyList<AddressRange> Ranges => _ranges ??= AddressRange.Coalesce(_pages.Select(p => p.Range));

        private IReadOnlyList<AddressRange>? _ranges;

        /// <summary>Every byte of the range is in a page.</summary>
        public bool Contains(AddressRange range) => Ranges.Any(r => r.Contains(range));

        public bool Contains(uint address) => IndexAt(address) >= 0;

        public int BankCount => _pages.Max(p => p.Bank);


        /// <summary>How many pages (or sectors) the flash has.</summary>

        public int PageCount => _pages.Length;

        public FlashPage? PageAt(uint address)
        {
            var i = IndexAt(address);
            return i < 0 ? null : _pages[i];
        }

        public FlashPage? PageByNumber(int number) => _pages.FirstOrDefault(p => p.Number == number);

        /// <summary>Every page that holds at least one byte of the range.</summary>
        public IEnumerable<FlashPage> PagesIn(AddressRange range)
        {
            if (range.IsEmpty) yield break;
            var start = FirstIndexFrom(Math.Max(range.Start, BaseAddress));
            if (start < 0) yield break;
            for (var i = start; i < _pages.Length && _pages[i].Address < range.End; i++)
                yield return _pages[i];
        }

        // The index of the first page that ends after the address; -1 if none.
        private int FirstIndexFrom(uint address)
        {
            int lo = 0, hi = _pages.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (_pages[mid].EndAddress <= address) lo = mid + 1;
                else hi = mid;
            }
            return lo < _pages.Length ? lo : -1;
        }

        // The index of the page that holds the address, by binary search; -1 outside flash.
        private int IndexAt(uint address)
        {
            if (address < BaseAddress || address >= EndAddress) return -1;
            int lo = 0, hi = _pages.Length - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                var p = _pages[mid];
                if (address < p.Address) hi = mid - 1;
                else if (address >= p.EndAddress) lo = mid + 1;
                else return mid;
            }
            return -1;
        }

        public IEnumerable<FlashPage> PagesInBank(int bank) => _pages.Where(p => p.Bank == bank);

        /// <summary>E.g. "0x08000000..0x08080000: 256 pages of 2 KiB in 2 banks".</summary>
        public override string ToString() =>
            $"{Range}: {FlashBank.Describe(_pages, UnitName)} in {BankCount} bank{(BankCount == 1 ? "" : "s")}";
    }
}
