using System.Collections.Generic;
using System.Linq;

namespace Stm32Flash.Devices.Definitions
{
    /// <summary>What a change of option bytes risks, each refused unless the user says they mean it.</summary>
    public enum OptionRisk
    {
        /// <summary>Cannot be undone at all (readout protection level 2).</summary>
        Irreversible,
        /// <summary>TrustZone on: undoing it takes a readout-protection regression, which erases the flash.</summary>
        TrustZone,
        /// <summary>The chip no longer starts its bootloader, so this connection cannot come back.</summary>
        BootloaderLockout,
    }

    /// <summary>
    /// A combination of option values that brings a risk: every condition of <see cref="When"/> holds. A change is refused
    /// when a rule holds after it and did not before.
    /// </summary>
    public sealed class OptionRuleDefinition
    {
        public OptionRuleDefinition(IEnumerable<OptionCondition> when, OptionRisk risk, string why, bool unlessFlashEmpty)
        {
            When = when.ToArray();
            Risk = risk;
            Why = why;
            UnlessFlashEmpty = unlessFlashEmpty;
        }

        public IReadOnlyList<OptionCondition> When { get; }

        public OptionRisk Risk { get; }

        /// <summary>What happens to the chip, in words for an error message.</summary>
        public string Why { get; }

        /// <summary>The chip still starts its bootloader while its flash is empty (an empty-flash check, as on G0 and C0).</summary>
        public bool UnlessFlashEmpty { get; }

        public bool Holds(IReadOnlyDictionary<string, uint> values) => When.All(c => values.TryGetValue(c.Field, out var v) && c.Matches(v));

        /// <summary>"nSWBOOT0 = 0 with nBOOT0 = 1".</summary>
        public override string ToString() => string.Join(" with ", When);
    }

    /// <summary>A field equal to one of <see cref="Values"/> (or, negated, to none of them).</summary>
    public sealed class OptionCondition
    {
        public OptionCondition(string field, IEnumerable<uint> values, bool negated)
        {
            Field = field;
            Values = values.ToArray();
            Negated = negated;
        }

        public string Field { get; }

        public IReadOnlyList<uint> Values { get; }

        public bool Negated { get; }

        public bool Matches(uint value) => Values.Contains(value) != Negated;

        public override string ToString() =>
            $"{Field} {(Negated ? "other than" : "=")} {string.Join(" or ", Values.Select(v => v <= 1 ? v.ToString() : $"0x{v:X}"))}";
    }
}
