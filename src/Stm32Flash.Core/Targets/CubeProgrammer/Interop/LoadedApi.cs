using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Stm32Flash.Targets.CubeProgrammer.Interop
{
    /// <summary>
    /// One loaded CubeProgrammer_API for the life of the process: its exports, the display callbacks it holds (kept alive
    /// here, since the library may call them from any of its threads at any time), and the one connection it allows.
    /// </summary>
    internal sealed class LoadedApi
    {
        private static readonly Regex VersionText = new Regex(@"API v(\d+)\.(\d+)(?:\.(\d+))?", RegexOptions.CultureInvariant);

        private readonly InitProgressBarCallback _initProgressBar;
        private readonly LogMessageCallback _logMessage;
        private readonly LoadBarCallback _loadBar;
        private string? _lastError;

        public LoadedApi(NativeModule library)
        {
            Library = library;
            Exports = new ApiExports(library);
            _initProgressBar = OnInitProgressBar;
            _logMessage = OnLogMessage;
            _loadBar = OnLoadBar;
            Callbacks = new DisplayCallBacksNative
            {
                InitProgressBar = Marshal.GetFunctionPointerForDelegate(_initProgressBar),
                LogMessage = Marshal.GetFunctionPointerForDelegate(_logMessage),
                LoadBar = Marshal.GetFunctionPointerForDelegate(_loadBar),
            };
            lock (Gate)
                Exports.Get<SetDisplayCallbacksFn>("setDisplayCallbacks", "messages and progress")(Callbacks);
        }

        public NativeModule Library { get; }

        public ApiExports Exports { get; }

        public DisplayCallBacksNative Callbacks { get; }

        /// <summary>Serialises calls: the API is one global state machine.</summary>
        public object Gate { get; } = new object();

        /// <summary>The connection this library holds, if any; the API allows one per process.</summary>
        public CubeProgrammerTarget? Owner { get; set; }

        /// <summary>Where library messages go: (level, text). Set by whoever is using the library.</summary>
        public volatile Action<TargetLogLevel, string>? LogSink;

        /// <summary>Where loadBar(done, total) goes; initProgressBar arrives as (0, 0).</summary>
        public volatile Action<int, int>? ProgressSink;

        /// <summary>The version the library printed in its log ("STM32CubeProgrammer API v2.15.0 | ..."), once seen.</summary>
        public Version? LoggedVersion { get; private set; }

        public string? LoggedVersionText { get; private set; }

        /// <summary>The version in the file's version resource (Windows DLLs carry one); null elsewhere.</summary>
        public Version? FileVersion
        {
            get
            {
                if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
                var info = FileVersionInfo.GetVersionInfo(Library.Path);
                return info.FileMajorPart == 0 && info.FileMinorPart == 0 ? null : new Version(info.FileMajorPart, info.FileMinorPart, info.FileBuildPart);
            }
        }

        /// <summary>Starts collecting the library's error messages for one call.</summary>
        public void BeginCall() => _lastError = null;

        /// <summary>The last error message the library logged since <see cref="BeginCall"/>.</summary>
        public string? LastError => _lastError;

        public static TargetLogLevel LevelOf(int messageType) => messageType switch
        {
            0 or 1 or 2 or 3 or 9 => TargetLogLevel.Information,
            4 or 10 => TargetLogLevel.Warning,
            5 or 11 => TargetLogLevel.Error,
            _ => TargetLogLevel.Verbose,
        };

        private void OnLogMessage(int messageType, IntPtr text)
        {
            try
            {
                var message = WideString.Decode(text) ?? "";
                var level = LevelOf(messageType);
                if (level == TargetLogLevel.Error) _lastError = message;
                if (LoggedVersion is null)
                {
                    var m = VersionText.Match(message);
                    if (m.Success)
                    {
                        LoggedVersionText = message.Trim();
                        LoggedVersion = new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value),
                            m.Groups[3].Success ? int.Parse(m.Groups[3].Value) : 0);
                    }
                }
                LogSink?.Invoke(level, message);
            }
            catch (Exception)
            {
                // An exception must not unwind into the library's native frames; a lost message is the lesser harm.
            }
        }

        private void OnLoadBar(int done, int total)
        {
            try
            {
                ProgressSink?.Invoke(done, total);
            }
            catch (Exception)
            {
                // As above: never unwind into native code.
            }
        }

        private void OnInitProgressBar() => OnLoadBar(0, 0);
    }
}
