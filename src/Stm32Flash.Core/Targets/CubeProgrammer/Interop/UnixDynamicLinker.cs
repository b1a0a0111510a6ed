using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// dlopen/dlsym/dlerror on Linux and macOS. glibc before 2.34 has them in libdl.so.2 only; from 2.34 (and on musl)
    /// libc has them; macOS has them in libSystem. The first provider that answers is kept.
    /// </summary>
    internal static class UnixDynamicLinker
    {
        public const int RtldNow = 2;

        private interface IProvider
        {
            IntPtr Open(byte[] path, int mode);
            IntPtr Symbol(IntPtr handle, byte[] name);
            IntPtr Error();
        }

        private sealed class LibDl : IProvider
        {
            [DllImport("libdl.so.2", EntryPoint = "dlopen")] private static extern IntPtr dlopen(byte[] path, int mode);
            [DllImport("libdl.so.2", EntryPoint = "dlsym")] private static extern IntPtr dlsym(IntPtr handle, byte[] name);
            [DllImport("libdl.so.2", EntryPoint = "dlerror")] private static extern IntPtr dlerror();
            public IntPtr Open(byte[] path, int mode) => dlopen(path, mode);
            public IntPtr Symbol(IntPtr handle, byte[] name) => dlsym(handle, name);
            public IntPtr Error() => dlerror();
        }

        private sealed class LibC : IProvider
        {
            [DllImport("libc.so.6", EntryPoint = "dlopen")] private static extern IntPtr dlopen(byte[] path, int mode);
            [DllImport("libc.so.6", EntryPoint = "dlsym")] private static extern IntPtr dlsym(IntPtr handle, byte[] name);
            [DllImport("libc.so.6", EntryPoint = "dlerror")] private static extern IntPtr dlerror();
            public IntPtr Open(byte[] path, int mode) => dlopen(path, mode);
            public IntPtr Symbol(IntPtr handle, byte[] name) => dlsym(handle, name);
            public IntPtr Error() => dlerror();
        }

        private sealed class LibSystem : IProvider
        {
            [DllImport("/usr/lib/libSystem.B.dylib", EntryPoint = "dlopen")] private static extern IntPtr dlopen(byte[] path, int mode);
            [DllImport("/usr/lib/libSystem.B.dylib", EntryPoint = "dlsym")] private static extern IntPtr dlsym(IntPtr handle, byte[] name);
            [DllImport("/usr/lib/libSystem.B.dylib", EntryPoint = "dlerror")] private static extern IntPtr dlerror();
            public IntPtr Open(byte[] path, int mode) => dlopen(path, mode);
            public IntPtr Symbol(IntPtr handle, byte[] name) => dlsym(handle, name);
            public IntPtr Error() => dlerror();
        }

        private static readonly Lazy<IProvider> Provider = new Lazy<IProvider>(Choose);

        private static IProvider Choose()
        {
            IProvider[] candidates = RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? new IProvider[] { new LibSystem() }
                : new IProvider[] { new LibDl(), new LibC() };
            Exception? last = null;
            foreach (var p in candidates)
            {
                try
                {
                    p.Error();
                    return p;
                }
                catch (DllNotFoundException e) { last = e; }
                catch (EntryPointNotFoundException e) { last = e; }
            }
            throw new PlatformNotSupportedException("No dynamic linker interface (dlopen) was found in libdl.so.2, libc.so.6 or libSystem.", last);
        }

        private static byte[] Utf8Z(string s)
        {
            var b = Encoding.UTF8.GetBytes(s);
            Array.Resize(ref b, b.Length + 1);
            return b;
        }

        /// <summary>Opens a library by its full path; on failure returns zero and the linker's message.</summary>
        public static IntPtr Open(string fullPath, out string? error)
        {
            var handle = Provider.Value.Open(Utf8Z(fullPath), RtldNow);
            error = handle == IntPtr.Zero ? LastError() : null;
            return handle;
        }

        public static IntPtr Symbol(IntPtr handle, string name)
        {
            Provider.Value.Error();
            return Provider.Value.Symbol(handle, Utf8Z(name));
        }

        private static string LastError()
        {
            var p = Provider.Value.Error();
            return p == IntPtr.Zero ? "unknown dlopen error" : Marshal.PtrToStringAnsi(p) ?? "unknown dlopen error";
        }
    }
}
