using System.Collections.Generic;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>An ST-LINK probe as getStLinkList (or getStLinkEnumerationList) describes it.</summary>
    public sealed class StLinkProbe
    {
        public StLinkProbe(int index, string serialNumber, string firmwareVersion, string targetVoltage, string board,
            bool isBridge, bool isOldFirmware, int accessPortCount, IReadOnlyList<uint> swdFrequenciesKHz, IReadOnlyList<uint> jtagFrequenciesKHz)
        {
            Index = index;
            SerialNumber = serialNumber;
            FirmwareVersion = firmwareVersion;
            TargetVoltage = targetVoltage;
            Board = board;
            IsBridge = isBridge;
            IsOldFirmware = isOldFirmware;
            AccessPortCount = accessPortCount;
            SwdFrequenciesKHz = swdFrequenciesKHz;
            JtagFrequenciesKHz = jtagFrequenciesKHz;
        }

        public int Index { get; }

        public string SerialNumber { get; }

        public string FirmwareVersion { get; }

        /// <summary>The target's voltage as the probe measured it, e.g. "3.29".</summary>
        public string TargetVoltage { get; }

        /// <summary>The board the probe sits on (empty for a stand-alone probe).</summary>
        public string Board { get; }

        /// <summary>An STLINK-V3 with the bridge (I2C, SPI, CAN, GPIO) functions.</summary>
        public bool IsBridge { get; }

        public bool IsOldFirmware { get; }

        public int AccessPortCount { get; }

        public IReadOnlyList<uint> SwdFrequenciesKHz { get; }

        public IReadOnlyList<uint> JtagFrequenciesKHz { get; }

        public override string ToString() => $"ST-LINK {SerialNumber} ({FirmwareVersion}{(Board.Length == 0 ? "" : ", " + Board)})";
    }
}
