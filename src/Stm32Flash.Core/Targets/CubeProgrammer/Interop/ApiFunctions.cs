using System;
using System.Runtime.InteropServices;

// The API's exports as cdecl delegates. Struct parameters are passed by value, as the C declarations take them.
namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void SetDisplayCallbacksFn(DisplayCallBacksNative callbacks);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void SetVerbosityLevelFn(int level);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void SetLoadersPathFn(IntPtr path);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int GetStLinkListFn(ref IntPtr list, int shared);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectStLinkFn(DebugConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ResetFn(int mode);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectUsartFn(UsartConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectUsart219Fn(UsartConnectParameters219Native parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int GetDfuDeviceListFn(ref IntPtr list, int pid, int vid);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectDfu2Fn(DfuConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectSpiFn(SpiConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectCanFn(CanConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ConnectI2cFn(I2cConnectParametersNative parameters);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int IntFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void VoidFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate IntPtr PointerFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int ReadMemoryFn(uint address, ref IntPtr data, uint size);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int WriteMemoryFn(uint address, IntPtr data, uint size);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int DownloadFileFn(IntPtr path, uint address, uint skipErase, uint verify, IntPtr binPath);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int AddressFn(uint address);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int MassEraseFn(IntPtr memoryName);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int SectorEraseFn([In] uint[] sectors, uint count, IntPtr memoryName);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate int TextCommandFn(IntPtr command);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void FreeFn(IntPtr pointer);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void InitProgressBarCallback();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void LogMessageCallback(int messageType, IntPtr text);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void LoadBarCallback(int done, int total);
}
