using System;
using System.Management.Automation;
using Stm32Flash.Targets.CubeProgrammer;

namespace Stm32Flash.Arguments
{
    /// <summary>
    /// Lets an enum parameter take STM32CubeProgrammer CLI's word for a value (mode=UR, reset=HWrst) as well as the
    /// enum's names. Other input passes through to PowerShell's own conversion.
    /// </summary>
    public sealed class CliWordTransformationAttribute : ArgumentTransformationAttribute
    {
        private readonly Type _enumType;

        public CliWordTransformationAttribute(Type enumType) => _enumType = enumType;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (!(value is string text) || Enum.IsDefined(_enumType, text.Trim())) return inputData;
            try
            {
                if (_enumType == typeof(DebugConnectMode))
                    return string.Equals(text.Trim(), "HwResetPulse", StringComparison.OrdinalIgnoreCase) ? DebugConnectMode.HardwareResetPulse : CliVocabulary.ParseConnectMode(text);
                if (_enumType == typeof(DebugResetMode)) return CliVocabulary.ParseResetMode(text);
            }
            catch (FormatException)
            {
                // Not a CLI word: PowerShell's conversion tries the enum's names and says which exist.
            }
            return inputData;
        }
    }
}
