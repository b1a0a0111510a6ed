using System.Collections.Generic;

namespace Stm32Flash.Images.Reading
{
    /// <summary>The names of the ELF e_machine values a firmware file is likely to carry (System V ABI, elf.h).</summary>
    internal static class ElfMachines
    {
        private static readonly Dictionary<ushort, string> Names = new Dictionary<ushort, string>
        {
            [2] = "SPARC",
            [3] = "Intel 80386 (x86)",
            [8] = "MIPS",
            [20] = "PowerPC",
            [21] = "PowerPC64",
            [40] = "ARM",
            [42] = "SuperH",
            [46] = "Renesas H8/300",
            [50] = "IA-64",
            [62] = "x86-64",
            [83] = "Atmel AVR",
            [94] = "Tensilica Xtensa",
            [105] = "TI MSP430",
            [173] = "Renesas RX",
            [183] = "AArch64 (64-bit ARM)",
            [243] = "RISC-V",
        };

        public static string Name(ushort machine) => Names.TryGetValue(machine, out var name) ? name : $"machine {machine}";

        /// <summary>What to tell the user about an ELF file that is not for ARM.</summary>
        public static string Warning(ushort machine) =>
            $"the ELF file is for {Name(machine)} (e_machine {machine}), not ARM (e_machine 40), which STM32 microcontrollers run: is it the right file?";
    }
}
