namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>generalInf: what the library says about the connected device.</summary>
    public sealed class DeviceGeneralInfo
    {
        public DeviceGeneralInfo(ushort deviceId, int flashSize, int bootloaderVersion, string type, string cpu, string name,
            string series, string description, string revisionId, string board)
        {
            DeviceId = deviceId;
            FlashSize = flashSize;
            BootloaderVersion = bootloaderVersion;
            Type = type;
            Cpu = cpu;
            Name = name;
            Series = series;
            Description = description;
            RevisionId = revisionId;
            Board = board;
        }

        /// <summary>The product ID (DBGMCU_IDCODE.DEV_ID), e.g. 0x472.</summary>
        public ushort DeviceId { get; }

        public int FlashSize { get; }

        public int BootloaderVersion { get; }

        public string Type { get; }

        public string Cpu { get; }

        public string Name { get; }

        public string Series { get; }

        public string Description { get; }

        public string RevisionId { get; }

        public string Board { get; }

        public override string ToString() => $"{Name} (0x{DeviceId:X3}, {Series}, rev {RevisionId})";
    }
}
