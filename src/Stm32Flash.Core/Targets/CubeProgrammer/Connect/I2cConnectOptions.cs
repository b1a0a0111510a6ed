using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// The I2C bootloader through an STLINK-V3 bridge (the CLI's port=I2C add= br= sm= am=7 af= df= dnf= rt= ft=).
    /// The bootloader supports only 7-bit addressing with the analog filter on and the digital filter off.
    /// </summary>
    public sealed class I2cConnectOptions : CubeProgrammerConnectOptions
    {
        public override TargetInterface Interface => TargetInterface.I2c;

        /// <summary>The bootloader's 7-bit slave address (fixed per product in ROM; AN2606). Required.</summary>
        public byte Address { get; set; }

        /// <summary>Bus speed in kHz: 100 or 400.</summary>
        public int SpeedKHz { get; set; } = 400;

        /// <summary>Standard or fast mode; null picks from <see cref="SpeedKHz"/> (fast above 100 kHz).</summary>
        public I2cSpeedMode? SpeedMode { get; set; }

        public bool AnalogFilter { get; set; } = true;

        public bool DigitalFilter { get; set; }

        /// <summary>Digital noise filter, 0 to 15.</summary>
        public byte DigitalNoiseFilter { get; set; }

        /// <summary>SCL rise time in ns: 0 to 1000 in standard mode, 0 to 300 in fast mode. Set it if the bridge reports errors.</summary>
        public int RiseTimeNs { get; set; }

        /// <summary>SCL fall time in ns: 0 to 300.</summary>
        public int FallTimeNs { get; set; }

        public I2cSpeedMode EffectiveSpeedMode => SpeedMode ?? (SpeedKHz > 100 ? I2cSpeedMode.Fast : I2cSpeedMode.Standard);

        public override void Validate()
        {
            if (Address == 0 || Address > 0x7F)
                throw new ArgumentException($"Address must be the bootloader's 7-bit slave address (0x01..0x7F), not 0x{Address:X2}; see AN2606 for the product's address.", nameof(Address));
            if (SpeedKHz != 100 && SpeedKHz != 400) throw new ArgumentException($"SpeedKHz must be 100 or 400 ({SpeedKHz}).", nameof(SpeedKHz));
            if (EffectiveSpeedMode == I2cSpeedMode.Standard && SpeedKHz > 100)
                throw new ArgumentException("Standard mode runs at up to 100 kHz; use Fast mode for 400 kHz.", nameof(SpeedMode));
            if (DigitalNoiseFilter > 15) throw new ArgumentException($"DigitalNoiseFilter must be 0 to 15 ({DigitalNoiseFilter}).", nameof(DigitalNoiseFilter));
            var maxRise = EffectiveSpeedMode == I2cSpeedMode.Fast ? 300 : 1000;
            if (RiseTimeNs < 0 || RiseTimeNs > maxRise) throw new ArgumentException($"RiseTimeNs must be 0 to {maxRise} in {EffectiveSpeedMode} mode ({RiseTimeNs}).", nameof(RiseTimeNs));
            if (FallTimeNs < 0 || FallTimeNs > 300) throw new ArgumentException($"FallTimeNs must be 0 to 300 ({FallTimeNs}).", nameof(FallTimeNs));
        }

        public override string Describe() =>
            $"port=I2C add=0x{Address:X2} br={SpeedKHz} sm={EffectiveSpeedMode.ToString().ToUpperInvariant()} am=7 " +
            $"af={(AnalogFilter ? "ENABLE" : "DISABLE")} df={(DigitalFilter ? "ENABLE" : "DISABLE")} dnf={DigitalNoiseFilter} rt={RiseTimeNs} ft={FallTimeNs}";
    }
}
