using System;
using System.Collections.Generic;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>libusb-1.0 could not be found or loaded. Says where it was looked for and why each place failed.</summary>
    public sealed class LibUsbLoadException : Exception
    {
        public LibUsbLoadException(string message, IReadOnlyList<string> tried, Exception? inner = null) : base(message, inner)
        {
            Tried = tried;
        }

        /// <summary>Each place tried, with the loader's answer.</summary>
        public IReadOnlyList<string> Tried { get; }
    }
}
