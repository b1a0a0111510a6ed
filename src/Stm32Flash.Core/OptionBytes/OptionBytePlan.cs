using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    /// <summary>
    /// A change of option bytes worked out before anything is written: the fields as they are and will be, the risks the
    /// new values bring that the old ones did not, and the writes that make it (each one ends in a reset of the chip).
    /// </summary>
    public sealed class OptionBytePlan
    {
        internal OptionBytePlan(DeviceInfo device, OptionByteImage before, OptionByteImage after, IReadOnlyList<OptionByteChange> changes,
            IReadOnlyList<OptionRuleDefinition> risks, IReadOnlyList<OptionByteWrite> writes)
        {
            Device = device;
            Before = before;
            After = after;
            Changes = changes;
            Risks = risks;
            Writes = writes;
        }

        public DeviceInfo Device { get; }

        public OptionByteImage Before { get; }

        public OptionByteImage After { get; }

        /// <summary>The fields named in the change, before and after (some may keep their value).</summary>
        public IReadOnlyList<OptionByteChange> Changes { get; }

        /// <summary>The rules that hold after the change and did not before.</summary>
        public IReadOnlyList<OptionRuleDefinition> Risks { get; }

        public IReadOnlyList<OptionByteWrite> Writes { get; }

        public bool ChangesAnything => Writes.Count > 0;

        /// <summary>Throws <see cref="OptionByteException"/> for the first risk not in <paramref name="accepted"/>.</summary>
        public void EnsureAccepted(ICollection<OptionRisk> accepted)
        {
            var risk = Risks.FirstOrDefault(r => !accepted.Contains(r.Risk));
            if (risk is null) return;
            throw new OptionByteException(OptionByteError.Risk,
                $"{Device.Name}: {risk} is refused: {risk.Why}.", risk.When[0].Field, risk.Risk);
        }

        /// <summary>The change in words, one field a line: "nBOOT0: 1 (...) -> 0 (...)".</summary>
        public string Describe() => string.Join("\n", Changes.Select(c => c.ToString()));
    }

    /// <summary>One Write Memory to the option bytes: the chip programs them and resets.</summary>
    public sealed class OptionByteWrite
    {
        public OptionByteWrite(uint address, byte[] data)
        {
            Address = address;
            Data = data;
        }

        public uint Address { get; }

        public byte[] Data { get; }

        public AddressRange Range => AddressRange.FromLength(Address, Data.Length);

        public override string ToString() => $"{Data.Length} bytes at 0x{Address:X8}";
    }
}
