namespace Stm32Flash.Planning
{
    public enum FlashStepKind
    {
        /// <summary>Compare pages with the device to skip those that already match (incremental mode).</summary>
        Compare,
        /// <summary>Read bytes of touched pages that the image does not cover, to write them back.</summary>
        Preserve,
        Erase,
        Program,
        Verify,
    }
}
