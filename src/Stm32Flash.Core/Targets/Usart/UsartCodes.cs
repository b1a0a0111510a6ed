namespace Stm32Flash.Targets.Usart
{
    /// <summary>The byte values of the USART bootloader protocol (AN3155).</summary>
    public static class UsartCodes
    {
        public const byte Ack = 0x79;
        public const byte Nack = 0x1F;

        /// <summary>Sent once after reset so the device can measure the baud rate.</summary>
        public const byte Init = 0x7F;

        public const byte Get = 0x00;
        public const byte GetVersion = 0x01;
        public const byte GetId = 0x02;
        public const byte ReadMemory = 0x11;
        public const byte Go = 0x21;
        public const byte WriteMemory = 0x31;
        public const byte Erase = 0x43;
        public const byte ExtendedErase = 0x44;
        public const byte WriteProtect = 0x63;
        public const byte WriteUnprotect = 0x73;
        public const byte ReadoutProtect = 0x82;
        public const byte ReadoutUnprotect = 0x92;
        public const byte GetChecksum = 0xA1;

        /// <summary>Not a command: sent with its complement (0xFF 0x00) it always draws NACK, which resynchronises a host with the device.</summary>
        public const byte Invalid = 0xFF;

        /// <summary>Extended Erase's special page counts.</summary>
        public const ushort MassEraseCode = 0xFFFF;
        public const ushort Bank1EraseCode = 0xFFFE;
        public const ushort Bank2EraseCode = 0xFFFD;

        public static string Name(byte command) => command switch
        {
            Init => "Init (0x7F)",
            Get => "Get",
            GetVersion => "Get Version",
            GetId => "Get ID",
            ReadMemory => "Read Memory",
            Go => "Go",
            WriteMemory => "Write Memory",
            Erase => "Erase",
            ExtendedErase => "Extended Erase",
            WriteProtect => "Write Protect",
            WriteUnprotect => "Write Unprotect",
            ReadoutProtect => "Readout Protect",
            ReadoutUnprotect => "Readout Unprotect",
            GetChecksum => "Get Checksum",
            _ => $"command 0x{command:X2}",
        };

        /// <summary>"ACK (0x79)", "NACK (0x1F)" or the byte in hex.</summary>
        public static string Reply(byte reply) => reply switch
        {
            Ack => "ACK (0x79)",
            Nack => "NACK (0x1F)",
            _ => $"0x{reply:X2}",
        };
    }
}
