using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    // "optionBytes": the areas, and optionally the named fields and the risky combinations of their values.
    public static partial class DeviceDefinitionReader
    {
        private static readonly string[] Groups = { "protection", "boot", "banks", "security", "reset", "watchdog", "memory", "user" };
        private static readonly string[] Levels = { "0", "0.5", "1", "2" };

        private static OptionByteMap OptionBytes(JsonNode o)
        {
            Only(o, "base", "size", "areas", "complement", "programOffset", "fields", "rules", "source", "notes");
            var main = AreaOf(o);
            var areas = new List<AddressRange> { main };
            if (o["areas"] is JsonNode more)
            {
                foreach (var a in Array(more))
                {
                    Only(a, "base", "size");
                    var area = AreaOf(a);
                    if (areas.Any(x => x.Overlaps(area))) throw Error(a, $"the area {area} overlaps another option-byte area");
                    areas.Add(area);
                }
            }
            var complement = o["complement"] is JsonNode c
                ? (OneOf(c, "byte", "halfword") == "byte" ? OptionComplement.Byte : OptionComplement.Halfword)
                : OptionComplement.None;
            uint programOffset = 0;
            if (o["programOffset"] is JsonNode po)
            {
                programOffset = Address(po);
                if (programOffset == 0 || (programOffset & 3) != 0 || programOffset > 0x100) throw Error(po, "the program offset is a whole number of words, 4..256 bytes");
            }
            var fieldNodes = o["fields"] is JsonNode f ? Array(f) : System.Array.Empty<JsonNode>();
            var fields = fieldNodes.Select(n => Field(n, areas, complement, programOffset)).ToList();
            CheckFields(fields, fieldNodes);
            var rules = o["rules"] is JsonNode r ? Array(r).Select(n => Rule(n, fields)).ToList() : new List<OptionRuleDefinition>();
            var source = o["source"] is JsonNode s ? Text(s) : null;
            var notes = o["notes"] is JsonNode nt ? Text(nt) : null;
            return new OptionByteMap(areas, fields, rules, complement, programOffset, source, notes);
        }

        private static AddressRange AreaOf(JsonNode node)
        {
            var start = Address(Required(node, "base"));
            var size = Size(Required(node, "size"));
            if (size <= 0) throw Error(node, "an option-byte area is at least one byte");
            if ((ulong)start + (ulong)size > AddressRange.AddressSpaceEnd) throw Error(node, "the area runs past the 32-bit address space");
            return AddressRange.FromLength(start, size);
        }

        private static OptionFieldDefinition Field(JsonNode n, IReadOnlyList<AddressRange> areas, OptionComplement complement, uint programOffset)
        {
            Only(n, "name", "address", "bit", "width", "factory", "group", "values", "levels", "addressing", "protects", "readOnly", "note");
            var p = new OptionFieldParts { Name = Name(Required(n, "name")) };
            if (!p.Name.All(ch => char.IsLetterOrDigit(ch) || ch == '_')) throw Error(n["name"]!, "a field name has letters, digits and _ only");
            p.Address = Address(Required(n, "address"));
            if ((p.Address & 3) != 0) throw Error(n["address"]!, "a field is given in a word-aligned 32-bit word");
            if (!areas.Any(a => a.Contains(AddressRange.FromLength(p.Address, 4))))
                throw Error(n["address"]!, $"0x{p.Address:X8} is not in an option-byte area ({AddressRange.Describe(areas)})");
            if (programOffset > 0 && !areas.Any(a => a.Contains(AddressRange.FromLength(p.Address + programOffset, 4))))
                throw Error(n["address"]!, $"the word written for it, 0x{p.Address + programOffset:X8}, is not in an option-byte area");
            var bit = Address(Required(n, "bit"));
            var width = n["width"] is JsonNode w ? Address(w) : 1;
            if (bit > 31) throw Error(n["bit"]!, "a bit of a 32-bit word is 0..31");
            if (width < 1 || bit + width > 32) throw Error(n["width"] ?? n["bit"]!, "a field has 1 to 32 bits and ends within its word");
            p.Bit = (int)bit;
            p.Width = (int)width;
            var max = width == 32 ? uint.MaxValue : (1u << (int)width) - 1;
            if (complement == OptionComplement.Byte && (p.Bit / 8 % 2 != 0 || (p.Bit + p.Width - 1) / 8 != p.Bit / 8))
                throw Error(n["bit"]!, "with byte complements a field lies within byte 0 or byte 2 of its word (bytes 1 and 3 hold the complements)");
            if (complement == OptionComplement.Halfword && p.Bit + p.Width > 16)
                throw Error(n["bit"]!, "with halfword complements a field lies within bits 0..15 (bits 16..31 hold the complement)");
            if (n["factory"] is JsonNode fac) p.Factory = Within(fac, max, p.Name);
            if (n["group"] is JsonNode g) p.Group = OneOf(g, Groups);
            if (n["values"] is JsonNode vs)
            {
                p.Values = Object(vs).Members.Select(m => new OptionFieldValue(
                    m.Key == "*" ? (uint?)null : WithinKey(m.Key, vs, max, p.Name), Text(m.Value))).ToArray();
            }
            if (n["levels"] is JsonNode lv)
            {
                var levels = Object(lv).Members.Select(m =>
                {
                    if (!Levels.Contains(m.Key)) throw Error(m.Value, $"\"{m.Key}\" is not a readout-protection level ({string.Join(", ", Levels)})");
                    return new KeyValuePair<string, uint>(m.Key, Within(m.Value, max, p.Name));
                }).ToArray();
                if (!levels.Any(l => l.Key == "0") || !levels.Any(l => l.Key == "1")) throw Error(lv, "\"levels\" gives at least the values of levels 0 and 1");
                if (levels.Select(l => l.Value).Distinct().Count() != levels.Length) throw Error(lv, "two levels have the same value");
                p.ReadoutLevels = levels;
            }
            if (n["addressing"] is JsonNode ad)
            {
                Only(ad, "base", "step");
                var step = Address(Required(ad, "step"));
                if (step == 0) throw Error(ad["step"]!, "the step is at least 1 byte");
                p.Addressing = new OptionFieldAddressing(Address(Required(ad, "base")), step);
            }
            if (n["protects"] is JsonNode pr) p.Protection = Protection(pr);
            p.ReadOnly = n["readOnly"] is JsonNode ro && Boolean(ro);
            p.Note = n["note"] is JsonNode note ? Text(note) : null;
            return new OptionFieldDefinition(p);
        }

        private static OptionFieldProtection Protection(JsonNode pr)
        {
            if (pr["edge"] != null)
            {
                Only(pr, "bank", "area", "edge");
                var bank = Address(Required(pr, "bank"));
                if (bank < 1 || bank > 2) throw Error(pr["bank"]!, "a bank is 1 or 2");
                return OptionFieldProtection.AreaEdge((int)bank, Name(Required(pr, "area")), OneOf(pr["edge"]!, "start", "end") == "start");
            }
            Only(pr, "firstGroup", "pagesPerBit", "lastBitToEnd");
            var first = Address(Required(pr, "firstGroup"));
            var perBit = Address(Required(pr, "pagesPerBit"));
            if (first > 255) throw Error(pr["firstGroup"]!, "a group number is 0..255");
            if (perBit < 1 || perBit > 256) throw Error(pr["pagesPerBit"]!, "a bit protects 1..256 pages");
            return OptionFieldProtection.MaskBits((int)first, (int)perBit, pr["lastBitToEnd"] is JsonNode last && Boolean(last));
        }

        private static void CheckFields(IReadOnlyList<OptionFieldDefinition> fields, IReadOnlyList<JsonNode> nodes)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var f = fields[i];
                for (var j = 0; j < i; j++)
                {
                    var other = fields[j];
                    if (string.Equals(other.Name, f.Name, StringComparison.OrdinalIgnoreCase))
                        throw Error(nodes[i], $"the field {f.Name} is defined twice");
                    if (other.Address == f.Address && (other.Mask & f.Mask) != 0)
                        throw Error(nodes[i], $"{f} overlaps {other}");
                }
            }
            if (fields.Count(f => f.ReadoutLevels != null) > 1)
                throw Error(nodes[fields.ToList().FindLastIndex(f => f.ReadoutLevels != null)], "only one field gives readout-protection \"levels\"");
            foreach (var group in fields.Where(f => f.Protection is { IsArea: true }).GroupBy(f => (f.Protection!.Bank, f.Protection.Area)))
            {
                if (group.Count(f => f.Protection!.IsStart) != 1 || group.Count(f => !f.Protection!.IsStart) != 1)
                    throw Error(nodes[fields.ToList().IndexOf(group.First())], $"the protected area {group.Key.Area} of bank {group.Key.Bank} needs one start and one end field");
            }
        }

        private static OptionRuleDefinition Rule(JsonNode n, IReadOnlyList<OptionFieldDefinition> fields)
        {
            Only(n, "when", "risk", "why", "unlessFlashEmpty");
            var conditions = Object(Required(n, "when")).Members.Select(m =>
            {
                var field = fields.FirstOrDefault(f => string.Equals(f.Name, m.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw Error(m.Value, $"\"{m.Key}\" is not a field of these option bytes");
                var negated = m.Value.Kind == JsonKind.Object;
                JsonNode list = m.Value;
                if (negated)
                {
                    Only(m.Value, "not");
                    list = Required(m.Value, "not");
                }
                var values = (list.Kind == JsonKind.Array ? list.Items : new[] { list }).Select(v => Within(v, field.Max, field.Name)).ToArray();
                if (values.Length == 0) throw Error(list, "a condition names at least one value");
                return new OptionCondition(field.Name, values, negated);
            }).ToList();
            if (conditions.Count == 0) throw Error(n["when"]!, "a rule has at least one condition");
            var risk = OneOf(Required(n, "risk"), "irreversible", "trustZone", "bootloaderLockout") switch
            {
                "irreversible" => OptionRisk.Irreversible,
                "trustZone" => OptionRisk.TrustZone,
                _ => OptionRisk.BootloaderLockout,
            };
            return new OptionRuleDefinition(conditions, risk, Text(Required(n, "why")), n["unlessFlashEmpty"] is JsonNode e && Boolean(e));
        }

        // A layout option bit and a field of the same name describe the same bit.
        private static void AgreeWithFields(JsonNode? node, IReadOnlyList<OptionBitDefinition> bits, OptionByteMap map)
        {
            foreach (var bit in bits)
            {
                var field = map.Field(bit.Name);
                if (field is null) continue;
                var where = node![bit.Name]!;
                if (field.Address != bit.Address || field.Bit != bit.Bit || field.Width != 1)
                    throw Error(where, $"the option bit {bit} is not where the field {field} of \"optionBytes\" is");
                if (field.Factory.HasValue && field.Factory.Value != (uint)bit.Factory)
                    throw Error(where, $"the option bit {bit.Name} has factory value {bit.Factory}, its field in \"optionBytes\" {field.Factory}");
            }
        }

        private static uint Within(JsonNode node, uint max, string field)
        {
            var v = Address(node);
            if (v > max) throw Error(node, $"0x{v:X} does not fit in {field} (at most 0x{max:X})");
            return v;
        }

        private static uint WithinKey(string key, JsonNode values, uint max, string field)
        {
            var t = key.Trim();
            uint v;
            var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? uint.TryParse(t.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out v)
                : uint.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v);
            if (!ok) throw Error(values, $"\"{key}\" is not a value (\"0x1F\", a decimal integer, or \"*\" for any other value)");
            if (v > max) throw Error(values, $"the value \"{key}\" does not fit in {field} (at most 0x{max:X})");
            return v;
        }
    }
}
