namespace Stm32Flash.Targets
{
    /// <summary>What a connected target can do, as found out at connect time (e.g. from the bootloader's Get command).</summary>
    public sealed class TargetCapabilities
    {
        public int MaxWrite { get; set; } = 256;

        public int MaxRead { get; set; } = 256;

        /// <summary>The target computes a CRC over memory itself (the bootloader's Get Checksum, 0xA1).</summary>
        public bool CanChecksum { get; set; }

        public bool CanErasePages { get; set; } = true;

        public bool CanEraseBank { get; set; }

        public bool CanMassErase { get; set; } = true;

        public bool CanGo { get; set; } = true;

        public bool CanReset { get; set; }

        public bool CanReadoutProtect { get; set; }

        public bool CanWriteProtect { get; set; }

        /// <summary>Read Memory reaches the option bytes.</summary>
        public bool CanReadOptionBytes { get; set; }

        /// <summary><see cref="ITarget.WriteOptionBytes"/> works: the option bytes can be written and the chip reconnected after its reset.</summary>
        public bool CanWriteOptionBytes { get; set; }

        public override string ToString() =>
            $"write {MaxWrite} B, read {MaxRead} B, checksum {(CanChecksum ? "yes" : "no")}, " +
            $"erase {(CanErasePages ? "pages" : "")}{(CanEraseBank ? "+bank" : "")}{(CanMassErase ? "+mass" : "")}";
    }
}
