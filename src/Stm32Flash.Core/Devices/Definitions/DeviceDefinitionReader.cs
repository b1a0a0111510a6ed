using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>
    /// Reads device definitions: the built-in catalog and users' files share one JSON format (about_Stm32Flash_Devices).
    /// Every mistake is reported with its file, line and field; unknown fields are refused, so a misspelt one is not ignored.
    /// </summary>
    public static partial class DeviceDefinitionReader
    {
        private const int DebugPortTransfer = 16 * 1024;
        private const int SerialTransfer = 256;
        private const int DefaultDfuTransfer = 1024;

        /// <summary>Reads a document: <c>{ "devices": [ ... ] }</c>, a list of entries, or one entry.</summary>
        public static IReadOnlyList<DeviceDefinition> Read(string json, string origin)
            => Read(JsonNode.Parse(json, origin), origin);

        /// <summary>Reads an already parsed document (the built-in catalog, whose flash-size codes are read from the same tree).</summary>
        internal static IReadOnlyList<DeviceDefinition> Read(JsonNode root, string origin)
        {
            IReadOnlyList<JsonNode> entries;
            if (root.Kind == JsonKind.Array) entries = root.Items;
            else if (root.Kind == JsonKind.Object && root["devices"] is JsonNode list)
            {
                Only(root, "schema", "devices", "flashSizeCodes", "comment");
                entries = Array(list);
            }
            else if (root.Kind == JsonKind.Object) entries = new[] { root };
            else throw Error(root, "a device definition file holds an object with \"devices\", a list of devices, or one device");
            var result = entries.Select(e => Entry(e, origin)).ToList();
            var twice = result.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (twice != null) throw new DeviceDefinitionException($"{origin}: the name {twice.Key} is defined {twice.Count()} times.");
            return result;
        }

        private static DeviceDefinition Entry(JsonNode e, string origin)
        {
            Only(e, "productId", "name", "family", "aliases", "parts", "flash", "optionBits", "ram", "bootloaderRam", "systemMemory",
                "uniqueId", "optionBytes", "otp", "bootloader", "sources", "notes");
            var p = new DeviceDefinitionParts { Origin = origin };
            var pid = Address(Required(e, "productId"));
            if (pid == 0 || pid > 0xFFF) throw Error(e["productId"]!, "a product ID is 12 bits (0x001..0xFFF)");
            p.ProductId = (ushort)pid;
            p.Name = Name(Required(e, "name"));
            p.Family = Name(Required(e, "family"));
            p.Aliases = Strings(e["aliases"]).Select(a => Name(a)).ToArray();
            p.Parts = Strings(e["parts"]).Select(a => Name(a)).ToArray();
            p.Ram = Array(Required(e, "ram")).Select(Range).ToArray();
            if (p.Ram.Count == 0) throw Error(e["ram"]!, "at least one RAM region is needed");
            p.BootloaderRam = Range(Required(e, "bootloaderRam"));
            if (!p.Ram.Any(r => r.Contains(p.BootloaderRam)))
                throw Error(e["bootloaderRam"]!, $"the bootloader's RAM {p.BootloaderRam} is not inside a RAM region ({AddressRange.Describe(p.Ram)})");
            p.SystemMemory = Range(Required(e, "systemMemory"));
            p.OptionByteMap = OptionBytes(Required(e, "optionBytes"));
            p.OptionBytes = p.OptionByteMap.Areas[0];
            p.UniqueIdAddress = e["uniqueId"] is JsonNode uid && uid.Kind != JsonKind.Null ? Address(uid) : (uint?)null;
            if (p.UniqueIdAddress is uint u && (u & 3) != 0) throw Error(e["uniqueId"]!, "the unique device ID starts on a 32-bit word");
            p.Otp = e["otp"] is JsonNode otp && otp.Kind != JsonKind.Null ? Range(otp) : (AddressRange?)null;
            p.OptionBits = OptionBits(e["optionBits"], p.OptionBytes);
            AgreeWithFields(e["optionBits"], p.OptionBits, p.OptionByteMap);
            Flash(Required(e, "flash"), p);
            p.Bootloader = Bootloader(Required(e, "bootloader"), p.ProgramUnit);
            p.Sources = e["sources"] is JsonNode s && s.Kind == JsonKind.Object
                ? s.Members.Select(m => new KeyValuePair<string, string>(m.Key, Text(m.Value))).ToArray()
                : System.Array.Empty<KeyValuePair<string, string>>();
            p.Notes = e["notes"] is JsonNode n && n.Kind != JsonKind.Null ? Text(n) : null;
            p.Json = Unindent(e.Raw!, e.Column - 1);
            var definition = new DeviceDefinition(p);
            try
            {
                _ = definition.Default;
            }
            catch (ArgumentException ex)
            {
                throw Error(e["flash"]!, $"no layout fits the largest flash with the factory option bits: {ex.Message}");
            }
            return definition;
        }

        private static void Flash(JsonNode f, DeviceDefinitionParts p)
        {
            Only(f, "base", "size", "sizeRegister", "programUnit", "erasedValue", "unit", "bank2", "layouts");
            p.FlashBase = Address(Required(f, "base"));
            p.MaxFlashSize = Size(Required(f, "size"));
            p.FlashSizeRegister = f["sizeRegister"] is JsonNode r && r.Kind != JsonKind.Null ? Address(r) : (uint?)null;
            var unit = Size(Required(f, "programUnit"));
            if (unit <= 0 || unit > 256 || (unit & (unit - 1)) != 0) throw Error(f["programUnit"]!, "the programming unit is a power of two from 1 to 256 bytes");
            p.ProgramUnit = (int)unit;
            var erased = f["erasedValue"] is JsonNode ev ? Address(ev) : 0xFF;
            if (erased > 0xFF) throw Error(f["erasedValue"]!, "the erased value is one byte");
            p.ErasedValue = (byte)erased;
            p.UnitName = f["unit"] is JsonNode u ? OneOf(u, "page", "sector") : "page";
            p.Bank2Follows = f["bank2"] is not JsonNode b2 || OneOf(b2, "follows", "fixed") == "follows";
            var names = new HashSet<string>(p.OptionBits.Select(o => o.Name), StringComparer.OrdinalIgnoreCase);
            p.Layouts = Array(Required(f, "layouts")).Select(l => Layout(l, names)).ToArray();
            if (p.Layouts.Count == 0) throw Error(f["layouts"]!, "at least one layout is needed");
            if (!p.Layouts.Any(l => l.Capacity == p.MaxFlashSize))
                throw Error(f["layouts"]!, $"no layout holds the {SizeText.Of(p.MaxFlashSize)} of \"size\"");
            foreach (var (layout, node) in p.Layouts.Zip(f["layouts"]!.Items, (l, n) => (l, n)))
            {
                if (layout.Capacity > p.MaxFlashSize)
                    throw Error(node, $"the banks hold {SizeText.Of(layout.Capacity)}, more than the {SizeText.Of(p.MaxFlashSize)} of \"size\"");
                var tooBig = layout.FlashSizes.FirstOrDefault(s => s > layout.Capacity);
                if (tooBig > 0) throw Error(node, $"\"flashSize\" names {SizeText.Of(tooBig)}, more than the banks hold ({SizeText.Of(layout.Capacity)})");
                FlashLayout built;
                try { built = layout.Build(layout.FlashSizes.Count == 0 ? layout.Capacity : layout.FlashSizes.Max(), p.Bank2Follows, p.UnitName); }
                catch (Exception ex) when (ex is ArgumentException || ex is DeviceDefinitionException) { throw Error(node, ex.Message); }
                if (built.BaseAddress != p.FlashBase) throw Error(node, $"the first bank starts at 0x{built.BaseAddress:X8}, not at the flash base 0x{p.FlashBase:X8}");
                var odd = built.GetPages().FirstOrDefault(pg => pg.Size % p.ProgramUnit != 0);
                if (odd != null) throw Error(node, $"{odd} is not a whole number of {p.ProgramUnit}-byte programming units");
            }
        }

        private static LayoutDefinition Layout(JsonNode l, HashSet<string> optionBits)
        {
            Only(l, "name", "when", "banks");
            var bits = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var sizes = new List<long>();
            if (l["when"] is JsonNode when)
            {
                foreach (var c in Object(when).Members)
                {
                    if (c.Key == "flashSize")
                    {
                        sizes.AddRange(c.Value.Kind == JsonKind.Array ? c.Value.Items.Select(Size) : new[] { Size(c.Value) });
                        continue;
                    }
                    if (!optionBits.Contains(c.Key))
                        throw Error(c.Value, $"\"{c.Key}\" is not an option bit of this device (\"optionBits\" has {(optionBits.Count == 0 ? "none" : string.Join(", ", optionBits))}) nor \"flashSize\"");
                    var v = Address(c.Value);
                    if (v > 1) throw Error(c.Value, "an option bit is 0 or 1");
                    bits[c.Key] = (int)v;
                }
            }
            var banks = Array(Required(l, "banks")).Select(b =>
            {
                Only(b, "base", "pages", "firstNumber");
                int? first = null;
                if (b["firstNumber"] is JsonNode fn)
                {
                    var n = Address(fn);
                    if (n > 0xFFFF) throw Error(fn, "a page number is 0..65535");
                    first = (int)n;
                }
                return new BankDefinition(Address(Required(b, "base")), Pages(Required(b, "pages")), first);
            }).ToList();
            if (banks.Count == 0) throw Error(l["banks"]!, "a layout has at least one bank");
            return new LayoutDefinition(Text(Required(l, "name")), bits, sizes, banks);
        }

        private static IReadOnlyList<OptionBitDefinition> OptionBits(JsonNode? node, AddressRange optionBytes)
        {
            if (node is null || node.Kind == JsonKind.Null) return System.Array.Empty<OptionBitDefinition>();
            return Object(node).Members.Select(m =>
            {
                Only(m.Value, "address", "bit", "factory", "source");
                var address = Address(Required(m.Value, "address"));
                if ((address & 3) != 0) throw Error(m.Value["address"]!, "an option bit is given in a word-aligned 32-bit word");
                if (!optionBytes.Contains(AddressRange.FromLength(address, 4)))
                    throw Error(m.Value["address"]!, $"0x{address:X8} is not in the option-byte area {optionBytes}");
                var bit = Address(Required(m.Value, "bit"));
                if (bit > 31) throw Error(m.Value["bit"]!, "a bit of a 32-bit word is 0..31");
                var factory = Address(Required(m.Value, "factory"));
                if (factory > 1) throw Error(m.Value["factory"]!, "an option bit is 0 or 1");
                return new OptionBitDefinition(m.Key, address, (int)bit, (int)factory, m.Value["source"] is JsonNode s ? Text(s) : null);
            }).ToArray();
        }

        private static BootloaderDefinition Bootloader(JsonNode b, int programUnit)
        {
            Only(b, "versions", "usart", "i2c", "spi", "can", "dfu");
            var limits = new Dictionary<TargetInterface, TransferLimits>
            {
                // The debug port has no protocol limit; 16 KiB keeps progress and error reports fine-grained.
                [TargetInterface.Swd] = new TransferLimits(DebugPortTransfer, DebugPortTransfer),
                [TargetInterface.Jtag] = new TransferLimits(DebugPortTransfer, DebugPortTransfer),
            };
            bool legacyErase = false, checksum = false;
            byte? i2cAddress = null;
            if (b["usart"] is JsonNode usart)
            {
                Only(usart, "erase", "checksum");
                legacyErase = usart["erase"] is JsonNode er && OneOf(er, "legacy", "extended") == "legacy";
                checksum = usart["checksum"] is JsonNode ck && Boolean(ck);
                limits[TargetInterface.Usart] = new TransferLimits(SerialTransfer, SerialTransfer);
            }
            if (b["i2c"] is JsonNode i2c)
            {
                Only(i2c, "address");
                if (i2c["address"] is JsonNode a && a.Kind != JsonKind.Null)
                {
                    var v = Address(a);
                    if (v > 0x7F) throw Error(a, "an I2C address is 7 bits (0x00..0x7F)");
                    i2cAddress = (byte)v;
                }
                limits[TargetInterface.I2c] = new TransferLimits(SerialTransfer, SerialTransfer);
            }
            if (b["spi"] is JsonNode spi) { Only(spi); limits[TargetInterface.Spi] = new TransferLimits(SerialTransfer, SerialTransfer); }
            if (b["can"] is JsonNode can) { Only(can); limits[TargetInterface.Can] = new TransferLimits(SerialTransfer, SerialTransfer); }
            if (b["dfu"] is JsonNode dfu)
            {
                Only(dfu, "transfer");
                var t = dfu["transfer"] is JsonNode tn && tn.Kind != JsonKind.Null ? Size(tn) : DefaultDfuTransfer;
                if (t <= 0 || t > 4096 || t % programUnit != 0) throw Error(dfu["transfer"]!, $"a DFU transfer is 1..4096 bytes and a multiple of the {programUnit}-byte programming unit");
                limits[TargetInterface.Dfu] = new TransferLimits((int)t, (int)t);
            }
            var versions = b["versions"] is JsonNode vs ? Strings(vs) : System.Array.Empty<JsonNode>();
            return new BootloaderDefinition(versions.Select(Text), limits, legacyErase, checksum, i2cAddress);
        }

        private static IEnumerable<(int count, int size)> Pages(JsonNode node)
        {
            var text = Text(node);
            foreach (var run in text.Split(','))
            {
                var parts = run.Trim().Split('x', 'X', '*');
                if (parts.Length != 2 || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
                    throw Error(node, $"'{run.Trim()}' is not COUNTxSIZE (e.g. 128x2K or 4x16K,1x64K,7x128K)");
                var size = ParseSize(parts[1].Trim()) ?? throw Error(node, $"'{parts[1].Trim()}' is not a size (e.g. 2K, 128K, 256)");
                if (size <= 0 || size > int.MaxValue) throw Error(node, $"'{parts[1].Trim()}' is not a page size");
                yield return (count, (int)size);
            }
        }

        private static AddressRange Range(JsonNode node)
        {
            Only(node, "base", "size", "name");
            var start = Address(Required(node, "base"));
            var size = Size(Required(node, "size"));
            if ((ulong)start + (ulong)size > AddressRange.AddressSpaceEnd) throw Error(node, "the area runs past the 32-bit address space");
            return AddressRange.FromLength(start, size);
        }

        private static uint Address(JsonNode node)
        {
            if (node.Kind == JsonKind.Number && node.Number >= 0 && node.Number <= uint.MaxValue && node.Number == Math.Floor(node.Number)) return (uint)node.Number;
            if (node.Kind == JsonKind.String)
            {
                var t = node.Text!.Trim().Replace("_", "");
                if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    && uint.TryParse(t.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return hex;
                if (uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var dec)) return dec;
            }
            throw Error(node, "a 32-bit number (\"0x08000000\" or a decimal integer) was expected");
        }

        private static long Size(JsonNode node)
        {
            if (node.Kind == JsonKind.Number && node.Number >= 0 && node.Number == Math.Floor(node.Number) && node.Number <= AddressRange.AddressSpaceEnd) return (long)node.Number;
            if (node.Kind == JsonKind.String && ParseSize(node.Text!) is long s) return s;
            throw Error(node, "a size (bytes, \"0x4000\", \"2K\" or \"1M\") was expected");
        }

        // An entry's text as it stood in its file, without the indentation it had there.
        private static string Unindent(string raw, int indent)
        {
            var lines = raw.Replace("\r\n", "\n").Split('\n');
            return string.Join("\n", lines.Select((l, i) => i > 0 && l.Length >= indent && l.Substring(0, indent).Trim().Length == 0 ? l.Substring(indent) : l));
        }

        internal static long? ParseSize(string text)
        {
            var t = text.Trim().Replace("_", "");
            long multiplier = 1;
            if (t.EndsWith("K", StringComparison.OrdinalIgnoreCase)) { multiplier = 1024; t = t.Substring(0, t.Length - 1); }
            else if (t.EndsWith("M", StringComparison.OrdinalIgnoreCase)) { multiplier = 1024 * 1024; t = t.Substring(0, t.Length - 1); }
            long value;
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(t.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value)) return null;
            }
            else if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value)) return null;
            if (value > (long)AddressRange.AddressSpaceEnd / multiplier) return null;
            return value * multiplier;
        }

        private static string Name(JsonNode node)
        {
            var t = Text(node).Trim();
            if (t.Length == 0 || t.Any(char.IsWhiteSpace)) throw Error(node, "a name is one word with no spaces");
            return t;
        }

        private static string Text(JsonNode node) =>
            node.Kind == JsonKind.String ? node.Text! : throw Error(node, "a string was expected");

        private static bool Boolean(JsonNode node) =>
            node.Kind == JsonKind.Boolean ? node.Boolean : throw Error(node, "true or false was expected");

        private static string OneOf(JsonNode node, params string[] values)
        {
            var t = Text(node);
            return values.FirstOrDefault(v => string.Equals(v, t, StringComparison.OrdinalIgnoreCase))
                ?? throw Error(node, $"one of {string.Join(", ", values.Select(v => $"\"{v}\""))} was expected");
        }

        private static IReadOnlyList<JsonNode> Strings(JsonNode? node)
        {
            if (node is null || node.Kind == JsonKind.Null) return System.Array.Empty<JsonNode>();
            var items = Array(node);
            foreach (var i in items) Text(i);
            return items;
        }

        private static IReadOnlyList<JsonNode> Array(JsonNode node) =>
            node.Kind == JsonKind.Array ? node.Items : throw Error(node, "a list [ ... ] was expected");

        private static JsonNode Object(JsonNode node) =>
            node.Kind == JsonKind.Object ? node : throw Error(node, "an object { ... } was expected");

        private static JsonNode Required(JsonNode parent, string key) =>
            Object(parent)[key] is JsonNode n && n.Kind != JsonKind.Null ? n : throw Error(parent, $"\"{key}\" is required");

        private static void Only(JsonNode node, params string[] keys)
        {
            foreach (var m in Object(node).Members)
            {
                if (!keys.Contains(m.Key))
                    throw Error(m.Value, keys.Length == 0 ? $"\"{m.Key}\" is not a field here (this object takes none)"
                        : $"\"{m.Key}\" is not a field here (known: {string.Join(", ", keys)})");
            }
        }

        private static DeviceDefinitionException Error(JsonNode node, string what) => new DeviceDefinitionException($"{node.Where}: {what}.");
    }
}
