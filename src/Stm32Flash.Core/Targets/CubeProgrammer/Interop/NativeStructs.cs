using System;
using System.Runtime.InteropServices;

// Layouts of CubeProgrammer_API's structs, offsets as in the reference (the 2.18 header, x64). Structs without
// pointers have the same layout on x86 and arm64 (every member is 4-byte aligned or smaller); the ones with
// pointers (dfuConnectParameters, displayCallBacks) are sequential so their pointers follow the process's size.
namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    [StructLayout(LayoutKind.Explicit, Size = 104)]
    internal unsafe struct FrequenciesNative
    {
        [FieldOffset(0)] public fixed uint JtagFreq[12];
        [FieldOffset(48)] public uint JtagFreqNumber;
        [FieldOffset(52)] public fixed uint SwdFreq[12];
        [FieldOffset(100)] public uint SwdFreqNumber;
    }

    /// <summary>debugConnectParameters as every supported version has it (board, DBG_Sleep and speed included): 312 bytes, the probe list's stride.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 312)]
    internal unsafe struct DebugConnectParametersNative
    {
        public const int SerialNumberLength = 33;
        public const int FirmwareVersionLength = 20;
        public const int TargetVoltageLength = 5;
        public const int BoardLength = 100;

        [FieldOffset(0)] public int DbgPort;
        [FieldOffset(4)] public int Index;
        [FieldOffset(8)] public fixed byte SerialNumber[SerialNumberLength];
        [FieldOffset(41)] public fixed byte FirmwareVersion[FirmwareVersionLength];
        [FieldOffset(61)] public fixed byte TargetVoltage[TargetVoltageLength];
        [FieldOffset(68)] public int AccessPortNumber;
        [FieldOffset(72)] public int AccessPort;
        [FieldOffset(76)] public int ConnectionMode;
        [FieldOffset(80)] public int ResetMode;
        [FieldOffset(84)] public int IsOldFirmware;
        [FieldOffset(88)] public FrequenciesNative Freq;
        [FieldOffset(192)] public int Frequency;
        [FieldOffset(196)] public int IsBridge;
        [FieldOffset(200)] public int Shared;
        [FieldOffset(204)] public fixed byte Board[BoardLength];
        [FieldOffset(304)] public int DbgSleep;
        [FieldOffset(308)] public int Speed;
    }

    /// <summary>
    /// usartConnectParameters for a library that may have either layout: 2.18's (132 bytes, noinitBits/rdu/tzenreg at 128)
    /// or 2.19's (136 bytes, int DelayRtsDtr at 128, the three bytes at 132). The three bytes are written at 128 and again at
    /// 132 (each followed by a zero byte), so both read the same noinitBits, rdu and tzenreg; a 2.19 library reads DelayRtsDtr
    /// as those four bytes, a delay of noinit + 256 * rdu + 65536 * tzenreg ms (0 unless they are set). 136 bytes passed by
    /// value to a 2.18 library is harmless: a struct this large goes in memory and the callee reads its 132-byte prefix.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 136)]
    internal unsafe struct UsartConnectParametersNative
    {
        public const int PortNameLength = 100;

        [FieldOffset(0)] public fixed byte PortName[PortNameLength];
        [FieldOffset(100)] public uint Baudrate;
        [FieldOffset(104)] public int Parity;
        [FieldOffset(108)] public byte DataBits;
        [FieldOffset(112)] public float StopBits;
        [FieldOffset(116)] public int FlowControl;
        [FieldOffset(120)] public int StatusRts;
        [FieldOffset(124)] public int StatusDtr;
        [FieldOffset(128)] public byte NoInitBits;
        [FieldOffset(129)] public byte Rdu;
        [FieldOffset(130)] public byte TzenReg;
        [FieldOffset(132)] public byte NoInitBits219;
        [FieldOffset(133)] public byte Rdu219;
        [FieldOffset(134)] public byte TzenReg219;

        public void SetTail(byte noInit, byte rdu, byte tzenReg)
        {
            NoInitBits = NoInitBits219 = noInit;
            Rdu = Rdu219 = rdu;
            TzenReg = TzenReg219 = tzenReg;
        }
    }

    /// <summary>usartConnectParameters from 2.19 on: DelayRtsDtr after statusDTR moves the last three fields (136 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 136)]
    internal unsafe struct UsartConnectParameters219Native
    {
        [FieldOffset(0)] public fixed byte PortName[UsartConnectParametersNative.PortNameLength];
        [FieldOffset(100)] public uint Baudrate;
        [FieldOffset(104)] public int Parity;
        [FieldOffset(108)] public byte DataBits;
        [FieldOffset(112)] public float StopBits;
        [FieldOffset(116)] public int FlowControl;
        [FieldOffset(120)] public int StatusRts;
        [FieldOffset(124)] public int StatusDtr;
        [FieldOffset(128)] public int DelayRtsDtr;
        [FieldOffset(132)] public byte NoInitBits;
        [FieldOffset(133)] public byte Rdu;
        [FieldOffset(134)] public byte TzenReg;
    }

    [StructLayout(LayoutKind.Explicit, Size = 52)]
    internal struct SpiConnectParametersNative
    {
        [FieldOffset(0)] public uint Baudrate;
        [FieldOffset(4)] public ushort CrcPol;
        [FieldOffset(8)] public int Direction;
        [FieldOffset(12)] public int Cpha;
        [FieldOffset(16)] public int Cpol;
        [FieldOffset(20)] public int Crc;
        [FieldOffset(24)] public int FirstBit;
        [FieldOffset(28)] public int FrameFormat;
        [FieldOffset(32)] public int DataSize;
        [FieldOffset(36)] public int Mode;
        [FieldOffset(40)] public int Nss;
        [FieldOffset(44)] public int NssPulse;
        [FieldOffset(48)] public int Delay;
    }

    [StructLayout(LayoutKind.Explicit, Size = 36)]
    internal struct CanConnectParametersNative
    {
        [FieldOffset(0)] public int Br;
        [FieldOffset(4)] public int Mode;
        [FieldOffset(8)] public int Ide;
        [FieldOffset(12)] public int Rtr;
        [FieldOffset(16)] public int Fifo;
        [FieldOffset(20)] public int Fm;
        [FieldOffset(24)] public int Fs;
        [FieldOffset(28)] public int Fe;
        [FieldOffset(32)] public byte Fbn;
    }

    [StructLayout(LayoutKind.Explicit, Size = 36)]
    internal struct I2cConnectParametersNative
    {
        [FieldOffset(0)] public int Add;
        [FieldOffset(4)] public int Br;
        [FieldOffset(8)] public int Sm;
        [FieldOffset(12)] public int Am;
        [FieldOffset(16)] public int Af;
        [FieldOffset(20)] public int Df;
        [FieldOffset(24)] public byte Dnf;
        [FieldOffset(28)] public int Rt;
        [FieldOffset(32)] public int Ft;
    }

    /// <summary>
    /// dfuConnectParameters with 2.21's usbTimeout. On 64-bit processes usbTimeout sits in what was tail padding, so the
    /// size (16) is the same in both layouts; on 32-bit the older layout is 8 bytes and a longer struct passed by value
    /// is read as its prefix. usbTimeout is written whatever the layout: libraries before 2.21 do not read it.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DfuConnectParametersNative
    {
        public IntPtr UsbIndex;
        public byte Rdu;
        public byte TzenReg;
        public int UsbTimeout;
    }

    [StructLayout(LayoutKind.Explicit, Size = 224)]
    internal unsafe struct DfuDeviceInfoNative
    {
        [FieldOffset(0)] public fixed byte UsbIndex[10];
        [FieldOffset(12)] public int BusNumber;
        [FieldOffset(16)] public int AddressNumber;
        [FieldOffset(20)] public fixed byte ProductId[100];
        [FieldOffset(120)] public fixed byte SerialNumber[100];
        [FieldOffset(220)] public uint DfuVersion;
    }

    [StructLayout(LayoutKind.Explicit, Size = 496)]
    internal unsafe struct GeneralInfNative
    {
        [FieldOffset(0)] public ushort DeviceId;
        [FieldOffset(4)] public int FlashSize;
        [FieldOffset(8)] public int BootloaderVersion;
        [FieldOffset(12)] public fixed byte Type[4];
        [FieldOffset(16)] public fixed byte Cpu[20];
        [FieldOffset(36)] public fixed byte Name[100];
        [FieldOffset(136)] public fixed byte Series[100];
        [FieldOffset(236)] public fixed byte Description[150];
        [FieldOffset(386)] public fixed byte RevisionId[8];
        [FieldOffset(394)] public fixed byte Board[100];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct DisplayCallBacksNative
    {
        public IntPtr InitProgressBar;
        public IntPtr LogMessage;
        public IntPtr LoadBar;
    }
}
