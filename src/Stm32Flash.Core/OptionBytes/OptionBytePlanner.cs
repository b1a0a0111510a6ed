using System;
using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>Checks a change of option bytes against the product's field map and works out what to write.</summary>
    public static class OptionBytePlanner
    {
        /// <summary>
        /// The plan that sets each named field to its value in the option bytes <paramref name="current"/> holds. Refuses
        /// (<see cref="OptionByteException"/>) a field the map lacks or the chip sets itself, and a value the field cannot take.
        /// <paramref name="maxWrite"/> is the largest write the interface takes.
        /// </summary>
        public static OptionBytePlan Plan(DeviceInfo device, OptionByteImage current, IEnumerable<KeyValuePair<string, uint>> settings, int maxWrite = 256)
        {
            var map = device.OptionByteMap;
            if (!map.HasFields)
            {
                throw new OptionByteException(OptionByteError.NoFieldMap,
                    $"The catalog has no field map of {device.Name}'s option bytes ({device.Family}), so it cannot set fields by name.", null, null,
                    "Describe the fields in a definition file (\"fields\" of \"optionBytes\", Get-Help about_Stm32Flash_Devices) and give it to Add-Stm32Device.");
            }
            var after = current.Clone();
            var named = new List<OptionFieldDefinition>();
            foreach (var s in settings)
            {
                var field = map.Field(s.Key) ?? throw Unknown(device, s.Key);
                if (field.ReadOnly)
                    throw new OptionByteException(OptionByteError.ReadOnlyField, $"{device.Name}: {field.Name} is set by the chip itself; a host cannot change it.", field.Name);
                if (!field.Accepts(s.Value)) throw Refused(device, field, s.Value);
                after.SetWord(field.Address, field.Apply(after.Word(field.Address), s.Value));
                if (!named.Contains(field)) named.Add(field);
            }
            after.Complement(map.Complement);
            var before = OptionByteDecoder.Decode(device, current).ToDictionary(f => f.Name);
            var then = OptionByteDecoder.Decode(device, after).ToDictionary(f => f.Name);
            var changes = named.OrderBy(f => map.Fields.ToList().IndexOf(f)).Select(f => new OptionByteChange(before[f.Name], then[f.Name])).ToList();
            var valuesBefore = OptionByteDecoder.Values(map, current);
            var valuesAfter = OptionByteDecoder.Values(map, after);
            var risks = map.Rules.Where(r => r.Holds(valuesAfter) && !r.Holds(valuesBefore)).ToList();
            return new OptionBytePlan(device, current, after, changes, risks, Writes(map, current, after, maxWrite));
        }

        // Per area: the words from the first that changes to the last, or (where fields are written to programming registers
        // next to the ones read) each changed word on its own, cut to what one write takes.
        private static IReadOnlyList<OptionByteWrite> Writes(OptionByteMap map, OptionByteImage before, OptionByteImage after, int maxWrite)
        {
            var writes = new List<OptionByteWrite>();
            var limit = Math.Max(4, maxWrite & ~3);
            for (var i = 0; i < before.Areas.Count; i++)
            {
                var area = before.Areas[i];
                var old = before.AreaBytes(i);
                var now = after.AreaBytes(i);
                var changed = Enumerable.Range(0, old.Length / 4).Where(w => BitConverter.ToUInt32(old, w * 4) != BitConverter.ToUInt32(now, w * 4)).ToList();
                if (changed.Count == 0) continue;
                if (map.ProgramOffset > 0)
                {
                    writes.AddRange(changed.Select(w => new OptionByteWrite(area.Start + (uint)(w * 4) + map.ProgramOffset, now.AsSpan(w * 4, 4).ToArray())));
                    continue;
                }
                for (var from = changed.First() * 4; from <= changed.Last() * 4; from += limit)
                {
                    var length = Math.Min(limit, changed.Last() * 4 + 4 - from);
                    writes.Add(new OptionByteWrite(area.Start + (uint)from, now.AsSpan(from, length).ToArray()));
                }
            }
            return writes;
        }

        private static OptionByteException Unknown(DeviceInfo device, string name)
        {
            var fields = device.OptionByteMap.Fields;
            var near = fields.Where(f => f.Name.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf(f.Name, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(f => f.Name).ToList();
            return new OptionByteException(OptionByteError.UnknownField,
                $"{device.Name} has no option-byte field '{name}'{(near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : ".")} " +
                $"Its fields: {string.Join(", ", fields.Where(f => !f.ReadOnly).Select(f => f.Name))}.", name);
        }

        private static OptionByteException Refused(DeviceInfo device, OptionFieldDefinition field, uint value)
        {
            var allowed = value > field.Max
                ? $"{field.Name} has {field.Width} bit{(field.Width == 1 ? "" : "s")}, so it takes 0..{OptionByte.Text(field, field.Max)}"
                : $"{field.Name} takes {string.Join(", ", field.Values.Where(v => v.Value.HasValue).Select(v => $"{OptionByte.Text(field, v.Value!.Value)} ({v.Meaning})"))}";
            return new OptionByteException(OptionByteError.ValueRefused, $"{device.Name}: {OptionByte.Text(field, value)} is not a value of {field.Name}: {allowed}.", field.Name);
        }
    }
}
