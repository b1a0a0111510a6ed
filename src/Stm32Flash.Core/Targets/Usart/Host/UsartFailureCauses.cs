namespace Stm32Flash.Targets.Usart
{
    /// <summary>What a NACK or a silence usually means, per command and stage (AN3155 and field experience).</summary>
    internal static class UsartFailureCauses
    {
        public static string ForNack(byte command, UsartStage stage)
        {
            switch (stage)
            {
                case UsartStage.Command:
                    return command switch
                    {
                        UsartCodes.ReadoutProtect => "Readout protection is already active.",
                        UsartCodes.ReadoutUnprotect => "The bootloader refused to remove readout protection.",
                        _ => "Readout protection (RDP level 1) is active: the bootloader refuses this command until Readout Unprotect (Unprotect-Stm32 -Readout), which mass-erases the flash. (A command the bootloader does not offer is refused the same way.)",
                    };
                case UsartStage.Address:
                    return command switch
                    {
                        UsartCodes.Go => "Go jumps only to flash or to RAM the application may use.",
                        UsartCodes.WriteMemory => "The address is outside the memory the bootloader writes (flash, RAM above the bootloader's own area, option bytes), e.g. an image for another device.",
                        _ => "The address is outside the memory the bootloader reads (flash, RAM, system memory, option bytes).",
                    };
                case UsartStage.Parameter:
                    return command == UsartCodes.GetChecksum
                        ? "The size is 0 or runs past the end of the memory area."
                        : "The length byte and its complement did not match (noise on the line).";
                case UsartStage.Data:
                    return command switch
                    {
                        UsartCodes.WriteMemory => "The flash was not erased there (the unit was programmed already), the length is not a multiple of 4, or the block was damaged on the line (checksum).",
                        UsartCodes.Erase or UsartCodes.ExtendedErase => "A page is write-protected (Get-Stm32OptionByte 'WRP*' shows which; Unprotect-Stm32 -Write lifts it), a page number does not exist on this device, or the list was damaged on the line.",
                        UsartCodes.WriteProtect => "A sector number does not exist on this device.",
                        _ => "The device rejected the data.",
                    };
                default:
                    return command switch
                    {
                        UsartCodes.ExtendedErase or UsartCodes.Erase => "The erase failed: a write-protected page, or mass erase is not available on this product.",
                        _ => "The device could not complete the operation.",
                    };
            }
        }

        public static string ForSilence(byte command, UsartStage stage) =>
            stage == UsartStage.Command
                ? "The device stopped answering: it left the bootloader (Go), was reset or unplugged, or the line is down."
                : command == UsartCodes.WriteMemory && stage == UsartStage.Data
                    ? "Bytes were lost on the line (noise, a baud rate that drifted), or the device reset while programming."
                    : "Bytes were lost on the line, the operation needs longer than the timeout, or the device reset.";
    }
}
