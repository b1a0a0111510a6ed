using System;
using System.Diagnostics;
using System.Threading;

namespace Stm32Flash.Targets.Dfu
{
    /// <summary>
    /// DFU 1.1 requests with ST's DfuSe extensions (AN3156) on an open device. Commands go as DNLOAD block 0; data blocks
    /// (wBlockNum 2 and up) land at the address pointer + (wBlockNum - 2) * wTransferSize, so consecutive full blocks need no
    /// new Set Address Pointer. Every DNLOAD is followed by GETSTATUS until the device leaves dfuDNBUSY, waiting the
    /// bwPollTimeout it asks for. A device in dfuERROR is cleared (CLRSTATUS) and the error thrown naming state and status.
    /// </summary>
    internal sealed class DfuSeProtocol : IDisposable
    {
        private const byte Out = 0x21;
        private const byte In = 0xA1;
        private const uint TransferTimeoutMs = 5000;
        private static readonly TimeSpan BusyLimit = TimeSpan.FromSeconds(120);

        private readonly LibUsbHandle _handle;
        private uint? _nextWrite;
        private ushort _nextWriteBlock;
        private uint? _nextRead;
        private ushort _nextReadBlock;
        private bool _uploading;
        private volatile bool _cancel;

        public DfuSeProtocol(LibUsbHandle handle, int transferSize)
        {
            _handle = handle;
            TransferSize = transferSize;
        }

        public int TransferSize { get; }

        public Action<string>? Trace { get; set; }

        /// <summary>Stops the wait for a busy device (an erase's poll timeout) within about 50 ms, with <see cref="OperationCanceledException"/>.</summary>
        public void Cancel() => _cancel = true;

        public void ResetCancel() => _cancel = false;

        /// <summary>Control transfers made (for tests and benchmarks).</summary>
        public long Requests { get; private set; }

        public DfuStatus GetStatus()
        {
            var reply = new byte[6];
            var n = Transfer(In, DfuCodes.GetStatus, 0, reply, 6, "GETSTATUS", null);
            if (n < 6) throw new TargetException(TargetErrorKind.Protocol, "GETSTATUS", $"GETSTATUS answered {n} bytes instead of 6.", null, $"{n} bytes");
            return new DfuStatus(reply[0], reply[1] | reply[2] << 8 | reply[3] << 16, reply[4]);
        }

        public void ClearStatus() => Transfer(Out, DfuCodes.ClrStatus, 0, null, 0, "CLRSTATUS", null);

        public void Abort()
        {
            Transfer(Out, DfuCodes.Abort, 0, null, 0, "ABORT", null);
            _uploading = false;
        }

        /// <summary>Brings the device to dfuIDLE from wherever it is: clears an error, aborts a transfer.</summary>
        public DfuStatus EnsureIdle()
        {
            Forget();
            var status = GetStatus();
            var clock = Stopwatch.StartNew();
            while ((status.State == DfuCodes.StateDnbusy || status.State == DfuCodes.StateDnloadSync) && clock.Elapsed < BusyLimit)
            {
                // still working on a command whose wait was cancelled
                Thread.Sleep(Math.Max(1, status.PollTimeoutMs));
                status = GetStatus();
            }
            if (status.State == DfuCodes.StateError)
            {
                Trace?.Invoke($"device in {status}; CLRSTATUS");
                ClearStatus();
                status = GetStatus();
            }
            if (status.State != DfuCodes.StateIdle)
            {
                Abort();
                status = GetStatus();
            }
            _uploading = false;
            return status;
        }

        public void SetAddress(uint address, string operation) => Command(new byte[] { DfuCodes.SetAddressPointer, (byte)address, (byte)(address >> 8), (byte)(address >> 16), (byte)(address >> 24) }, operation, address);

        public void ErasePage(uint address) => Command(new byte[] { DfuCodes.Erase, (byte)address, (byte)(address >> 8), (byte)(address >> 16), (byte)(address >> 24) }, "Erase", address);

        public void MassErase() => Command(new[] { DfuCodes.Erase }, "Mass Erase", null);

        /// <summary>Read Unprotect: the device mass-erases, clears readout protection and resets (it leaves the bus).</summary>
        public void ReadUnprotect()
        {
            BeforeDownload();
            Download(0, new[] { DfuCodes.ReadUnprotect }, "Read Unprotect", null);
            try
            {
                WaitWhileBusy("Read Unprotect", null);
            }
            catch (LibUsbTransferException ex) when (ex.Kind == TargetErrorKind.Disconnected)
            {
                // the device reset, as AN3156 says it does
            }
        }

        /// <summary>Sets the address pointer and sends the zero-length DNLOAD: the device manifests and jumps to <paramref name="address"/>.</summary>
        public void Leave(uint address)
        {
            SetAddress(address, "Leave");
            Download(0, Array.Empty<byte>(), "Leave", address);
            try
            {
                var status = GetStatus();
                Trace?.Invoke($"leave: device in {status}");
            }
            catch (LibUsbTransferException ex) when (ex.Kind == TargetErrorKind.Disconnected || ex.Kind == TargetErrorKind.Protocol || ex.Kind == TargetErrorKind.Other)
            {
                // the device may leave the bus before it answers
            }
        }

        /// <summary>Programs <paramref name="data"/> (at most one transfer) at <paramref name="address"/>.</summary>
        public void Write(uint address, byte[] data, int length, string operation)
        {
            if (_nextWrite != address || _uploading)
            {
                SetAddress(address, operation);
                _nextWriteBlock = 2;
            }
            var block = _nextWriteBlock;
            _nextWrite = null;
            Download(block, data, operation, address, length);
            WaitWhileBusy(operation, address);
            if (length == TransferSize && block < ushort.MaxValue)
            {
                _nextWrite = address + (uint)length;
                _nextWriteBlock = (ushort)(block + 1);
            }
        }

        /// <summary>Reads up to one transfer from <paramref name="address"/>.</summary>
        public void Read(uint address, byte[] destination, int length)
        {
            if (_nextRead != address || !_uploading)
            {
                SetAddress(address, "UPLOAD");
                Abort();
                _nextReadBlock = 2;
            }
            var block = _nextReadBlock;
            _nextRead = null;
            var n = Transfer(In, DfuCodes.Upload, block, destination, length, "UPLOAD", address);
            _uploading = true;
            if (n != length)
            {
                throw new TargetException(TargetErrorKind.Protocol, "UPLOAD", $"UPLOAD at 0x{address:X8} returned {n} of {length} bytes.", address, $"{n} bytes");
            }
            if (length == TransferSize && block < ushort.MaxValue)
            {
                _nextRead = address + (uint)length;
                _nextReadBlock = (ushort)(block + 1);
            }
        }

        /// <summary>The commands the device lists (UPLOAD block 0), e.g. 00 21 41 92.</summary>
        public byte[] GetCommands()
        {
            EnsureIdle();
            var reply = new byte[16];
            var n = Transfer(In, DfuCodes.Upload, 0, reply, reply.Length, "Get Commands", null);
            Abort();
            var result = new byte[Math.Max(0, n)];
            Array.Copy(reply, result, result.Length);
            return result;
        }

        /// <summary>Switches the interface to another alternate setting (another memory).</summary>
        public void SetAlternate(int alternate)
        {
            _handle.SetAlternate(alternate);
            Forget();
            _uploading = false;
        }

        /// <summary>Forgets where the next block would land, so the next transfer sets the address pointer again.</summary>
        public void Forget()
        {
            _nextWrite = null;
            _nextRead = null;
        }

        private void Command(byte[] command, string operation, uint? address)
        {
            BeforeDownload();
            Download(0, command, operation, address);
            WaitWhileBusy(operation, address);
        }

        private void BeforeDownload()
        {
            _nextWrite = null;
            if (_uploading) Abort();
            _nextRead = null;
        }

        private void Download(ushort block, byte[] data, string operation, uint? address, int? length = null) =>
            Transfer(Out, DfuCodes.Dnload, block, data, length ?? data.Length, operation, address);

        // GETSTATUS after a DNLOAD: the device works (dfuDNBUSY) for bwPollTimeout, then reports the outcome.
        private void WaitWhileBusy(string operation, uint? address)
        {
            var clock = Stopwatch.StartNew();
            for (;;)
            {
                var status = GetStatus();
                if (status.State == DfuCodes.StateError || status.Status != 0)
                {
                    Forget();
                    try
                    {
                        ClearStatus();
                    }
                    catch (TargetException)
                    {
                        // the error below says more than a failed clear
                    }
                    throw new DfuException(operation, $"{operation}{At(address)}: the device reported {DfuCodes.StatusName(status.Status)} in {DfuCodes.StateName(status.State)} " +
                        $"({DfuCodes.StatusMeaning(status.Status)}).", status, address);
                }
                if (status.State == DfuCodes.StateDnloadIdle || status.State == DfuCodes.StateIdle) return;
                if (status.State != DfuCodes.StateDnbusy && status.State != DfuCodes.StateDnloadSync)
                {
                    Forget();
                    throw new DfuException(operation, $"{operation}{At(address)}: the device went to {DfuCodes.StateName(status.State)} instead of dfuDNLOAD-IDLE.", status, address);
                }
                if (clock.Elapsed > BusyLimit)
                    throw new TargetException(TargetErrorKind.Timeout, operation, $"{operation}{At(address)}: the device was still busy after {BusyLimit.TotalSeconds:0} s.", address, status.ToString());
                Wait(status.PollTimeoutMs, operation);
            }
        }

        // bwPollTimeout, in slices so that a cancel is seen.
        private void Wait(int milliseconds, string operation)
        {
            var clock = Stopwatch.StartNew();
            for (var left = milliseconds; left > 0; left = milliseconds - (int)clock.ElapsedMilliseconds)
            {
                if (_cancel) throw new OperationCanceledException($"{operation} was cancelled while the device was busy; the next operation waits for it to finish.");
                Thread.Sleep(Math.Min(left, 50));
            }
            if (_cancel) throw new OperationCanceledException($"{operation} was cancelled.");
        }

        private int Transfer(byte type, byte request, ushort value, byte[]? data, int length, string operation, uint? address)
        {
            Requests++;
            var n = _handle.Control(type, request, value, data, length, TransferTimeoutMs);
            if (n < 0)
            {
                Forget();
                _uploading = false;
                var failure = new LibUsbTransferException(operation, n, _handle.Api.NameOf(n), address);
                if (n == StallCode && (request == DfuCodes.Upload || request == DfuCodes.Dnload)) throw WhyStalled(failure, operation, address);
                throw failure;
            }
            return n;
        }

        private const int StallCode = -9;

        // A stalled UPLOAD or DNLOAD: the device's status says why (errVENDOR under readout protection, errTARGET for an
        // address it refuses); a stall it gives no reason for stays a transient transfer failure.
        private Exception WhyStalled(LibUsbTransferException stall, string operation, uint? address)
        {
            DfuStatus status;
            try
            {
                status = GetStatus();
            }
            catch (TargetException)
            {
                return stall;
            }
            if (status.State != DfuCodes.StateError || status.Status == 0 || status.Status == 15) return stall;
            try
            {
                ClearStatus();
            }
            catch (TargetException)
            {
                // the device's reason below says more than a failed clear
            }
            return new DfuException(operation, $"{operation}{At(address)}: the device stalled the request and reported {DfuCodes.StatusName(status.Status)} in " +
                $"{DfuCodes.StateName(status.State)} ({DfuCodes.StatusMeaning(status.Status)}).", status, address);
        }

        private static string At(uint? address) => address.HasValue ? $" at 0x{address:X8}" : "";

        public void Dispose() => _handle.Dispose();
    }
}
