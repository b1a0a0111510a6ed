using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// Write protection on the series whose option bytes hold two protected page areas per bank, WRP&lt;bank&gt;A and
    /// WRP&lt;bank&gt;B, each a first and a last page within its bank (an area whose first page is above its last protects
    /// nothing). The option bytes are named as in the reference manuals, which STM32_Programmer_CLI's -ob follows:
    /// _PSTRT/_PEND on the STM32L5 and U5, _STRT/_END on the STM32L4, G0, G4, WB and WL.
    /// </summary>
    internal sealed class WriteProtectionAreas
    {
        private const int AreasPerBank = 2;

        private readonly DeviceInfo _device;
        private readonly string _first;
        private readonly string _last;

        private WriteProtectionAreas(DeviceInfo device, string first, string last)
        {
            _device = device;
            _first = first;
            _last = last;
        }

        public static readonly IReadOnlyList<string> Series = new[] { "STM32G0", "STM32G4", "STM32L4", "STM32L5", "STM32U5", "STM32WB", "STM32WL" };

        /// <summary>The areas of <paramref name="device"/>'s series; null for a series whose write-protection option bytes are not mapped.</summary>
        public static WriteProtectionAreas? For(DeviceInfo device) => device.Series switch
        {
            "STM32L5" or "STM32U5" => new WriteProtectionAreas(device, "PSTRT", "PEND"),
            "STM32L4" or "STM32G0" or "STM32G4" or "STM32WB" or "STM32WL" => new WriteProtectionAreas(device, "STRT", "END"),
            _ => null,
        };

        /// <summary>The command that protects exactly these pages: each bank's runs of listed pages become its areas, its other areas protect nothing.</summary>
        public string Protect(IReadOnlyList<int> pageNumbers)
        {
            if (pageNumbers.Count == 0)
                throw new ArgumentException($"No {_device.Flash.UnitName}s to write-protect were listed; WriteUnprotect removes the protection.", nameof(pageNumbers));
            var unknown = pageNumbers.Where(n => _device.Flash.PageByNumber(n) is null).ToList();
            if (unknown.Count > 0)
                throw new ArgumentOutOfRangeException(nameof(pageNumbers), $"{_device.Name} has no {_device.Flash.UnitName} numbered {string.Join(", ", unknown)}.");
            var pages = pageNumbers.Distinct().Select(n => _device.Flash.PageByNumber(n)!).ToList();
            return Command(bank => Runs(bank, pages.Where(p => p.Bank == bank).Select(p => IndexInBank(p)).OrderBy(i => i).ToList()));
        }

        /// <summary>The command that leaves every area protecting nothing.</summary>
        public string Unprotect() => Command(_ => Array.Empty<(int, int)>());

        private string Command(Func<int, IReadOnlyList<(int First, int Last)>> areasOf)
        {
            var text = new StringBuilder("-ob");
            for (var bank = 1; bank <= _device.BankCount; bank++)
            {
                var areas = areasOf(bank);
                var nothing = (First: _device.Flash.PagesInBank(bank).Count() - 1, Last: 0);
                for (var i = 0; i < AreasPerBank; i++)
                {
                    var (first, last) = i < areas.Count ? areas[i] : nothing;
                    var name = $"WRP{bank}{(char)('A' + i)}";
                    text.Append($" {name}_{_first}=0x{first:X} {name}_{_last}=0x{last:X}");
                }
            }
            return text.ToString();
        }

        private IReadOnlyList<(int First, int Last)> Runs(int bank, IReadOnlyList<int> indexes)
        {
            var runs = new List<(int First, int Last)>();
            foreach (var i in indexes)
            {
                if (runs.Count > 0 && runs[runs.Count - 1].Last == i - 1) runs[runs.Count - 1] = (runs[runs.Count - 1].First, i);
                else runs.Add((i, i));
            }
            if (runs.Count > AreasPerBank)
                throw new ArgumentException($"The {_device.Flash.UnitName}s listed in bank {bank} form {runs.Count} ranges " +
                    $"({string.Join(", ", runs.Select(r => r.First == r.Last ? $"{r.First}" : $"{r.First}-{r.Last}"))} within the bank); its option bytes " +
                    $"hold two write-protected areas (WRP{bank}A, WRP{bank}B).", "pageNumbers");
            return runs;
        }

        private int IndexInBank(FlashPage page) => _device.Flash.PagesInBank(page.Bank).TakeWhile(p => p.Number != page.Number).Count();
    }
}
