namespace Stm32Flash.Planning
{
    /// <summary>How a running plan failed.</summary>
    public enum FlashFailure
    {
        /// <summary>The device (or the link) reported an error: see the target exception's kind.</summary>
        Device,
        /// <summary>Verification found bytes on the device that differ from the image.</summary>
        VerifyMismatch,
        /// <summary>The caller cancelled between chunks.</summary>
        Cancelled,
    }
}
