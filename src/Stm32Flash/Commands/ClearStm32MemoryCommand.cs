using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>Erases flash: the pages an address range touches, pages by number, a bank, or all of it (mass erase).</summary>
    [Cmdlet(VerbsCommon.Clear, "Stm32Memory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = RangeSet)]
    [OutputType(typeof(AddressRange))]
    public sealed class ClearStm32MemoryCommand : Stm32SessionCmdlet
    {
        private const string RangeSet = "Range";
        private const string PageSet = "Page";
        private const string BankSet = "Bank";
        private const string AllSet = "All";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        [AddressTransformation(PipeImageInto = "Clear-Stm32Memory")]
        public uint Address { get; set; }

        [Parameter(Mandatory = true, Position = 1, ParameterSetName = RangeSet, ValueFromPipelineByPropertyName = true)]
        [AddressTransformation(Maximum = int.MaxValue)]
        [ValidateRange(1, int.MaxValue)]
        public int Length { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PageSet)]
        [ValidateNotNullOrEmpty]
        public int[] Page { get; set; } = Array.Empty<int>();

        [Parameter(Mandatory = true, ParameterSetName = BankSet)]
        [ValidateRange(1, 2)]
        public int Bank { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AllSet)]
        public SwitchParameter All { get; set; }

        /// <summary>Emits the erased address ranges.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var session = ResolveSession();
            var device = session.Device;
            var target = session.GetTarget()!;
            var unit = device.Flash.UnitName;
            try
            {
                switch (ParameterSetName)
                {
                    case AllSet:
                        if (!ShouldProcess($"{device.Name}: all {device.FlashSize / 1024} KiB of flash ({AddressRange.Describe(device.Flash.Ranges)})", "Mass erase")) return;
                        target.MassErase();
                        Emit(device.Flash.Ranges);
                        break;
                    case BankSet:
                        if (Bank > device.BankCount)
                            FailArgument("NoSuchBank", nameof(Bank), Bank, $"{device.Name} has {device.BankCount} bank(s); there is no bank {Bank}.");
                        var bankPages = device.Flash.PagesInBank(Bank).ToList();
                        var bankRange = new AddressRange(bankPages[0].Address, bankPages[bankPages.Count - 1].EndAddress);
                        if (!ShouldProcess($"{device.Name}: bank {Bank} ({bankRange}, {bankRange.Length / 1024} KiB)", "Erase bank")) return;
                        if (target.Capabilities.CanEraseBank) target.EraseBank(Bank); else ErasePages(target, bankPages);
                        Emit(new[] { bankRange });
                        break;
                    case PageSet:
                        var pages = new List<FlashPage>();
                        foreach (var n in Page.Distinct())
                        {
                            var p = device.Flash.PageByNumber(n);
                            if (p is null)
                            {
                                FailArgument("NoSuchPage", nameof(Page), n,
                                    $"{device.Name} has no {unit} {n}; its {unit}s are numbered {Numbers(device.Flash.GetPages())}. Nothing was erased.");
                            }
                            pages.Add(p!);
                        }
                        EraseWithConsent(target, device, pages.OrderBy(p => p.Address).ToList(), null);
                        break;
                    default:
                        if (OutsideFlash(device) is string refusal)
                        {
                            // One range of the input: the others are still erased.
                            WriteError(NewError("AddressRefused", ErrorCategory.InvalidArgument, Address, new TargetException(TargetErrorKind.AddressRefused, "Clear-Stm32Memory",
                                $"{refusal}; only {device.Name}'s flash ({AddressRange.Describe(device.Flash.Ranges)}) is erased, so nothing was erased for it.", Address)));
                            return;
                        }
                        var range = AddressRange.FromLength(Address, Length);
                        EraseWithConsent(target, device, device.Flash.PagesIn(range).ToList(), range);
                        break;
                }
            }
            catch (OperationCanceledException) when (Stopping)
            {
                throw new PipelineStoppedException();
            }
            catch (TargetException ex)
            {
                CompleteMessages();
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.WriteError, session, "erasing"));
            }
            finally
            {
                if (!Stopping) CompleteMessages();
            }
        }

        /// <summary>Why -Address and -Length are not a range of the device's flash; null when they are.</summary>
        private string? OutsideFlash(DeviceInfo device)
        {
            if ((ulong)Address + (ulong)Length > AddressRange.AddressSpaceEnd)
                return $"{Length} bytes from 0x{Address:X8} would run past the end of the 32-bit address space (0xFFFFFFFF)";
            var range = AddressRange.FromLength(Address, Length);
            return device.Flash.Contains(range) ? null : $"{range} is not within {device.Name}'s flash";
        }

        private void EraseWithConsent(ITarget target, DeviceInfo device, List<FlashPage> pages, AddressRange? asked)
        {
            var unit = device.Flash.UnitName;
            var ranges = AddressRange.Coalesce(pages.Select(p => p.Range));
            var bytes = pages.Sum(p => (long)p.Size);
            var text = $"{device.Name}: {unit}s {Numbers(pages)} ({AddressRange.Describe(ranges)}, {bytes / 1024} KiB)";
            if (asked.HasValue && !ranges.SequenceEqual(new[] { asked.Value }))
                text += $"; the range {asked.Value} covers only part of them, and the whole {unit}s are erased";
            if (!ShouldProcess(text, $"Erase {unit}s")) return;
            ErasePages(target, pages);
            Emit(ranges);
        }

        private void ErasePages(ITarget target, IReadOnlyList<FlashPage> pages)
        {
            for (var i = 0; i < pages.Count; i += Planning.FlashPlanner.MaxPagesPerErase)
            {
                if (Stopping) throw new PipelineStoppedException();
                target.ErasePages(pages.Skip(i).Take(Planning.FlashPlanner.MaxPagesPerErase).Select(p => p.Number).ToList());
            }
        }

        private void Emit(IEnumerable<AddressRange> ranges)
        {
            if (PassThru) WriteObject(ranges, enumerateCollection: true);
        }

        private static string Numbers(IEnumerable<FlashPage> pages)
        {
            var list = pages.Select(p => p.Number).OrderBy(n => n).ToList();
            var parts = new List<string>();
            for (var i = 0; i < list.Count;)
            {
                var j = i;
                while (j + 1 < list.Count && list[j + 1] == list[j] + 1) j++;
                parts.Add(j == i ? $"{list[i]}" : $"{list[i]}..{list[j]}");
                i = j + 1;
            }
            return string.Join(", ", parts);
        }
    }
}
