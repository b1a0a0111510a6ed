using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>How to reach the device through CubeProgrammer_API: one subclass per interface.</summary>
    public abstract class CubeProgrammerConnectOptions
    {
        public abstract TargetInterface Interface { get; }

        /// <summary>The catalog device expected (to choose among parts that share one product ID); a device that reports another product ID is refused with <see cref="DeviceMismatchException"/>.</summary>
        public string? DeviceName { get; set; }

        /// <summary>Validates the settings; throws ArgumentException naming the setting.</summary>
        public abstract void Validate();

        /// <summary>The settings in the CLI's words, e.g. "port=I2C add=0x4A br=400 sm=FAST".</summary>
        public abstract string Describe();

        public override string ToString() => Describe();
    }
}
