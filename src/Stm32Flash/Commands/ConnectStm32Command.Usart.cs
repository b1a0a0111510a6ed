using System;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Devices;
using Stm32Flash.Serial;
using Stm32Flash.Targets;
using Stm32Flash.Targets.CubeProgrammer;
using Stm32Flash.Targets.Usart;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The module's own USART bootloader host (AN3155) on a serial port: -Port without -Interface. It shares -Port,
    /// -BaudRate, -Parity and -Device with the CubeProgrammer_API set (ConnectStm32Command.CubeProgrammer.cs).
    /// </summary>
    public sealed partial class ConnectStm32Command
    {
        private const string PortSet = "Port";

        /// <summary>How long to wait for each answer of the device, in seconds (also for the ACK after each programmed block).</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ValidateRange(0.01, 600)]
        public double TimeoutSeconds { get; set; }

        /// <summary>Every timeout of the USART host and its retries; -TimeoutSeconds overrides the answer and write timeouts.</summary>
        [Parameter(ParameterSetName = PortSet)]
        [ValidateNotNull]
        public UsartOptions? UsartOptions { get; set; }

        private ITarget ConnectUsart()
        {
            var expected = CatalogDevice();
            var options = UsartOptions?.Clone() ?? new UsartOptions();
            if (Bound(nameof(TimeoutSeconds))) options.AnswerTimeout = options.WriteTimeout = TimeSpan.FromSeconds(TimeoutSeconds);
            var port = SerialErrors.ResolvePort(this, Port!);
            var settings = new SerialLinkSettings(port, BaudRate, SerialErrors.LineParity(this, Parity, port));
            IByteLink link;
            try
            {
                link = SerialLinks.OpenPort(settings);
            }
            catch (SerialPortUnavailableException ex)
            {
                Terminate(SerialErrors.Unavailable(ex, this, Port!));
                throw;
            }
            catch (LinkOpenException ex)
            {
                Terminate(SerialErrors.OpenFailed(ex, Port!));
                throw;
            }
            WriteVerbose($"Opened {link.Description}; synchronising with the bootloader.");
            try
            {
                return UsartBootloaderTarget.Connect(link, options, expected, _messages.Add);
            }
            catch (UnknownProductException ex)
            {
                Terminate(new ErrorRecord(ex, "DeviceNotInCatalog", ErrorCategory.ObjectNotFound, ex.ProductId)
                {
                    ErrorDetails = new ErrorDetails($"The device on {settings} reports product ID 0x{ex.ProductId:X3} ({ex.Bootloader}), which is not in the catalog " +
                        $"of {DeviceCatalog.Definitions.Count} products; the nearest known product IDs are " +
                        $"{DeviceCatalog.DescribeNearest(ex.ProductId)}.") { RecommendedAction = ex.LikelyCause },
                });
                throw;
            }
            catch (DeviceMismatchException ex)
            {
                Terminate(DeviceErrors.Mismatch(ex, Device, $"connecting on {settings}"));
                throw;
            }
            catch (TargetException ex)
            {
                Terminate(DeviceErrors.FromTarget(ex, ErrorCategory.ConnectionError, Port, $"connecting on {settings}"));
                throw;
            }
        }
    }
}
