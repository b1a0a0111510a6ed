using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Stm32Flash.Targets.CubeProgrammer.Interop;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>The fake library's fake_* exports: what it received and recorded, and its settings.</summary>
    public sealed class FakeApi
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr TextFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void VoidFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int IntFn();
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetIntFn(int value);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetTwoFn(int a, int b);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int BankPageFn(uint bank, uint page);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void SetFlashFn(uint b, uint s, uint p, uint u);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void FailFn([MarshalAs(UnmanagedType.LPUTF8Str)] string f, int nth, int code);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate long CounterFn([MarshalAs(UnmanagedType.LPUTF8Str)] string name);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int SizeOfFn([MarshalAs(UnmanagedType.LPUTF8Str)] string type);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int OffsetOfFn([MarshalAs(UnmanagedType.LPUTF8Str)] string type, [MarshalAs(UnmanagedType.LPUTF8Str)] string field);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int LastStructFn([MarshalAs(UnmanagedType.LPUTF8Str)] string type, byte[] buffer, int capacity);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int ReadFlashFn(uint address, byte[] buffer, uint size);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void EmitFn(int type, [MarshalAs(UnmanagedType.LPUTF8Str)] string text, int thread);

        private readonly NativeModule _library;

        public FakeApi(string libraryPath)
        {
            _library = NativeModule.Load(libraryPath);
        }

        private T F<T>(string name) where T : Delegate =>
            _library.Function<T>(name) ?? throw new InvalidOperationException($"The fake has no export {name}.");

        public string Identity => Marshal.PtrToStringUTF8(F<TextFn>("fake_identity")())!;

        public int DependencyValue => F<IntFn>("fake_dependency_value")();

        public void Reset() => F<VoidFn>("fake_reset")();

        public string CallLog => Marshal.PtrToStringUTF8(F<TextFn>("fake_call_log")())!;

        public IReadOnlyList<string> Calls => CallLog.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public IReadOnlyList<string> CallsTo(string function) => Calls.Where(c => c.StartsWith(function + " ", StringComparison.Ordinal) || c == function).ToList();

        public int SizeOf(string type) => F<SizeOfFn>("fake_sizeof")(type);

        public int OffsetOf(string type, string field) => F<OffsetOfFn>("fake_offsetof")(type, field);

        public byte[] LastStruct(string type)
        {
            var buffer = new byte[512];
            var size = F<LastStructFn>("fake_last_struct")(type, buffer, buffer.Length);
            if (size <= 0) throw new InvalidOperationException($"The fake received no {type}.");
            return buffer.Take(size).ToArray();
        }

        public int Int32At(byte[] raw, string type, string field) => BitConverter.ToInt32(raw, Offset(type, field));

        public byte ByteAt(byte[] raw, string type, string field) => raw[Offset(type, field)];

        public string TextAt(byte[] raw, string type, string field)
        {
            var start = Offset(type, field);
            var end = Array.IndexOf(raw, (byte)0, start);
            return System.Text.Encoding.UTF8.GetString(raw, start, end - start);
        }

        private int Offset(string type, string field)
        {
            var o = OffsetOf(type, field);
            if (o < 0) throw new InvalidOperationException($"The fake's {type} has no field {field}.");
            return o;
        }

        public long Counter(string name) => F<CounterFn>("fake_counter")(name);

        public void SetProductId(int pid) => F<SetIntFn>("fake_set_product_id")(pid);

        public void SetFlash(uint baseAddress, uint size, uint pageSize, uint unit) => F<SetFlashFn>("fake_set_flash")(baseAddress, size, pageSize, unit);

        public void SetExpectedI2cAddress(int address) => F<SetIntFn>("fake_set_expected_i2c_address")(address);

        public void SetTransferLimit(int limit) => F<SetIntFn>("fake_set_transfer_limit")(limit);

        public void SetProbeCount(int stlinks, int dfus) => F<SetTwoFn>("fake_set_probe_count")(stlinks, dfus);

        /// <summary>The <paramref name="nth"/> call of <paramref name="function"/> from now returns <paramref name="code"/>.</summary>
        public void Fail(string function, int nth, int code) => F<FailFn>("fake_fail")(function, nth, code);

        public int Rdp => F<IntFn>("fake_rdp")();

        /// <summary>Whether the page (0-based within bank 0 or 1) is in a write-protected area of the option bytes.</summary>
        public bool WriteProtected(int bank, int pageInBank) => F<BankPageFn>("fake_write_protected")((uint)bank, (uint)pageInBank) != 0;

        /// <summary>writeMemory, sectorErase and massErase take <paramref name="ms"/> each, stopping early (-99) when the cancel flag is set.</summary>
        public void SetBusy(int ms) => F<SetIntFn>("fake_set_busy_ms")(ms);

        /// <summary>writeMemory also logs a message and reports progress from a thread of its own.</summary>
        public void SetThreadMessages(bool on) => F<SetIntFn>("fake_set_thread_messages")(on ? 1 : 0);

        public int Verbosity => F<IntFn>("fake_verbosity")();

        public string LoadersPath => Marshal.PtrToStringUTF8(F<TextFn>("fake_loaders_path")())!;

        public string LastDownloadPath => Marshal.PtrToStringUTF8(F<TextFn>("fake_last_download_path")())!;

        public byte[] ReadFlash(uint address, int size)
        {
            var buffer = new byte[size];
            if (F<ReadFlashFn>("fake_read_flash")(address, buffer, (uint)size) != 0) throw new ArgumentOutOfRangeException(nameof(address));
            return buffer;
        }

        /// <summary>The fake calls logMessage(type, text as wchar_t) then loadBar(7, 9), on its own thread if asked.</summary>
        public void EmitLog(int type, string text, bool fromOtherThread) => F<EmitFn>("fake_emit_log")(type, text, fromOtherThread ? 1 : 0);
    }
}
