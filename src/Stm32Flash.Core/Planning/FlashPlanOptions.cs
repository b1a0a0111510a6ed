namespace Stm32Flash.Planning
{
    /// <summary>Choices that shape a flash plan.</summary>
    public sealed class FlashPlanOptions
    {
        /// <summary>
        /// The programming unit to align and pad to; null means the device's unit, and at least 4 bytes on the serial
        /// bootloaders (<see cref="FlashPlanner.DefaultUnit"/>). A smaller value is refused unless <see cref="AllowPartialUnits"/>.
        /// </summary>
        public int? Pad { get; set; }

        /// <summary>
        /// Plan with a <see cref="Pad"/> smaller than the device and interface need, so that writes cover programming units (or
        /// bootloader words) in part: the device then refuses them or programs them wrongly. For showing what a device does
        /// with such writes; never needed to flash an image.
        /// </summary>
        public bool AllowPartialUnits { get; set; }

        /// <summary>Program without erasing first (for parts erased beforehand).</summary>
        public bool SkipErase { get; set; }

        /// <summary>Read the bytes of touched pages that the image does not cover and write them back.</summary>
        public bool PreserveUnwritten { get; set; }

        /// <summary>Compare each touched page with the device first and leave matching pages alone.</summary>
        public bool Incremental { get; set; }

        /// <summary>Verify each written block after programming (device CRC where offered, else read-back).</summary>
        public bool Verify { get; set; }

        /// <summary>The options that are set, e.g. "Pad 8, PreserveUnwritten, Verify"; "defaults" when none is.</summary>
        public override string ToString()
        {
            var set = new System.Collections.Generic.List<string>();
            if (Pad.HasValue) set.Add($"Pad {Pad}");
            if (AllowPartialUnits) set.Add(nameof(AllowPartialUnits));
            if (SkipErase) set.Add(nameof(SkipErase));
            if (PreserveUnwritten) set.Add(nameof(PreserveUnwritten));
            if (Incremental) set.Add(nameof(Incremental));
            if (Verify) set.Add(nameof(Verify));
            return set.Count == 0 ? "defaults" : string.Join(", ", set);
        }
    }
}
