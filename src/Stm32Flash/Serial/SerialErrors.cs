using System.Collections;
using System.IO;
using System.Management.Automation;
using Stm32Flash.Commands;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Serial
{
    /// <summary>ErrorRecords for ports that cannot be opened, and for a host whose runtime has no System.IO.Ports.</summary>
    internal static class SerialErrors
    {
        public static ErrorRecord Unavailable(SerialPortUnavailableException ex, PSCmdlet cmdlet, string port)
        {
            var version = (cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable)?["PSVersion"]?.ToString() ?? "unknown";
            var message = $"Serial ports cannot be used in this PowerShell ({version}, on {ex.Runtime}): its runtime provides no usable System.IO.Ports " +
                          $"({ex.InnerException?.Message ?? "not found"}). PowerShell 7 and Windows PowerShell 5.1 provide it.";
            return new ErrorRecord(ex, "SerialPortsUnavailable", ErrorCategory.NotInstalled, port)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use PowerShell 7 (https://aka.ms/powershell) or Windows PowerShell 5.1." },
            };
        }

        public static ErrorRecord OpenFailed(LinkOpenException ex, string port) =>
            new ErrorRecord(ex, "PortOpenFailed", ex.PortMissing ? ErrorCategory.ObjectNotFound : ErrorCategory.OpenError, port)
            {
                ErrorDetails = new ErrorDetails($"Cannot open {ex.Port}: {ex.Reason}") { RecommendedAction = ex.Hint },
            };

        /// <summary>
        /// The line's parity for -Parity: Even or None as stated (Odd is refused: the bootloader answers only 8E1); left out,
        /// None on a pseudo-terminal, which carries no parity bit, and Even (the bootloader's framing) elsewhere.
        /// </summary>
        public static SerialParity LineParity(Stm32Cmdlet cmdlet, UsartParity parity, string resolvedPort)
        {
            if (!cmdlet.MyInvocation.BoundParameters.ContainsKey("Parity"))
                return PseudoTerminal.Is(resolvedPort) ? SerialParity.None : SerialParity.Even;
            if (parity == UsartParity.Odd)
            {
                cmdlet.FailArgument("InvalidParity", "Parity", parity,
                    "The STM32 bootloader's USART uses even parity (8E1); -Parity Odd is not a framing it answers. " +
                    "Use Even, or None on a pseudo-terminal (the default there).");
            }
            return parity == UsartParity.None ? SerialParity.None : SerialParity.Even;
        }

        /// <summary>A port name as given, or a relative path (a socat link in the current folder) resolved against PowerShell's location.</summary>
        public static string ResolvePort(PSCmdlet cmdlet, string port)
        {
            var looksLikePath = port.IndexOf('/') >= 0 || port.IndexOf('\\') >= 0;
            return looksLikePath && !Path.IsPathRooted(port) ? cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(port) : port;
        }
    }
}
