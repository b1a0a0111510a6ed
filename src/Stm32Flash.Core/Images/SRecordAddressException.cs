using System;

namespace Stm32Flash.Images
{
    /// <summary>An address that does not fit the S-record address width asked for (S1 16-bit, S2 24-bit, S3 32-bit).</summary>
    public sealed class SRecordAddressException : ArgumentException
    {
        public SRecordAddressException(uint address, int addressBytes, int requiredAddressBytes)
            : base($"Address 0x{address:X8} does not fit the {8 * addressBytes}-bit addresses of S{addressBytes - 1} records; " +
                   $"it needs {8 * requiredAddressBytes}-bit addresses (S{requiredAddressBytes - 1} records).")
        {
            Address = address;
            AddressBytes = addressBytes;
            RequiredAddressBytes = requiredAddressBytes;
        }

        /// <summary>The highest address to write: the last data byte or the start address.</summary>
        public uint Address { get; }

        /// <summary>The width asked for: 2 (S1/S9), 3 (S2/S8) or 4 (S3/S7).</summary>
        public int AddressBytes { get; }

        /// <summary>The narrowest width that holds <see cref="Address"/>.</summary>
        public int RequiredAddressBytes { get; }
    }
}
