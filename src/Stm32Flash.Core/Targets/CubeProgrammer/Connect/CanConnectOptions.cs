using System;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>
    /// The CAN bootloader through an STLINK-V3 bridge. Defaults are the header's recommended values (br=125000, mode=0,
    /// ide=0, rtr=0, fifo=0, fm=0, fs=1, fe=1, fbn=0); the bootloader needs standard identifiers and an active filter.
    /// </summary>
    public sealed class CanConnectOptions : CubeProgrammerConnectOptions
    {
        public override TargetInterface Interface => TargetInterface.Can;

        /// <summary>Bit rate in bit/s (125000, 250000, 500000, 1000000).</summary>
        public int BitRate { get; set; } = 125000;

        /// <summary>0 normal, 1 loopback, 2 silent, 3 silent loopback.</summary>
        public int Mode { get; set; }

        public bool ExtendedIdentifiers { get; set; }

        public bool RemoteFrames { get; set; }

        /// <summary>Receive FIFO 0 or 1.</summary>
        public int Fifo { get; set; }

        /// <summary>Filter in list mode rather than mask mode.</summary>
        public bool FilterListMode { get; set; }

        /// <summary>32-bit filter scale (fs=1) rather than 16-bit.</summary>
        public bool FilterScale32 { get; set; } = true;

        public bool FilterEnabled { get; set; } = true;

        /// <summary>Filter bank, 0 to 13.</summary>
        public byte FilterBank { get; set; }

        public override void Validate()
        {
            if (BitRate <= 0) throw new ArgumentException("BitRate must be positive.", nameof(BitRate));
            if (Mode < 0 || Mode > 3) throw new ArgumentException($"Mode must be 0 to 3 ({Mode}).", nameof(Mode));
            if (Fifo != 0 && Fifo != 1) throw new ArgumentException($"Fifo must be 0 or 1 ({Fifo}).", nameof(Fifo));
            if (FilterBank > 13) throw new ArgumentException($"FilterBank must be 0 to 13 ({FilterBank}).", nameof(FilterBank));
        }

        public override string Describe() => $"port=CAN br={BitRate} ide={(ExtendedIdentifiers ? "EXTENDED" : "STANDARD")} fbn={FilterBank}";
    }
}
