using System;

namespace Stm32Flash.Targets
{
    /// <summary>
    /// How a host tries a device transaction again after a failure that may pass (<see cref="TargetException.Transient"/>:
    /// no answer, a garbled answer, a NACK that noise can cause, BUSY). The USART host and the in-process simulator both run
    /// their transfers and erases through it, so a fault costs the same on either: at most <see cref="Retries"/> more
    /// attempts, then the last failure, which says how many attempts were made.
    /// </summary>
    public sealed class RetryPolicy
    {
        public const int DefaultRetries = 3;

        public RetryPolicy(int retries)
        {
            if (retries < 0) throw new ArgumentOutOfRangeException(nameof(retries), retries, "Retries cannot be negative.");
            Retries = retries;
        }

        /// <summary>Further attempts after the first one fails (0 = none).</summary>
        public int Retries { get; }

        /// <summary>
        /// Runs the transaction. After a transient failure, <paramref name="beforeRetry"/> gets the failure and the number of
        /// the attempt that failed, readies the link, and says whether to try again (false: the work turned out to be done).
        /// </summary>
        public void Run(Action transaction, Func<TargetException, int, bool> beforeRetry)
        {
            if (transaction is null) throw new ArgumentNullException(nameof(transaction));
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    transaction();
                    return;
                }
                catch (TargetException ex) when (ex.Transient)
                {
                    if (attempt > Retries)
                    {
                        ex.Attempts = attempt;
                        throw;
                    }
                    if (!beforeRetry(ex, attempt)) return;
                }
            }
        }
    }
}
