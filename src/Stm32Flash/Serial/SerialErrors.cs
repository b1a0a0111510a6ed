using System.Collections;
using System.IO;
using System.Management.Automation;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Serial
{
    /// <summary>ErrorRecords for ports that cannot be opened, and for a PowerShell whose runtime lacks System.IO.Ports 9.</summary>
    internal static class SerialErrors
    {
        public static ErrorRecord Unavailable(SerialPortUnavailableException ex, PSCmdlet cmdlet, string port)
        {
            var version = (cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as Hashtable)?["PSVersion"]?.ToString() ?? "unknown";
            var message = $"Serial ports cannot be used in this PowerShell ({version}, on {ex.Runtime}): it provides no System.IO.Ports 9.0 or later. " +
                          "Use PowerShell 7.5 or later (or Windows PowerShell 5.1).";
            return new ErrorRecord(ex, "SerialPortsUnavailable", ErrorCategory.NotInstalled, port)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Install PowerShell 7.5 or later: https://aka.ms/powershell" },
            };
        }

        public static ErrorRecord OpenFailed(LinkOpenException ex, string port) =>
            new ErrorRecord(ex, "PortOpenFailed", ErrorCategory.OpenError, port)
            {
                ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.Hint },
            };

        /// <summary>A port name as given, or a relative path (a socat link in the current folder) resolved against PowerShell's location.</summary>
        public static string ResolvePort(PSCmdlet cmdlet, string port)
        {
            var looksLikePath = port.IndexOf('/') >= 0 || port.IndexOf('\\') >= 0;
            return looksLikePath && !Path.IsPathRooted(port) ? cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(port) : port;
        }
    }
}
