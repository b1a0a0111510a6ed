using System;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>An open device with its DFU interface claimed.</summary>
    internal sealed class LibUsbHandle : IDisposable
    {
        private readonly LibUsbApi _api;
        private IntPtr _handle;
        private int _claimed = -1;

        public LibUsbHandle(LibUsbApi api, IntPtr handle)
        {
            _api = api;
            _handle = handle;
        }

        public LibUsbApi Api => _api;

        public void Claim(int interfaceNumber)
        {
            var rc = _api.ClaimInterface(_handle, interfaceNumber);
            if (rc != 0) throw new LibUsbTransferException("libusb_claim_interface", rc, _api.NameOf(rc), null, LibUsbContext.OpenAdvice(rc));
            _claimed = interfaceNumber;
        }

        public void SetAlternate(int alternate)
        {
            var rc = _api.SetAltSetting(_handle, _claimed, alternate);
            if (rc != 0) throw new LibUsbTransferException("libusb_set_interface_alt_setting", rc, _api.NameOf(rc), null);
        }

        /// <summary>A control transfer to the claimed interface; the byte count, or a negative libusb error code.</summary>
        public int Control(byte requestType, byte request, ushort value, byte[]? data, int length, uint timeoutMs) =>
            _api.ControlTransfer(_handle, requestType, request, value, (ushort)Math.Max(0, _claimed), data, (ushort)length, timeoutMs);

        public void Dispose()
        {
            if (_handle == IntPtr.Zero) return;
            if (_claimed >= 0) _api.ReleaseInterface(_handle, _claimed);
            _api.Close(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
