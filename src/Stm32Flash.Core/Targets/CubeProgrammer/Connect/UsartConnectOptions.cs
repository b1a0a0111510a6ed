using System;
using System.Globalization;
using Stm32Flash.Devices;

namespace Stm32Flash.Targets.CubeProgrammer
{
    /// <summary>The USART bootloader on a serial port (the CLI's port=COMx|/dev/ttyX br= P= db= sb= fc=).</summary>
    public sealed class UsartConnectOptions : CubeProgrammerConnectOptions
    {
        public override TargetInterface Interface => TargetInterface.Usart;

        public string PortName { get; set; } = "";

        public uint BaudRate { get; set; } = 115200;

        /// <summary>The bootloader's frame has even parity.</summary>
        public UsartParity Parity { get; set; } = UsartParity.Even;

        public byte DataBits { get; set; } = 8;

        /// <summary>1, 1.5 or 2.</summary>
        public float StopBits { get; set; } = 1;

        public UsartFlowControl FlowControl { get; set; } = UsartFlowControl.Off;

        /// <summary>The RTS line's level (statusRTS).</summary>
        public bool Rts { get; set; }

        /// <summary>The DTR line's level (statusDTR).</summary>
        public bool Dtr { get; set; }

        /// <summary>Delay between the RTS and DTR changes; the field exists from API 2.19 on and is ignored before.</summary>
        public int DelayRtsDtr { get; set; }

        /// <summary>Connect without the 0x7F init sequence (noinitBits), for a bootloader already synchronised.</summary>
        public bool NoInit { get; set; }

        /// <summary>Ask the library to remove readout protection while connecting (rdu); this mass-erases flash.</summary>
        public bool ReadoutUnprotect { get; set; }

        public override void Validate()
        {
            if (string.IsNullOrWhiteSpace(PortName)) throw new ArgumentException("PortName is required (COM3, /dev/ttyUSB0 ...).", nameof(PortName));
            if (BaudRate == 0) throw new ArgumentException("BaudRate must be positive.", nameof(BaudRate));
            if (DataBits < 6 || DataBits > 8) throw new ArgumentException($"DataBits must be 6, 7 or 8 ({DataBits}).", nameof(DataBits));
            if (StopBits != 1f && StopBits != 1.5f && StopBits != 2f) throw new ArgumentException($"StopBits must be 1, 1.5 or 2 ({StopBits}).", nameof(StopBits));
            if (DelayRtsDtr < 0) throw new ArgumentException("DelayRtsDtr must be 0 or more.", nameof(DelayRtsDtr));
        }

        public override string Describe() =>
            $"port={PortName} br={BaudRate} P={Parity.ToString().ToUpperInvariant()} db={DataBits} " +
            $"sb={StopBits.ToString(CultureInfo.InvariantCulture)} fc={FlowControl.ToString().ToUpperInvariant()}" +
            (Rts ? " rts=high" : "") + (Dtr ? " dtr=high" : "") + (NoInit ? " noinit=1" : "");
    }
}
