using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// Timeouts and retries of the USART bootloader host. ST fixes no timeouts; the defaults follow stm32flash and the
    /// flash timings of the reference manuals, with margin. Every timeout counts from the moment the last byte of the request
    /// has left the wire (the link's byte rate is added for the bytes sent and expected).
    /// </summary>
    public sealed class UsartOptions
    {
        /// <summary>For an ACK to a command or an address, and for the replies of Get, Get ID, Read Memory.</summary>
        public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>For the ACK after a Write Memory data block (the device programs the block first).</summary>
        public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>For the ACK after a page erase: this much, plus <see cref="EraseTimePerKiB"/> for each KiB erased.</summary>
        public TimeSpan EraseTimeout { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Erase time allowed per KiB (a 128 KiB sector of an F4 or H7 takes up to 4 s, a 2 KiB page a few tens of ms).</summary>
        public TimeSpan EraseTimePerKiB { get; set; } = TimeSpan.FromMilliseconds(32);

        /// <summary>For the ACK after a mass or bank erase.</summary>
        public TimeSpan MassEraseTimeout { get; set; } = TimeSpan.FromSeconds(35);

        /// <summary>For Readout Unprotect, which mass-erases before it answers.</summary>
        public TimeSpan ReadoutUnprotectTimeout { get; set; } = TimeSpan.FromSeconds(35);

        /// <summary>For Write Protect, Write Unprotect and Readout Protect, which program option bytes.</summary>
        public TimeSpan ProtectTimeout { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>For Get Checksum's result: this much plus <see cref="ChecksumTimePerMiB"/> for each MiB.</summary>
        public TimeSpan ChecksumTimeout { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan ChecksumTimePerMiB { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>How long a device takes to come back in the bootloader after the reset that follows a protection command.</summary>
        public TimeSpan RestartTime { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// How long resynchronisation keeps trying to bring a device back to a command boundary: long enough for a device
        /// busy with a request the host gave up on (a late answer, a slow write) to finish it.
        /// </summary>
        public TimeSpan ResyncTimeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Further attempts at a transfer after a NACK or a timeout on the line (0 = none), by <see cref="RetryPolicy"/>.</summary>
        public int Retries { get; set; } = RetryPolicy.DefaultRetries;

        public UsartOptions Clone() => (UsartOptions)MemberwiseClone();

        internal void Validate()
        {
            if (AnswerTimeout <= TimeSpan.Zero || WriteTimeout <= TimeSpan.Zero || EraseTimeout <= TimeSpan.Zero || MassEraseTimeout <= TimeSpan.Zero
                || ReadoutUnprotectTimeout <= TimeSpan.Zero || ProtectTimeout <= TimeSpan.Zero || ChecksumTimeout <= TimeSpan.Zero
                || ResyncTimeout < TimeSpan.Zero)
                throw new ArgumentException("Every USART timeout must be positive.");
            if (Retries < 0) throw new ArgumentException("Retries cannot be negative.");
        }
    }
}
