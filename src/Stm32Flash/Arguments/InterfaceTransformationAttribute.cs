using System;
using System.Management.Automation;
using Stm32Flash.Devices;

namespace Stm32Flash.Arguments
{
    /// <summary>
    /// Gives -Interface as the enum's name (Usart, I2c ...) from any case of it, the CLI's words (UART, USB) or an enum
    /// value. The parameter is a string, not the enum: PowerShell completes an enum's every value, where -Interface should
    /// complete only what the named device offers.
    /// </summary>
    public sealed class InterfaceTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is TargetInterface known) return known.ToString();
            if (value is string text && InterfaceNames.Find(text) is { } found) return found.ToString();
            throw new ArgumentTransformationMetadataException($"'{value}' is not an interface. Give one of {InterfaceNames.Accepted}.");
        }
    }
}
