using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// A shared library loaded by its full path, and its exports. Never unloaded: the API keeps callbacks and threads of
    /// its own, and other sessions in the process may use the same library.
    /// </summary>
    internal sealed class NativeModule
    {
        private NativeModule(string path, IntPtr handle, IReadOnlyList<string> preloaded)
        {
            Path = path;
            Handle = handle;
            Preloaded = preloaded;
        }

        public string Path { get; }

        public IntPtr Handle { get; }

        /// <summary>Libraries beside this one that were loaded first so the dynamic linker finds them (Linux).</summary>
        public IReadOnlyList<string> Preloaded { get; }

        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Loads the library at <paramref name="fullPath"/>; throws <see cref="CubeProgrammerLoadException"/> with the loader's reason.</summary>
        public static NativeModule Load(string fullPath)
        {
            if (!System.IO.Path.IsPathRooted(fullPath))
                throw new ArgumentException($"'{fullPath}' is not a full path; libraries are loaded by full path only.", nameof(fullPath));
            var preloaded = new List<string>();
            if (!IsWindows && !RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
                PreloadSiblings(fullPath, new HashSet<string>(StringComparer.Ordinal) { fullPath }, preloaded);
            var handle = IsWindows ? WindowsLoader.Open(fullPath, out var error) : UnixDynamicLinker.Open(fullPath, out error);
            if (handle == IntPtr.Zero)
                throw new CubeProgrammerLoadException(fullPath, $"The library '{fullPath}' exists but could not be loaded: {error}", null);
            return new NativeModule(fullPath, handle, preloaded);
        }

        /// <summary>
        /// dlopen of a full path does not add that folder to the linker's search path, and ST's Linux libraries expect
        /// LD_LIBRARY_PATH to name it. Instead, each library the API needs (DT_NEEDED) that sits in the same folder is
        /// loaded first by its full path, its own such dependencies before it; the linker then satisfies the API's
        /// needs by name from what is already loaded. Nothing is looked up in the current directory.
        /// </summary>
        private static void PreloadSiblings(string library, HashSet<string> visited, List<string> preloaded)
        {
            IReadOnlyList<string> needed;
            try
            {
                needed = ElfDependencies.Read(library);
            }
            catch (IOException)
            {
                return;
            }
            var folder = System.IO.Path.GetDirectoryName(library)!;
            foreach (var name in needed)
            {
                if (name.IndexOf('/') >= 0) continue;
                var sibling = System.IO.Path.Combine(folder, name);
                if (!File.Exists(sibling) || !visited.Add(sibling)) continue;
                PreloadSiblings(sibling, visited, preloaded);
                if (UnixDynamicLinker.Open(sibling, out _) != IntPtr.Zero) preloaded.Add(sibling);
            }
        }

        public IntPtr Export(string name) => IsWindows ? WindowsLoader.Symbol(Handle, name) : UnixDynamicLinker.Symbol(Handle, name);

        public T? Function<T>(string name) where T : Delegate
        {
            var p = Export(name);
            return p == IntPtr.Zero ? null : (T)Marshal.GetDelegateForFunctionPointer(p, typeof(T));
        }
    }
}
