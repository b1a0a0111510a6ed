using System.Management.Automation;
using Stm32Flash.Devices.Definitions;
using Stm32Flash.OptionBytes;

namespace Stm32Flash.Commands
{
    /// <summary>ErrorRecords for option-byte changes refused before anything was written, or not taken by the chip.</summary>
    internal static class OptionByteErrors
    {
        /// <summary>The switch that accepts each risk.</summary>
        public static string SwitchFor(OptionRisk risk) => risk switch
        {
            OptionRisk.Irreversible => "-AllowIrreversible",
            OptionRisk.TrustZone => "-AllowTrustZone",
            _ => "-AllowBootloaderLockout",
        };

        public static ErrorRecord From(OptionByteException ex, object? target)
        {
            var (id, category) = ex.Error switch
            {
                OptionByteError.NoFieldMap => ("NoOptionByteMap", ErrorCategory.NotImplemented),
                OptionByteError.UnknownField => ("UnknownOptionByte", ErrorCategory.ObjectNotFound),
                OptionByteError.ValueRefused => ("OptionValueRefused", ErrorCategory.InvalidArgument),
                OptionByteError.ReadOnlyField => ("OptionByteReadOnly", ErrorCategory.PermissionDenied),
                OptionByteError.NotApplied => ("OptionByteNotApplied", ErrorCategory.WriteError),
                _ => (ex.Risk switch
                {
                    OptionRisk.Irreversible => "IrreversibleOptionRefused",
                    OptionRisk.TrustZone => "TrustZoneOptionRefused",
                    _ => "BootloaderLockoutRefused",
                }, ErrorCategory.PermissionDenied),
            };
            var action = ex.Error == OptionByteError.Risk
                ? $"Nothing was written. If you mean it, give {SwitchFor(ex.Risk!.Value)} as well."
                : ex.LikelyCause;
            return new ErrorRecord(ex, id, category, target ?? ex.Field)
            {
                ErrorDetails = new ErrorDetails(ex.Message + (ex.Error == OptionByteError.Risk ? $" Nothing was written; give {SwitchFor(ex.Risk!.Value)} if you mean it." : ""))
                {
                    RecommendedAction = action,
                },
            };
        }

        /// <summary>The session's target lacks what the cmdlet needs: NotSupported, with the reason.</summary>
        public static ErrorRecord NotSupported(Session session, string what) =>
            new ErrorRecord(new PSNotSupportedException($"{session.Description}: {what}"), "NotSupported", ErrorCategory.NotImplemented, session)
            {
                ErrorDetails = new ErrorDetails($"{session.Description} cannot {what}.")
                {
                    RecommendedAction = "Connect through the USART bootloader (Connect-Stm32 -Port) or the simulator, whose targets offer it.",
                },
            };
    }
}
