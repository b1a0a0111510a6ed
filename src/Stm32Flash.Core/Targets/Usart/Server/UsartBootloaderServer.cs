using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Stm32Flash.Devices;
using Stm32Flash.Targets.Simulation;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// The device side of the USART bootloader protocol (AN3155) on a link, on top of an <see cref="ITarget"/> (normally a
    /// <see cref="SimulatedTarget"/>): waits for 0x7F, answers the commands its <see cref="UsartProfile"/> lists, checks
    /// complements and XOR checksums, refuses what a bootloader refuses (readout protection at the command, a bad address at
    /// the address, a flash rule at the data) with NACK, and stays silent where a device would (a dropped command, the
    /// application running after Go). Runs on its own thread between <see cref="Start"/> and <see cref="Stop"/>.
    /// </summary>
    public sealed class UsartBootloaderServer : IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
        private readonly ITarget _target;
        private readonly IByteLink _link;
        private readonly SimulatedDevice? _simulation;
        private readonly List<byte> _out = new List<byte>(512);
        private readonly byte[] _in = new byte[1];
        private Thread? _thread;
        private volatile bool _stopping;
        private volatile State _state = State.WaitingForInit;

        private enum State
        {
            WaitingForInit,
            Ready,
            RunningApplication,
        }

        private sealed class StopRequested : Exception
        {
        }

        /// <summary>A command the device will not answer at all (a dropped operation, the link gone).</summary>
        private sealed class Silence : Exception
        {
        }

        public UsartBootloaderServer(ITarget target, IByteLink link, UsartProfile? profile = null)
        {
            _target = target ?? throw new ArgumentNullException(nameof(target));
            _link = link ?? throw new ArgumentNullException(nameof(link));
            (target as SimulatedTarget)?.ServeOnLink();
            _simulation = (target as SimulatedTarget)?.Simulation;
            Profile = profile ?? UsartProfile.For(target.Device, (target as SimulatedTarget)?.Options.Checksum ?? (target.Capabilities.CanChecksum ? (bool?)null : false));
        }

        public UsartProfile Profile { get; }

        public UsartServerStatistics Statistics { get; } = new UsartServerStatistics();

        public DeviceInfo Device => _target.Device;

        public bool IsRunning => _thread?.IsAlive == true;

        /// <summary>Why the server stopped on its own (the link failed), if it did.</summary>
        public Exception? Failure { get; private set; }

        /// <summary>True once 0x7F has synchronised the device and until the next reset.</summary>
        public bool IsSynchronized => _state == State.Ready;

        /// <summary>Trace of what the server did; called on the server thread.</summary>
        public Action<TargetLogLevel, string>? Log { get; set; }

        public void Start()
        {
            if (_thread != null) throw new InvalidOperationException("The server was started already.");
            _thread = new Thread(Run) { IsBackground = true, Name = $"Stm32Flash USART server {_link.Description}" };
            _thread.Start();
        }

        /// <summary>Stops answering and closes the link.</summary>
        public void Stop()
        {
            _stopping = true;
            if (_thread != null && _thread != Thread.CurrentThread) _thread.Join(TimeSpan.FromSeconds(5));
            _link.Dispose();
        }

        /// <summary>A reset with BOOT0 high: the application stops, and the bootloader waits for 0x7F again.</summary>
        public void ResetDevice()
        {
            try
            {
                _target.Reset();
            }
            catch (TargetException)
            {
                // A target without a reset of its own still goes back to waiting for 0x7F here.
            }
            _state = State.WaitingForInit;
        }

        public void Dispose() => Stop();

        private void Run()
        {
            try
            {
                while (!_stopping) Step();
            }
            catch (StopRequested)
            {
            }
            catch (LinkClosedException ex)
            {
                if (!_stopping) Failure = ex;
            }
            catch (Exception ex)
            {
                Failure = ex;
                Trace($"stopped: {ex.Message}");
            }
        }

        private void Step()
        {
            var b = Next();
            if (_state == State.RunningApplication && _simulation?.RunningFrom is null) _state = State.WaitingForInit;
            if (_state == State.RunningApplication)
            {
                Statistics.Ignore();
                return;
            }
            if (_state == State.WaitingForInit)
            {
                if (b != UsartCodes.Init)
                {
                    Statistics.Ignore();
                    return;
                }
                _state = State.Ready;
                Statistics.Sync();
                Ack();
                return;
            }
            var complement = Next();
            if ((byte)(b ^ complement) != 0xFF)
            {
                Trace($"0x{b:X2} 0x{complement:X2}: not a command and its complement");
                Nack();
                return;
            }
            Statistics.Command(b);
            if (!Profile.Offers(b) || Profile.Refused.Contains(b))
            {
                Nack();
                return;
            }
            try
            {
                Serve(b);
            }
            catch (Silence)
            {
                _out.Clear();
            }
        }

        private void Serve(byte command)
        {
            switch (command)
            {
                case UsartCodes.Get: ServeGet(); break;
                case UsartCodes.GetVersion: ServeGetVersion(); break;
                case UsartCodes.GetId: ServeGetId(); break;
                case UsartCodes.ReadMemory: ServeRead(); break;
                case UsartCodes.Go: ServeGo(); break;
                case UsartCodes.WriteMemory: ServeWrite(); break;
                case UsartCodes.Erase: ServeErase(); break;
                case UsartCodes.ExtendedErase: ServeExtendedErase(); break;
                case UsartCodes.WriteProtect: ServeWriteProtect(); break;
                case UsartCodes.WriteUnprotect: ServeTwoAck(() => _target.WriteUnprotect(), true); break;
                case UsartCodes.ReadoutProtect: ServeTwoAck(() => _target.ReadoutProtect(), false); break;
                case UsartCodes.ReadoutUnprotect: ServeTwoAck(() => _target.ReadoutUnprotect(), false); break;
                case UsartCodes.GetChecksum: ServeChecksum(); break;
                default: Nack(); break;
            }
        }

        private void ServeGet()
        {
            Ack();
            _out.Add((byte)Profile.Commands.Count);
            _out.Add(Profile.ProtocolVersion);
            _out.AddRange(Profile.Commands);
            Ack();
        }

        private void ServeGetVersion()
        {
            Ack();
            _out.Add(Profile.ProtocolVersion);
            _out.Add(0);
            _out.Add(0);
            Ack();
        }

        private void ServeGetId()
        {
            Ack();
            _out.Add(1);
            _out.Add((byte)(Device.ProductId >> 8));
            _out.Add((byte)Device.ProductId);
            Ack();
        }

        private void ServeRead()
        {
            if (!OpenForAccess()) return;
            if (!TryAddress(IsReadable, out var address)) return;
            var n = Next();
            if ((byte)(n ^ Next()) != 0xFF)
            {
                Nack();
                return;
            }
            var data = new byte[n + 1];
            if (!Do(() => _target.Read(address, data))) return;
            Ack();
            _out.AddRange(data);
        }

        private void ServeGo()
        {
            if (!OpenForAccess()) return;
            if (!TryAddress(IsJumpTarget, out var address)) return;
            // The address was acknowledged; the device jumps without another answer.
            if (!Do(() => _target.Go(address))) return;
            Flush();
            _state = State.RunningApplication;
            Trace($"Go 0x{address:X8}: the application runs; the bootloader answers again after a reset");
        }

        private void ServeWrite()
        {
            if (!OpenForAccess()) return;
            if (!TryAddress(IsWritable, out var address)) return;
            var n = Next();
            var data = new byte[n + 1];
            for (var i = 0; i < data.Length; i++) data[i] = Next();
            var checksum = Next();
            if (UsartFrame.Xor(data, n) != checksum || data.Length % 4 != 0)
            {
                Trace(data.Length % 4 != 0 ? $"Write Memory: {data.Length} bytes is not a multiple of 4" : "Write Memory: checksum mismatch");
                Nack();
                return;
            }
            var optionBytes = Device.IsOptionBytes(AddressRange.FromLength(address, data.Length));
            if (!Do(() => _target.Write(address, data))) return;
            Ack();
            if (optionBytes) Restarted();
        }

        private void ServeErase()
        {
            if (!OpenForAccess()) return;
            var n = Next();
            if (n == 0xFF)
            {
                if (Next() != 0x00) Nack();
                else if (Do(() => _target.MassErase())) Ack();
                return;
            }
            var pages = new int[n + 1];
            var x = n;
            for (var i = 0; i < pages.Length; i++)
            {
                pages[i] = Next();
                x ^= (byte)pages[i];
            }
            if (Next() != x) Nack();
            else if (Do(() => _target.ErasePages(pages))) Ack();
        }

        private void ServeExtendedErase()
        {
            if (!OpenForAccess()) return;
            var hi = Next();
            var lo = Next();
            var n = hi << 8 | lo;
            if (n >= 0xFFF0)
            {
                var ok = Next() == (byte)(hi ^ lo);
                Action? erase = n switch
                {
                    UsartCodes.MassEraseCode => () => _target.MassErase(),
                    UsartCodes.Bank1EraseCode => () => _target.EraseBank(1),
                    UsartCodes.Bank2EraseCode => () => _target.EraseBank(2),
                    _ => null,
                };
                if (!ok || erase is null) Nack();
                else if (Do(erase)) Ack();
                return;
            }
            var pages = new int[n + 1];
            var x = (byte)(hi ^ lo);
            for (var i = 0; i < pages.Length; i++)
            {
                var ph = Next();
                var pl = Next();
                x ^= (byte)(ph ^ pl);
                pages[i] = ph << 8 | pl;
            }
            if (Next() != x) Nack();
            else if (Do(() => _target.ErasePages(pages))) Ack();
        }

        private void ServeWriteProtect()
        {
            if (!OpenForAccess()) return;
            var n = Next();
            var sectors = new int[n + 1];
            var x = n;
            for (var i = 0; i < sectors.Length; i++)
            {
                sectors[i] = Next();
                x ^= (byte)sectors[i];
            }
            if (Next() != x) Nack();
            else if (Do(() => _target.WriteProtect(sectors)))
            {
                Ack();
                Restarted();
            }
        }

        private void ServeTwoAck(Action operation, bool refusedUnderProtection)
        {
            if (refusedUnderProtection)
            {
                if (!OpenForAccess()) return;
            }
            else
            {
                Ack();
            }
            if (!Do(operation)) return;
            Ack();
            Restarted();
        }

        private void ServeChecksum()
        {
            if (!OpenForAccess()) return;
            if (!TryAddress(IsReadable, out var address)) return;
            if (!TryWord(out var words)) return;
            if (words == 0 || words > int.MaxValue / 4 || (ulong)address + (ulong)words * 4 > AddressRange.AddressSpaceEnd
                || !WithinOneArea(AddressRange.FromLength(address, (long)words * 4)))
            {
                Nack();
                return;
            }
            Ack();
            // The polynomial and the initial value: a fixed CRC unit ignores them but acknowledges each.
            if (!TryWord(out _)) return;
            Ack();
            if (!TryWord(out _)) return;
            Ack();
            uint crc = 0;
            if (!Do(() => crc = _target.Checksum(address, (int)words * 4))) return;
            Ack();
            var reply = new byte[5];
            UsartFrame.PutWord(reply, crc);
            _out.AddRange(reply);
        }

        // Readout protection refuses memory access at the command already.
        private bool OpenForAccess()
        {
            if (_simulation != null && _simulation.ReadoutProtectionLevel > 0)
            {
                Nack();
                return false;
            }
            Ack();
            return true;
        }

        private bool TryAddress(Func<uint, bool> valid, out uint address)
        {
            if (!TryWord(out address)) return false;
            if (!valid(address))
            {
                Trace($"address 0x{address:X8} refused");
                Nack();
                return false;
            }
            Ack();
            return true;
        }

        private bool TryWord(out uint value)
        {
            var frame = new byte[5];
            for (var i = 0; i < 5; i++) frame[i] = Next();
            if (UsartFrame.TryGetWord(frame, out value)) return true;
            Nack();
            return false;
        }

        // Runs an operation on the target: a refusal becomes NACK, a lost operation or a gone link becomes silence.
        private bool Do(Action operation)
        {
            try
            {
                operation();
                return true;
            }
            catch (TargetException ex) when (ex.Kind == TargetErrorKind.Timeout || ex.Kind == TargetErrorKind.Disconnected)
            {
                Trace($"{ex.Operation}: {ex.Message} (no answer)");
                throw new Silence();
            }
            catch (TargetException ex)
            {
                Trace($"{ex.Operation}: {ex.Message} (NACK)");
                Nack();
                return false;
            }
        }

        // Protection commands and option-byte writes end with a system reset, after which the chip may start the application.
        private void Restarted()
        {
            Flush();
            _state = _simulation?.RunningFrom is null ? State.WaitingForInit : State.RunningApplication;
            if (_state == State.RunningApplication) Trace("after the reset the chip started from flash, not the bootloader");
        }

        private bool WithinOneArea(AddressRange range) =>
            Device.Flash.Contains(range) || Device.Ram.Any(r => r.Contains(range))
            || Device.SystemMemory.Contains(range) || Device.IsOptionBytes(range)
            || (_simulation?.FlashSizeRegister?.Contains(range) ?? false) || (_simulation?.UniqueIdArea?.Contains(range) ?? false);

        private bool IsReadable(uint address) =>
            _simulation?.IsReadable(address) ?? (Device.Flash.Contains(address) || Device.Ram.Any(r => r.Contains(address))
            || Device.SystemMemory.Contains(address) || Device.OptionByteAreas.Any(a => a.Contains(address)));

        private bool IsWritable(uint address) =>
            Device.Flash.Contains(address) || Device.OptionByteAreas.Any(a => a.Contains(address))
            || (Device.Ram.Any(r => r.Contains(address)) && !Device.BootloaderRam.Contains(address));

        private bool IsJumpTarget(uint address) =>
            Device.Flash.Contains(address) || (Device.Ram.Any(r => r.Contains(address)) && !Device.BootloaderRam.Contains(address));

        private void Ack()
        {
            _out.Add(UsartCodes.Ack);
            Statistics.Ack();
        }

        private void Nack()
        {
            _out.Add(UsartCodes.Nack);
            Statistics.Nack();
        }

        private void Flush()
        {
            if (_out.Count == 0) return;
            _link.Write(_out.ToArray());
            _out.Clear();
        }

        // The next byte from the host; what the device has to say goes out first, as it would before the device listens again.
        private byte Next()
        {
            Flush();
            while (true)
            {
                if (_stopping) throw new StopRequested();
                if (_link.ReadSome(_in, PollInterval) == 1) return _in[0];
            }
        }

        private void Trace(string text) => Log?.Invoke(TargetLogLevel.Verbose, $"USART server {Device.Name}: {text}");
    }
}
