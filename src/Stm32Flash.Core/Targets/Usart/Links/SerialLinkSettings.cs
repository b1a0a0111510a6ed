using System;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>Parity of the serial framing. The STM32 bootloader uses even parity; pseudo-terminals carry no parity bit.</summary>
    public enum SerialParity
    {
        Even,
        None,
    }

    /// <summary>Which port and how: 8 data bits, 1 stop bit, even parity or none.</summary>
    public sealed class SerialLinkSettings
    {
        public SerialLinkSettings(string port, int baudRate = 115200, SerialParity parity = SerialParity.Even)
        {
            if (string.IsNullOrWhiteSpace(port)) throw new ArgumentException("A port name is needed, e.g. COM5 or /dev/ttyUSB0.", nameof(port));
            if (baudRate <= 0) throw new ArgumentOutOfRangeException(nameof(baudRate), "The baud rate must be positive.");
            Port = port;
            BaudRate = baudRate;
            Parity = parity;
        }

        public string Port { get; }

        public int BaudRate { get; }

        public SerialParity Parity { get; }

        /// <summary>"8E1" or "8N1".</summary>
        public string Framing => Parity == SerialParity.Even ? "8E1" : "8N1";

        /// <summary>Bits on the wire per byte: start, 8 data, parity, stop.</summary>
        public int BitsPerByte => Parity == SerialParity.Even ? 11 : 10;

        public int BytesPerSecond => BaudRate / BitsPerByte;

        public override string ToString() => $"{Port} at {BaudRate} {Framing}";
    }
}
