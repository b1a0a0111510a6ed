using System.Management.Automation;

namespace Stm32Flash.Arguments
{
    /// <summary>Lets -Interface take the CLI's words UART and USB as well as the enum's names (Usart, Dfu, I2c ...).</summary>
    public sealed class InterfaceTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject ps ? ps.BaseObject : inputData;
            return value is string text && InterfaceNames.FromCliWord(text) is { } known ? known : inputData;
        }
    }
}
