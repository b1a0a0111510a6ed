using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>SWD or JTAG through an ST-LINK (the CLI's port=SWD|JTAG freq= index= sn= mode= reset= ap=).</summary>
    public sealed class DebugConnectOptions : CubeProgrammerConnectOptions
    {
        public DebugPort Port { get; set; } = DebugPort.Swd;

        public override TargetInterface Interface => Port == DebugPort.Jtag ? TargetInterface.Jtag : TargetInterface.Swd;

        /// <summary>Debug clock in kHz; null keeps the probe's default.</summary>
        public int? FrequencyKHz { get; set; }

        public DebugConnectMode Mode { get; set; } = DebugConnectMode.Normal;

        public DebugResetMode Reset { get; set; } = DebugResetMode.Hardware;

        /// <summary>The probe's serial number; takes precedence over <see cref="ProbeIndex"/>.</summary>
        public string? SerialNumber { get; set; }

        /// <summary>The probe's position in the ST-LINK list (0-based); the first probe when neither this nor the serial number is set.</summary>
        public int? ProbeIndex { get; set; }

        /// <summary>The access port (AP) to use.</summary>
        public int AccessPort { get; set; }

        /// <summary>Share the probe through ST-LINK Server.</summary>
        public bool Shared { get; set; }

        public override void Validate()
        {
            if (FrequencyKHz is int f && f <= 0) throw new ArgumentException($"FrequencyKHz must be positive ({f}).", nameof(FrequencyKHz));
            if (ProbeIndex is int i && i < 0) throw new ArgumentException($"ProbeIndex must be 0 or more ({i}).", nameof(ProbeIndex));
            if (AccessPort < 0) throw new ArgumentException($"AccessPort must be 0 or more ({AccessPort}).", nameof(AccessPort));
            if (SerialNumber != null && SerialNumber.Length > 32) throw new ArgumentException("An ST-LINK serial number has at most 32 characters.", nameof(SerialNumber));
        }

        public override string Describe() =>
            $"port={Port.ToString().ToUpperInvariant()}" +
            (FrequencyKHz is int f ? $" freq={f}" : "") +
            (SerialNumber != null ? $" sn={SerialNumber}" : ProbeIndex is int i ? $" index={i}" : "") +
            $" mode={CliVocabulary.Word(Mode)} reset={CliVocabulary.Word(Reset)}" +
            (AccessPort != 0 ? $" ap={AccessPort}" : "") + (Shared ? " shared" : "");
    }
}
