using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// The SPI bootloader through an STLINK-V3 bridge. Defaults are the header's recommended values (baudrate=375, crcPol=7,
    /// direction=0, cpha=0, cpol=0, crc=0, firstBit=1, frameFormat=0, dataSize=1, mode=1, nss=1, nssPulse=1, delay=1).
    /// </summary>
    public sealed class SpiConnectOptions : CubeProgrammerConnectOptions
    {
        public override TargetInterface Interface => TargetInterface.Spi;

        /// <summary>Clock in kHz: 187, 375, 750, 1500, 3000, 6000 or 12000.</summary>
        public uint BaudRateKHz { get; set; } = 375;

        public ushort CrcPolynomial { get; set; } = 7;

        /// <summary>0 two-line full duplex, 1 two-line receive only, 2 one-line receive, 3 one-line transmit.</summary>
        public int Direction { get; set; }

        /// <summary>Clock phase: false first edge, true second edge.</summary>
        public bool SecondEdge { get; set; }

        /// <summary>Clock polarity: false low, true high.</summary>
        public bool ClockHigh { get; set; }

        public bool Crc { get; set; }

        /// <summary>Most significant bit first (firstBit=1).</summary>
        public bool MsbFirst { get; set; } = true;

        /// <summary>TI frame format instead of Motorola.</summary>
        public bool TiFrameFormat { get; set; }

        /// <summary>8-bit frames (dataSize=1) rather than 16-bit.</summary>
        public bool EightBitFrames { get; set; } = true;

        /// <summary>The host is master (mode=1).</summary>
        public bool Master { get; set; } = true;

        /// <summary>Hardware NSS (nss=1) rather than software.</summary>
        public bool HardwareNss { get; set; } = true;

        public bool NssPulse { get; set; } = true;

        /// <summary>Insert at least 4 µs between frames (delay=1).</summary>
        public bool Delay { get; set; } = true;

        public override void Validate()
        {
            var allowed = new uint[] { 187, 375, 750, 1500, 3000, 6000, 12000 };
            if (Array.IndexOf(allowed, BaudRateKHz) < 0) throw new ArgumentException($"BaudRateKHz must be one of {string.Join(", ", allowed)} ({BaudRateKHz}).", nameof(BaudRateKHz));
            if (Direction < 0 || Direction > 3) throw new ArgumentException($"Direction must be 0 to 3 ({Direction}).", nameof(Direction));
        }

        public override string Describe() => $"port=SPI br={BaudRateKHz} cpha={(SecondEdge ? 1 : 0)} cpol={(ClockHigh ? 1 : 0)} mode={(Master ? "master" : "slave")}";
    }
}
