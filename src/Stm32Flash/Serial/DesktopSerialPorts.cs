using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace Stm32Flash.Serial
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has serial ports in System.dll, not in a System.IO.Ports assembly. The module
    /// ships System.IO.Ports's .NET Framework build, which only forwards the types to System.dll, in desktop/ (not next to the
    /// module, where PowerShell 7 could pick it up instead of its own copy), and points .NET Framework at it on first use.
    /// </summary>
    internal static class DesktopSerialPorts
    {
        private static int _prepared;

        public static bool IsDesktop => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static string ForwarderPath =>
            Path.Combine(Path.GetDirectoryName(typeof(DesktopSerialPorts).Assembly.Location) ?? ".", "desktop", "System.IO.Ports.dll");

        /// <summary>Call before anything that may load System.IO.Ports; does nothing outside .NET Framework.</summary>
        public static void Prepare()
        {
            if (!IsDesktop || Interlocked.Exchange(ref _prepared, 1) != 0) return;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!string.Equals(new AssemblyName(args.Name).Name, "System.IO.Ports", StringComparison.OrdinalIgnoreCase)) return null;
            var path = ForwarderPath;
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
