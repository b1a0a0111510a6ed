using System.IO;
using System.Linq;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using static Stm32Flash.Tests.Images.ElfBuilder;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Which bytes of an ELF file load where, beyond the plain case: as GNU objcopy and the linkers' own .hex files take them.</summary>
    public class ElfLoadRulesTests
    {
        private static ImageInfo Read(byte[] bytes) => ImageReader.Read(new MemoryStream(bytes), null, "/fw/test.elf");

        private static byte[] Bytes(int count, int seed) => Enumerable.Range(0, count).Select(i => (byte)(i * 7 + seed)).ToArray();

        [Fact]
        public void Program_headers_whose_physical_addresses_are_all_0_load_at_their_virtual_addresses()
        {
            var image = Read(Build(false, 0xFFFF8000, new[]
            {
                new ProgramHeader { VirtualAddress = 0xFFFF8000, PhysicalAddress = 0, Data = Bytes(0x46, 1) },
                new ProgramHeader { VirtualAddress = 0xFFFF8100, PhysicalAddress = 0, Data = Bytes(0x20, 2) },
                new ProgramHeader { VirtualAddress = 0x1000, PhysicalAddress = 0, MemorySize = 0x10 },
            }, machine: 173));
            Assert.Equal(new[] { 0xFFFF8000u, 0xFFFF8100u }, image.Segments.Select(s => s.Address));
            Assert.Equal(Bytes(0x20, 2), image.Segments[1].Data);
            Assert.Contains(image.Notes, n => n.Contains("physical address 0") && n.Contains("virtual addresses"));
        }

        [Fact]
        public void One_program_header_at_physical_address_0_stays_there()
        {
            var image = Read(Build(false, 0xC1, new[] { new ProgramHeader { VirtualAddress = 0, PhysicalAddress = 0, Data = Bytes(0x100, 3) } }));
            Assert.Equal(0u, Assert.Single(image.Segments).Address);
            Assert.Empty(image.Notes);
        }

        [Fact]
        public void An_elf_file_for_another_machine_is_read_with_a_warning_naming_the_machine()
        {
            var image = Read(Build(true, 0x401000, new[] { new ProgramHeader { VirtualAddress = 0x401000, PhysicalAddress = 0x401000, Data = Bytes(16, 4) } }, machine: 62));
            Assert.Single(image.Segments);
            var warning = Assert.Single(image.Warnings);
            Assert.Contains("x86-64 (e_machine 62)", warning);
            Assert.Contains("not ARM", warning);
            Assert.Empty(Read(Build(false, 0x08000001, new[] { new ProgramHeader { PhysicalAddress = 0x08000000, Data = Bytes(16, 5) } })).Warnings);
        }

        [Fact]
        public void Get_HexSegment_warns_of_an_elf_file_for_another_machine()
        {
            using var temp = new TempFolder();
            var path = temp.Write("host.elf", Build(true, 0x401000, new[] { new ProgramHeader { VirtualAddress = 0x401000, PhysicalAddress = 0x401000, Data = Bytes(16, 4) } }, machine: 62));
            var result = PsSession.RunOnce("Get-HexSegment -LiteralPath $args[0]", path).AssertNoErrors();
            var warning = Assert.Single(result.Warnings).Message;
            Assert.StartsWith(path + ": ", warning);
            Assert.Contains("x86-64", warning);
        }

        // The linker script puts the ELF and program headers in a PT_LOAD of their own, in RAM, as Teensy's does.
        private const string HeadersInRam = @"MEMORY
{
  FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 64K
  RAM (rwx)  : ORIGIN = 0x20000000, LENGTH = 16K
}
PHDRS
{
  headers PT_LOAD FILEHDR PHDRS;
  code PT_LOAD;
}
SECTIONS
{
  .headers 0x20000000 (NOLOAD) : { . = . + SIZEOF_HEADERS; } > RAM :headers
  .isr_vector : { KEEP(*(.isr_vector)) } > FLASH :code
  .text : { *(.text*) } > FLASH :code
  /DISCARD/ : { *(.ARM.attributes) *(.comment) }
}
";

        [Fact]
        public void A_pt_load_that_holds_only_the_elf_and_program_headers_is_left_out_as_objcopy_leaves_it_out()
        {
            using var temp = new TempFolder();
            File.WriteAllText(temp.File("fw.c"), "__attribute__((section(\".isr_vector\"), used)) const unsigned vectors[2] = { 0x20004000u, 0x08000009u };\nint main(void) { for (;;) { } }\n");
            File.WriteAllText(temp.File("fw.ld"), HeadersInRam);
            ExternalTool.Run("arm-none-eabi-gcc", temp.Path, "-mcpu=cortex-m4", "-mthumb", "-nostdlib", "-nostartfiles", "-T", "fw.ld", "fw.c", "-o", "fw.elf");
            var headers = ExternalTool.Run("arm-none-eabi-readelf", temp.Path, "-lW", "fw.elf");
            Assert.Matches(@"LOAD\s+0x000000 ", headers);
            ExternalTool.Run("arm-none-eabi-objcopy", temp.Path, "-O", "ihex", "fw.elf", "fw.hex");

            var elf = ImageReader.Read(temp.File("fw.elf"));
            var hex = ImageReader.Read(temp.File("fw.hex"));
            Assert.Equal(hex.Segments.Select(s => (s.Address, s.Length)), elf.Segments.Select(s => (s.Address, s.Length)));
            Assert.Equal(hex.Segments[0].Data, elf.Segments[0].Data);
            var note = Assert.Single(elf.Notes);
            Assert.Contains("(program header 0, the ELF and program headers)", note);
        }
    }
}
