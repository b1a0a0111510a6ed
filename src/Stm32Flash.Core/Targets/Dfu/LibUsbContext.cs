using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>One libusb session (libusb_init .. libusb_exit): lists DFU devices and opens one.</summary>
    internal sealed class LibUsbContext : IDisposable
    {
        private const byte DfuClass = 0xFE;
        private const byte DfuSubClass = 0x01;
        private const byte DfuFunctionalType = 0x21;
        private const uint DescriptorTimeoutMs = 1000;

        private readonly LibUsbLibrary _library;
        private IntPtr _context;

        public LibUsbContext(LibUsbLibrary library)
        {
            _library = library;
            var rc = Api.Init(out _context);
            if (rc != 0) throw new LibUsbTransferException("libusb_init", rc, Api.NameOf(rc), null);
        }

        private LibUsbApi Api => _library.Api;

        public IReadOnlyList<UsbDfuDevice> List(UsbDfuFilter filter)
        {
            var found = new List<UsbDfuDevice>();
            ForEachDevice(filter, (device, info) =>
            {
                found.Add(info);
                return false;
            });
            return found;
        }

        /// <summary>Opens the one device the filter picks and claims its DFU interface; the device found is <paramref name="info"/>.</summary>
        public LibUsbHandle Open(UsbDfuFilter filter, out UsbDfuDevice info)
        {
            var matches = List(filter);
            if (matches.Count == 0) throw new UsbDfuNotFoundException(filter, List(new UsbDfuFilter { VendorId = filter.VendorId, ProductId = filter.ProductId }));
            if (matches.Count > 1) throw new UsbDfuAmbiguousException(filter, matches);
            UsbDfuDevice? chosen = null;
            LibUsbHandle? opened = null;
            ForEachDevice(filter, (device, candidate) =>
            {
                var rc = Api.Open(device, out var handle);
                if (rc != 0) throw new LibUsbTransferException("libusb_open", rc, Api.NameOf(rc), null, OpenAdvice(rc));
                var h = new LibUsbHandle(Api, handle);
                try
                {
                    h.Claim(candidate.InterfaceNumber);
                }
                catch
                {
                    h.Dispose();
                    throw;
                }
                chosen = candidate;
                opened = h;
                return true;
            });
            if (opened is null || chosen is null) throw new UsbDfuNotFoundException(filter, List(new UsbDfuFilter { VendorId = filter.VendorId, ProductId = filter.ProductId }));
            info = chosen;
            return opened;
        }

        internal static string? OpenAdvice(int rc) => rc switch
        {
            -3 => "The user may not open the device: on Linux add a udev rule giving the plugdev group (or uaccess) access to 0483:df11; on Windows install the WinUSB driver for it (Zadig).",
            -12 => "On Windows libusb needs the WinUSB driver on the device (install it with Zadig); ST's own DFU driver does not work with libusb.",
            -6 => "Another program has the device open (STM32CubeProgrammer, dfu-util); close it.",
            _ => null,
        };

        // Calls visit for each DFU device matching the filter until it returns true.
        private void ForEachDevice(UsbDfuFilter filter, Func<IntPtr, UsbDfuDevice, bool> visit)
        {
            var count = (long)Api.GetDeviceList(_context, out var list);
            if (count < 0) throw new LibUsbTransferException("libusb_get_device_list", (int)count, Api.NameOf((int)count), null);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var device = Marshal.ReadIntPtr(list, i * IntPtr.Size);
                    if (Api.GetDeviceDescriptor(device, out var descriptor) != 0) continue;
                    if (descriptor.VendorId != filter.VendorId || descriptor.ProductId != filter.ProductId) continue;
                    var info = Describe(device, descriptor);
                    if (info is null || !filter.Matches(info)) continue;
                    if (visit(device, info)) return;
                }
            }
            finally
            {
                Api.FreeDeviceList(list, 1);
            }
        }

        private UsbDfuDevice? Describe(IntPtr device, LibUsbApi.DeviceDescriptor descriptor)
        {
            if (Api.GetConfigDescriptor(device, 0, out var configPointer) != 0) return null;
            var alternates = new List<(int alt, byte stringIndex)>();
            var interfaceNumber = -1;
            byte[]? functional = null;
            try
            {
                var config = Marshal.PtrToStructure<LibUsbApi.ConfigDescriptor>(configPointer);
                functional = FindFunctional(config.Extra, config.ExtraLength);
                var interfaceSize = Marshal.SizeOf<LibUsbApi.Interface>();
                var altSize = Marshal.SizeOf<LibUsbApi.InterfaceDescriptor>();
                for (var i = 0; i < config.NumInterfaces; i++)
                {
                    var intf = Marshal.PtrToStructure<LibUsbApi.Interface>(config.Interface + i * interfaceSize);
                    for (var a = 0; a < intf.NumAltSetting; a++)
                    {
                        var alt = Marshal.PtrToStructure<LibUsbApi.InterfaceDescriptor>(intf.AltSetting + a * altSize);
                        if (alt.InterfaceClass != DfuClass || alt.InterfaceSubClass != DfuSubClass) continue;
                        if (interfaceNumber < 0) interfaceNumber = alt.InterfaceNumber;
                        if (alt.InterfaceNumber != interfaceNumber) continue;
                        alternates.Add((alt.AlternateSetting, alt.InterfaceString));
                        functional ??= FindFunctional(alt.Extra, alt.ExtraLength);
                    }
                }
            }
            finally
            {
                Api.FreeConfigDescriptor(configPointer);
            }
            if (interfaceNumber < 0) return null;
            var ports = new byte[7];
            var portCount = Api.GetPortNumbers(device, ports, ports.Length);
            var bus = Api.GetBusNumber(device);
            var path = portCount > 0 ? $"{bus}-{string.Join(".", ports.Take(portCount))}" : $"{bus}";
            var transferSize = functional is { Length: >= 7 } ? functional[5] | functional[6] << 8 : 0;
            var dfuVersion = functional is { Length: >= 9 } ? (ushort)(functional[7] | functional[8] << 8) : (ushort)0x0100;
            var serial = "";
            var product = "";
            var memories = new List<DfuSeMemory>();
            if (Api.Open(device, out var handle) == 0)
            {
                try
                {
                    serial = ReadString(handle, descriptor.SerialNumber);
                    product = ReadString(handle, descriptor.Product);
                    foreach (var (alt, index) in alternates) memories.Add(ParseOrName(alt, ReadString(handle, index)));
                }
                finally
                {
                    Api.Close(handle);
                }
            }
            else
            {
                foreach (var (alt, _) in alternates) memories.Add(DfuSeMemory.Parse(alt, ""));
            }
            return new UsbDfuDevice(descriptor.VendorId, descriptor.ProductId, descriptor.BcdDevice, bus, path, Api.GetDeviceAddress(device), serial, product,
                interfaceNumber, transferSize, dfuVersion, memories.OrderBy(m => m.Alternate).ToList());
        }

        private static DfuSeMemory ParseOrName(int alt, string text)
        {
            try
            {
                return DfuSeMemory.Parse(alt, text);
            }
            catch (FormatException)
            {
                return DfuSeMemory.Parse(alt, text.Replace('/', ' '));
            }
        }

        private static byte[]? FindFunctional(IntPtr extra, int length)
        {
            if (extra == IntPtr.Zero || length < 2) return null;
            var bytes = new byte[length];
            Marshal.Copy(extra, bytes, 0, length);
            for (var p = 0; p + 1 < length && bytes[p] > 0; p += bytes[p])
            {
                if (bytes[p + 1] == DfuFunctionalType) return bytes.Skip(p).Take(Math.Min(bytes[p], length - p)).ToArray();
            }
            return null;
        }

        // GET_DESCRIPTOR(STRING) in the first language the device lists, tolerating a descriptor shorter than it says.
        private string ReadString(IntPtr handle, byte index)
        {
            if (index == 0) return "";
            var buffer = new byte[255];
            var n = Api.ControlTransfer(handle, 0x80, 6, 0x0300, 0, buffer, (ushort)buffer.Length, DescriptorTimeoutMs);
            if (n < 4 || buffer[1] != 3) return "";
            var language = (ushort)(buffer[2] | buffer[3] << 8);
            Array.Clear(buffer, 0, buffer.Length);
            n = Api.ControlTransfer(handle, 0x80, 6, (ushort)(0x0300 | index), language, buffer, (ushort)buffer.Length, DescriptorTimeoutMs);
            if (n < 2 || buffer[1] != 3) return "";
            var length = Math.Min(n, buffer[0]);
            return Encoding.Unicode.GetString(buffer, 2, Math.Max(0, (length - 2) & ~1));
        }

        public void Dispose()
        {
            if (_context == IntPtr.Zero) return;
            Api.Exit(_context);
            _context = IntPtr.Zero;
        }
    }
}
