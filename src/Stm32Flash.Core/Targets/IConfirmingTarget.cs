namespace Stm32Flash.Targets
{
    /// <summary>
    /// A target whose acknowledgement of a write is not final on its own: the USART bootloader's ACK to a block that a
    /// stray byte shifted (and whose 8-bit checksum still passed) is only shown wrong by the next exchange. A writer calls
    /// <see cref="ConfirmWrites"/> after its last write.
    /// </summary>
    public interface IConfirmingTarget
    {
        /// <summary>Makes sure the writes acknowledged so far hold what was sent; throws <see cref="TargetException"/> when one does not.</summary>
        void ConfirmWrites();
    }
}
