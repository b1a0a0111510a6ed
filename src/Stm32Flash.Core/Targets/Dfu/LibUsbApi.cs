using System;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>The libusb-1.0 functions a DFU host calls, bound from a loaded library, and the descriptor structs they fill.</summary>
    internal sealed class LibUsbApi
    {
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int InitFn(out IntPtr context);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate void ExitFn(IntPtr context);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate IntPtr GetDeviceListFn(IntPtr context, out IntPtr list);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate void FreeDeviceListFn(IntPtr list, int unrefDevices);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int GetDeviceDescriptorFn(IntPtr device, out DeviceDescriptor descriptor);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int GetConfigDescriptorFn(IntPtr device, byte index, out IntPtr config);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate void FreeConfigDescriptorFn(IntPtr config);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate byte GetByteFn(IntPtr device);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int GetPortNumbersFn(IntPtr device, [Out] byte[] ports, int length);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int OpenFn(IntPtr device, out IntPtr handle);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate void CloseFn(IntPtr handle);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int InterfaceFn(IntPtr handle, int interfaceNumber);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate int SetAltSettingFn(IntPtr handle, int interfaceNumber, int alternateSetting);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)]
        public delegate int ControlTransferFn(IntPtr handle, byte requestType, byte request, ushort value, ushort index, [In, Out] byte[]? data, ushort length, uint timeoutMs);
        [UnmanagedFunctionPointer(CallingConvention.Winapi)] public delegate IntPtr ErrorNameFn(int code);

        [StructLayout(LayoutKind.Sequential)]
        public struct DeviceDescriptor
        {
            public byte Length, DescriptorType;
            public ushort BcdUsb;
            public byte DeviceClass, DeviceSubClass, DeviceProtocol, MaxPacketSize0;
            public ushort VendorId, ProductId, BcdDevice;
            public byte Manufacturer, Product, SerialNumber, NumConfigurations;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct ConfigDescriptor
        {
            public byte Length, DescriptorType;
            public ushort TotalLength;
            public byte NumInterfaces, ConfigurationValue, Configuration, Attributes, MaxPower;
            public IntPtr Interface, Extra;
            public int ExtraLength;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct Interface
        {
            public IntPtr AltSetting;
            public int NumAltSetting;
        }

        [StructLayout(LayoutKind.Sequential)]
        public struct InterfaceDescriptor
        {
            public byte Length, DescriptorType, InterfaceNumber, AlternateSetting, NumEndpoints, InterfaceClass, InterfaceSubClass, InterfaceProtocol, InterfaceString;
            public IntPtr Endpoint, Extra;
            public int ExtraLength;
        }

        public LibUsbApi(Func<string, IntPtr> export)
        {
            T Bind<T>(string name) where T : Delegate
            {
                var p = export(name);
                if (p == IntPtr.Zero) throw new EntryPointNotFoundException(name);
                return (T)Marshal.GetDelegateForFunctionPointer(p, typeof(T));
            }
            Init = Bind<InitFn>("libusb_init");
            Exit = Bind<ExitFn>("libusb_exit");
            GetDeviceList = Bind<GetDeviceListFn>("libusb_get_device_list");
            FreeDeviceList = Bind<FreeDeviceListFn>("libusb_free_device_list");
            GetDeviceDescriptor = Bind<GetDeviceDescriptorFn>("libusb_get_device_descriptor");
            GetConfigDescriptor = Bind<GetConfigDescriptorFn>("libusb_get_config_descriptor");
            FreeConfigDescriptor = Bind<FreeConfigDescriptorFn>("libusb_free_config_descriptor");
            GetBusNumber = Bind<GetByteFn>("libusb_get_bus_number");
            GetDeviceAddress = Bind<GetByteFn>("libusb_get_device_address");
            GetPortNumbers = Bind<GetPortNumbersFn>("libusb_get_port_numbers");
            Open = Bind<OpenFn>("libusb_open");
            Close = Bind<CloseFn>("libusb_close");
            ClaimInterface = Bind<InterfaceFn>("libusb_claim_interface");
            ReleaseInterface = Bind<InterfaceFn>("libusb_release_interface");
            SetAltSetting = Bind<SetAltSettingFn>("libusb_set_interface_alt_setting");
            ControlTransfer = Bind<ControlTransferFn>("libusb_control_transfer");
            ErrorName = Bind<ErrorNameFn>("libusb_error_name");
        }

        public InitFn Init { get; }
        public ExitFn Exit { get; }
        public GetDeviceListFn GetDeviceList { get; }
        public FreeDeviceListFn FreeDeviceList { get; }
        public GetDeviceDescriptorFn GetDeviceDescriptor { get; }
        public GetConfigDescriptorFn GetConfigDescriptor { get; }
        public FreeConfigDescriptorFn FreeConfigDescriptor { get; }
        public GetByteFn GetBusNumber { get; }
        public GetByteFn GetDeviceAddress { get; }
        public GetPortNumbersFn GetPortNumbers { get; }
        public OpenFn Open { get; }
        public CloseFn Close { get; }
        public InterfaceFn ClaimInterface { get; }
        public InterfaceFn ReleaseInterface { get; }
        public SetAltSettingFn SetAltSetting { get; }
        public ControlTransferFn ControlTransfer { get; }
        public ErrorNameFn ErrorName { get; }

        /// <summary>libusb's name for an error code, e.g. "LIBUSB_ERROR_PIPE".</summary>
        public string NameOf(int code) => Marshal.PtrToStringAnsi(ErrorName(code)) ?? $"libusb error {code}";
    }
}
