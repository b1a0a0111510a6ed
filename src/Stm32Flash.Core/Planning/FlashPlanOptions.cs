namespace Stm32Flash.Planning
{
    /// <summary>Choices that shape a flash plan.</summary>
    public sealed class FlashPlanOptions
    {
        /// <summary>The programming unit to align and pad to; null means the device's unit (at least 4 bytes on bootloader interfaces).</summary>
        public int? Pad { get; set; }

        /// <summary>Program without erasing first (for parts erased beforehand).</summary>
        public bool SkipErase { get; set; }

        /// <summary>Read the bytes of touched pages that the image does not cover and write them back.</summary>
        public bool PreserveUnwritten { get; set; }

        /// <summary>Compare each touched page with the device first and leave matching pages alone.</summary>
        public bool Incremental { get; set; }

        /// <summary>Verify each written block after programming (device CRC where offered, else read-back).</summary>
        public bool Verify { get; set; }
    }
}
