using System;
using System.Collections.Generic;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets
{
    /// <summary>
    /// One connected device, reached through some interface (simulator, USART bootloader, CubeProgrammer_API).
    /// Operations are synchronous and are called from one thread at a time. Each call is one device
    /// transaction: callers keep writes and reads within <see cref="TargetCapabilities.MaxWrite"/> and
    /// <see cref="TargetCapabilities.MaxRead"/>. Failures throw <see cref="TargetException"/>.
    /// </summary>
    public interface ITarget : IDisposable
    {
        DeviceInfo Device { get; }

        TargetInterface Interface { get; }

        /// <summary>A short human description, e.g. "simulated STM32L552 over USART" or "USART /dev/ttyUSB0 at 115200 8E1".</summary>
        string Description { get; }

        TargetCapabilities Capabilities { get; }

        /// <summary>Receives diagnostic messages (protocol traces, library log text). May be called on any thread.</summary>
        Action<TargetLogLevel, string>? Log { get; set; }

        void Read(uint address, Span<byte> destination);

        void Write(uint address, ReadOnlySpan<byte> data);

        /// <summary>Erases pages (or sectors) by the numbers in <see cref="FlashPage.Number"/>.</summary>
        void ErasePages(IReadOnlyList<int> pageNumbers);

        /// <summary>Erases one whole bank (1-based).</summary>
        void EraseBank(int bank);

        void MassErase();

        /// <summary>
        /// CRC-32/MPEG-2 of <paramref name="length"/> bytes (a multiple of 4) computed on the device,
        /// fed as little-endian 32-bit words. Only when <see cref="TargetCapabilities.CanChecksum"/>.
        /// </summary>
        uint Checksum(uint address, int length);

        /// <summary>Jumps to the application: loads SP from [address] and PC from [address + 4].</summary>
        void Go(uint address);

        void Reset();

        /// <summary>Enables readout protection (level 1). The device resets afterwards.</summary>
        void ReadoutProtect();

        /// <summary>Removes readout protection; the device mass-erases its flash first. The device resets afterwards.</summary>
        void ReadoutUnprotect();

        /// <summary>Write-protects the listed sectors or page groups (device-specific numbers). The device resets afterwards.</summary>
        void WriteProtect(IReadOnlyList<int> sectorNumbers);

        void WriteUnprotect();

        /// <summary>
        /// Writes option bytes: <paramref name="data"/> (whole words, at most <see cref="TargetCapabilities.MaxWrite"/>)
        /// inside one of <see cref="DeviceInfo.OptionByteAreas"/>. The chip programs them and resets to load them; the target
        /// is connected again afterwards and <see cref="Device"/> describes the chip as it now is (a bank-mode bit changes its
        /// layout). Only when <see cref="TargetCapabilities.CanWriteOptionBytes"/>.
        /// </summary>
        void WriteOptionBytes(uint address, ReadOnlySpan<byte> data);
    }
}
