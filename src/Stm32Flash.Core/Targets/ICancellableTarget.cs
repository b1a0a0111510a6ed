namespace Stm32Flash.Targets
{
    /// <summary>
    /// A target whose single operations can run long (a mass erase, a large transfer inside a vendor library) and can be
    /// aborted from another thread, e.g. when the user presses Ctrl+C.
    /// </summary>
    public interface ICancellableTarget
    {
        /// <summary>
        /// Asks the operation in progress to stop; it then throws <see cref="System.OperationCanceledException"/> if the
        /// device link gave up on it. Callable from any thread; does nothing when no operation is in progress.
        /// </summary>
        void CancelCurrentOperation();
    }
}
