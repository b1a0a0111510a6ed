namespace Stm32Flash.Planning
{
    /// <summary>Why the planner refused to plan, before the device was touched.</summary>
    public enum FlashPlanError
    {
        /// <summary>The data lies outside the device's flash and usable RAM.</summary>
        AddressRefused,
        /// <summary>The data lies in RAM the system bootloader uses itself.</summary>
        ReservedRam,
        /// <summary>The data lies in the option-byte area, which a memory write does not program.</summary>
        OptionBytes,
        /// <summary>The data lies in read-only system memory.</summary>
        SystemMemory,
        /// <summary>Two input segments give different bytes for the same address.</summary>
        Overlap,
        /// <summary>The options cannot work (a unit that is not a power of two, larger than a write, and so on).</summary>
        InvalidOptions,
        /// <summary>The padding unit is smaller than the device's programming unit or the interface's word: writes would cover units in part.</summary>
        PadBelowUnit,
    }
}
