using System;
using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>No USB DFU device matches what was asked for. Lists the DFU devices that were there.</summary>
    public sealed class UsbDfuNotFoundException : Exception
    {
        public UsbDfuNotFoundException(UsbDfuFilter filter, IReadOnlyList<UsbDfuDevice> present)
            : base($"No USB DFU device {filter} was found" + (present.Count == 0 ? "." : $"; present: {string.Join("; ", present)}."))
        {
            Filter = filter;
            Present = present;
        }

        public UsbDfuFilter Filter { get; }

        public IReadOnlyList<UsbDfuDevice> Present { get; }
    }

    /// <summary>More than one USB DFU device matches; the serial number or bus path chooses one.</summary>
    public sealed class UsbDfuAmbiguousException : Exception
    {
        public UsbDfuAmbiguousException(UsbDfuFilter filter, IReadOnlyList<UsbDfuDevice> matches)
            : base($"{matches.Count} USB DFU devices match {filter}: {string.Join("; ", matches)}. Choose one by its serial number or path.")
        {
            Filter = filter;
            Matches = matches;
        }

        public UsbDfuFilter Filter { get; }

        public IReadOnlyList<UsbDfuDevice> Matches { get; }
    }
}
