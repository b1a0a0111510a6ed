using System.Management.Automation;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>A protection command that failed: when the chip did not come back after its reset, the session must connect again.</summary>
    internal static class ProtectionErrors
    {
        public static ErrorRecord FromTarget(TargetException ex, Session session)
        {
            var record = DeviceErrors.FromTarget(ex, ErrorCategory.WriteError, session);
            if (ex.Kind == TargetErrorKind.Timeout)
            {
                record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message +
                    " The command ends in a reset of the chip and the session could not reach the bootloader afterwards: reset the chip into its bootloader " +
                    "(BOOT0 high) and run Connect-Stm32 again.")
                {
                    RecommendedAction = "Reset the chip into its bootloader, then Connect-Stm32 again.",
                };
            }
            return record;
        }
    }
}
