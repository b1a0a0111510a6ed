using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>A Cortex-M firmware built here with arm-none-eabi-gcc reads the same as objcopy's Intel HEX of it.</summary>
    public class ElfToolchainOracleTests
    {
        private const string Source = @"#include <stdint.h>
extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
void Reset_Handler(void);
__attribute__((section("".isr_vector""), used)) const void *const vectors[2] = { &_estack, Reset_Handler };
volatile uint32_t counter = 0x11223344u;
volatile uint8_t table[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
uint32_t zeroed[16];
__attribute__((section("".far_const""), used)) const char calibration[12] = ""CALIBRATION"";
void Reset_Handler(void)
{
    uint32_t *src = &_sidata, *dst = &_sdata;
    while (dst < &_edata) *dst++ = *src++;
    for (dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    for (;;) counter += table[counter & 7] + (uint8_t)calibration[0] + zeroed[counter & 15];
}
";

        // .data runs from RAM but loads right after .text in flash; .bss takes no file space; .far_const sits at a
        // far flash address, as data-storage areas do.
        private const string LinkerScript = @"MEMORY
{
  FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 512K
  RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 64K
}
ENTRY(Reset_Handler)
_estack = ORIGIN(RAM) + LENGTH(RAM);
SECTIONS
{
  .isr_vector : { KEEP(*(.isr_vector)) } > FLASH
  .text : { *(.text*) *(.rodata*) . = ALIGN(4); } > FLASH
  _sidata = LOADADDR(.data);
  .data : { _sdata = .; *(.data*) . = ALIGN(4); _edata = .; } > RAM AT> FLASH
  .bss (NOLOAD) : { _sbss = .; *(.bss*) *(COMMON) . = ALIGN(4); _ebss = .; } > RAM
  .far_const 0x08080000 : { KEEP(*(.far_const)) }
  /DISCARD/ : { *(.ARM.attributes) *(.comment) }
}
";

        /// <summary>Builds fw.elf in the folder; returns the symbol table.</summary>
        public static string BuildFirmware(TempFolder temp)
        {
            File.WriteAllText(temp.File("fw.c"), Source);
            File.WriteAllText(temp.File("fw.ld"), LinkerScript);
            ExternalTool.Run("arm-none-eabi-gcc", temp.Path, "-mcpu=cortex-m33", "-mthumb", "-O1", "-nostdlib", "-nostartfiles", "-T", "fw.ld", "fw.c", "-o", "fw.elf");
            return ExternalTool.Run("arm-none-eabi-nm", temp.Path, "fw.elf");
        }

        private static uint Symbol(string table, string name)
        {
            var match = Regex.Match(table, @"^([0-9a-fA-F]{8}) \w " + Regex.Escape(name) + "$", RegexOptions.Multiline);
            Assert.True(match.Success, $"{name} not in\n{table}");
            return uint.Parse(match.Groups[1].Value, NumberStyles.HexNumber);
        }

        [Fact]
        public void Elf_segments_match_objcopy_ihex_and_data_sits_at_its_load_address()
        {
            using var temp = new TempFolder();
            var symbols = BuildFirmware(temp);
            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-O", "ihex", "fw.elf", "fw.hex");

            var elf = ImageReader.Read(temp.File("fw.elf"));
            var hex = ImageReader.Read(temp.File("fw.hex"));
            Assert.Equal(ImageFormat.Elf, elf.Format);
            Assert.Equal(hex.Segments.Select(s => (s.Address, s.Length)), elf.Segments.Select(s => (s.Address, s.Length)));
            for (var i = 0; i < hex.Segments.Count; i++) Assert.Equal(hex.Segments[i].Data, elf.Segments[i].Data);
            Assert.Equal(hex.StartAddress!.Address, elf.StartAddress!.Address);
            Assert.Equal(StartAddressKind.ElfEntry, elf.StartAddress.Kind);
            Assert.Equal(Symbol(symbols, "Reset_Handler") | 1, elf.StartAddress.Address);

            Assert.Equal(new[] { 0x08000000u, 0x08080000u }, elf.Segments.Select(s => s.Address));
            var flash = elf.Segments[0];
            Assert.Equal(0x20010000u, BitConverter.ToUInt32(flash.Data, 0));
            Assert.Equal(Symbol(symbols, "Reset_Handler") | 1, BitConverter.ToUInt32(flash.Data, 4));
            var dataAt = (int)(Symbol(symbols, "_sidata") - flash.Address);
            Assert.Equal(new byte[] { 0x44, 0x33, 0x22, 0x11, 1, 2, 3, 4, 5, 6, 7, 8 }, flash.Data.Skip(dataAt).Take(12));
            Assert.Equal((ulong)(Symbol(symbols, "_sidata") + 12), flash.EndAddress);
            Assert.Equal("CALIBRATION\0", new string(elf.Segments[1].Data.Select(b => (char)b).ToArray()));
        }

        [Fact]
        public void An_object_file_compiled_with_c_is_refused_not_read_as_nothing()
        {
            using var temp = new TempFolder();
            File.WriteAllText(temp.File("t.c"), Source);
            ExternalTool.Run("arm-none-eabi-gcc", temp.Path, "-mcpu=cortex-m33", "-mthumb", "-c", "t.c", "-o", "t.o");
            Assert.Contains("REL (Relocatable file)", ExternalTool.Run("arm-none-eabi-readelf", temp.Path, "-h", "t.o"));

            Assert.Equal(ImageFormat.Elf, ImageReader.DetectFormat(temp.File("t.o")));
            var error = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(temp.File("t.o")));
            Assert.Equal(ImageErrorKind.Empty, error.Kind);
            Assert.Equal(temp.File("t.o"), error.File);
            Assert.Contains("object file (ET_REL)", error.Message);
            Assert.Contains("link it first", error.Message);
            var streamed = Assert.ThrowsAny<ImageFormatException>(() => ImageReader.ReadSegments(temp.File("t.o")).ToList());
            Assert.Equal(ImageErrorKind.Empty, streamed.Kind);
        }
    }
}
