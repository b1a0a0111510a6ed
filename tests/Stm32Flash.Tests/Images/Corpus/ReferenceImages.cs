using System;
using System.IO;
using System.Text;
using Stm32Flash.Tests.Infrastructure;
using Xunit.Sdk;

namespace Stm32Flash.Tests.Images.Corpus
{
    /// <summary>
    /// The reference byte map of a corpus file, by the manifest's kind: srec_cat for Intel HEX and S-records, readelf's
    /// headers for ELF (<see cref="ElfReference"/>), dfu-suffix for the DFU suffix (and UM0391's layout for DfuSe
    /// elements), the bytes themselves for raw binary.
    /// </summary>
    public static class ReferenceImages
    {
        public static ByteMap Build(CorpusEntry entry, TempFolder temp) => entry.Kind switch
        {
            "ihex" => SrecCat(entry.Path, "-intel", temp),
            "srec" => SrecCat(entry.Path, "-motorola", temp),
            "elf" => ElfReference.FromReadelf(entry.Path),
            "dfuse" => DfuSe(entry.Path, temp),
            "dfu" => PlainDfu(entry, temp),
            "bin" => Binary(File.ReadAllBytes(entry.Path), entry.Address!.Value),
            _ => throw new XunitException($"manifest.tsv: unknown kind '{entry.Kind}' for {entry.File}"),
        };

        /// <summary>srec_cat's reading of the file, written out as S3 records with the execution start address.</summary>
        public static ByteMap SrecCat(string path, string format, TempFolder temp)
        {
            ExternalTool.Run("srec_cat", temp.Path, path, format, "-o", "reference.srec", "-motorola", "-address-length=4");
            return ByteMap.FromSRecords(File.ReadAllText(temp.File("reference.srec")));
        }

        private static ByteMap Binary(byte[] bytes, uint address)
        {
            var map = new ByteMap();
            map.Add(address, bytes);
            return map;
        }

        private static ByteMap PlainDfu(CorpusEntry entry, TempFolder temp)
        {
            var copy = temp.File("suffixed.bin");
            File.Copy(entry.Path, copy, true);
            File.SetAttributes(copy, FileAttributes.Normal);
            ExternalTool.Run("dfu-suffix", temp.Path, "-c", copy);
            ExternalTool.Run("dfu-suffix", temp.Path, "-D", copy);
            return Binary(File.ReadAllBytes(copy), entry.Address!.Value);
        }

        // UM0391: an 11-byte prefix ("DfuSe", version, size, target count); per target a 274-byte prefix ("Target",
        // alternate setting, named flag, 255-byte name, size, element count); per element address, size and data.
        private static ByteMap DfuSe(string path, TempFolder temp)
        {
            ExternalTool.Run("dfu-suffix", temp.Path, "-c", path);
            var bytes = File.ReadAllBytes(path);
            if (Encoding.ASCII.GetString(bytes, 0, 5) != "DfuSe") throw new XunitException($"{path} has no DfuSe prefix.");
            var map = new ByteMap();
            var at = 11;
            for (var t = 0; t < bytes[10]; t++)
            {
                if (Encoding.ASCII.GetString(bytes, at, 6) != "Target") throw new XunitException($"{path}: no target prefix at 0x{at:X}.");
                var elements = BitConverter.ToUInt32(bytes, at + 270);
                at += 274;
                for (var e = 0; e < elements; e++)
                {
                    var address = BitConverter.ToUInt32(bytes, at);
                    var size = BitConverter.ToInt32(bytes, at + 4);
                    map.Add(address, bytes.AsSpan(at + 8, size).ToArray());
                    at += 8 + size;
                }
            }
            return map;
        }
    }
}
