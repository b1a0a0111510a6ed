using System;
using System.Management.Automation;

namespace Stm32Flash.Arguments
{
    /// <summary>
    /// A Boolean parameter that also takes the CLI's ENABLE/DISABLE (af=ENABLE) and the words true/false, 1/0: without
    /// this, PowerShell would turn any non-empty string, "false" included, into $true.
    /// </summary>
    public sealed class EnableWordTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (!(value is string text)) return inputData;
            switch (text.Trim().ToUpperInvariant())
            {
                case "ENABLE": case "ENABLED": case "TRUE": case "1": case "ON": return true;
                case "DISABLE": case "DISABLED": case "FALSE": case "0": case "OFF": return false;
                default: throw new ArgumentTransformationMetadataException($"'{text}' is not ENABLE or DISABLE (or $true, $false).");
            }
        }
    }
}
