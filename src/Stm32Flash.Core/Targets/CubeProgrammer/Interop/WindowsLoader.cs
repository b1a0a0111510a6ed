using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// LoadLibraryExW by full path. The API's own DLLs (STLinkUSBDriver.dll, Qt) are found in the DLL's folder
    /// (LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR) and the system folders, never the current directory or PATH. Windows without
    /// the SetDefaultDllDirectories update rejects those flags; LOAD_WITH_ALTERED_SEARCH_PATH then searches the DLL's folder first.
    /// </summary>
    internal static class WindowsLoader
    {
        private const uint LoadLibrarySearchDllLoadDir = 0x00000100;
        private const uint LoadLibrarySearchDefaultDirs = 0x00001000;
        private const uint LoadWithAlteredSearchPath = 0x00000008;
        private const int ErrorInvalidParameter = 87;

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
        private static extern IntPtr LoadLibraryExW(string fileName, IntPtr reserved, uint flags);

        [DllImport("kernel32.dll", CharSet = CharSet.Ansi, SetLastError = true, ExactSpelling = true, BestFitMapping = false)]
        private static extern IntPtr GetProcAddress(IntPtr module, string procName);

        public static IntPtr Open(string fullPath, out string? error)
        {
            var handle = LoadLibraryExW(fullPath, IntPtr.Zero, LoadLibrarySearchDllLoadDir | LoadLibrarySearchDefaultDirs);
            var code = handle == IntPtr.Zero ? Marshal.GetLastWin32Error() : 0;
            if (handle == IntPtr.Zero && code == ErrorInvalidParameter)
            {
                handle = LoadLibraryExW(fullPath, IntPtr.Zero, LoadWithAlteredSearchPath);
                code = handle == IntPtr.Zero ? Marshal.GetLastWin32Error() : 0;
            }
            error = handle == IntPtr.Zero ? $"{new Win32Exception(code).Message} (Windows error {code})" : null;
            return handle;
        }

        public static IntPtr Symbol(IntPtr handle, string name) => GetProcAddress(handle, name);
    }
}
