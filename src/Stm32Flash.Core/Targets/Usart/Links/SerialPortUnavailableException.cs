using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>System.IO.Ports cannot be used in this runtime (too old a version, or the package's stub that only works on Windows).</summary>
    public sealed class SerialPortUnavailableException : Exception
    {
        public SerialPortUnavailableException(Exception inner)
            : base($"Serial ports are not available in this runtime ({RuntimeInformation.FrameworkDescription}): {inner.Message} " +
                   "Stm32Flash needs System.IO.Ports 9.0 or later, which .NET 9 and later provide (PowerShell 7.5 and later), " +
                   "or .NET Framework's own serial ports (Windows PowerShell 5.1).", inner)
        {
            Runtime = RuntimeInformation.FrameworkDescription;
        }

        /// <summary>The runtime that could not load System.IO.Ports, e.g. ".NET 8.0.11".</summary>
        public string Runtime { get; }

        internal static bool IsUnavailable(Exception ex) => ex switch
        {
            FileNotFoundException f => Mentions(f.FileName) || Mentions(f.Message),
            FileLoadException f => Mentions(f.FileName) || Mentions(f.Message),
            BadImageFormatException b => Mentions(b.FileName) || Mentions(b.Message),
            TypeLoadException t => Mentions(t.Message),
            // The netstandard2.0 build of System.IO.Ports only throws this.
            PlatformNotSupportedException p => Mentions(p.Message) || p.Message.IndexOf("serial", StringComparison.OrdinalIgnoreCase) >= 0,
            _ => false,
        };

        private static bool Mentions(string? text) => text != null && text.IndexOf("System.IO.Ports", StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
