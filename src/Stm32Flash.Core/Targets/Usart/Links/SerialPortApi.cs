using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>
    /// System.IO.Ports's SerialPort, reached by name at run time rather than compiled against. The package's assemblies carry
    /// their patch in the version (9.0.23 is assembly 9.0.0.23), so a compiled reference would refuse every host whose own
    /// copy is older: each PowerShell 7.5.x ships the 9.0.x of its .NET. By name, the host's copy is used whatever its
    /// version: PowerShell 7.4 (8.0), 7.5 (9.0), 7.6 (10.0), or System.dll on .NET Framework (Windows PowerShell 5.1).
    /// Only the opening goes through reflection; the bytes go through the port's BaseStream.
    /// </summary>
    internal sealed class SerialPortApi
    {
        private static readonly string[] Homes =
        {
            "System.IO.Ports.SerialPort, System.IO.Ports",
            "System.IO.Ports.SerialPort, System, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089",
        };

        private static SerialPortApi? _loaded;
        private readonly Type _port;

        private SerialPortApi(Type port) => _port = port;

        /// <summary>The assembly SerialPort came from, e.g. "System.IO.Ports, Version=10.0.0.14".</summary>
        public string Assembly => _port.Assembly.GetName().ToString();

        public static SerialPortApi Load()
        {
            if (_loaded != null) return _loaded;
            Exception? failure = null;
            foreach (var home in Homes)
            {
                try
                {
                    var type = Type.GetType(home, throwOnError: false);
                    if (type != null) return _loaded = new SerialPortApi(type);
                }
                catch (Exception ex) when (ex is FileLoadException || ex is BadImageFormatException || ex is TypeLoadException)
                {
                    failure = ex;
                }
            }
            throw new SerialPortUnavailableException(failure);
        }

        /// <summary>A closed port set to 8 data bits, 1 stop bit, the parity asked, no handshake.</summary>
        public object Create(SerialLinkSettings settings)
        {
            var assembly = _port.Assembly;
            var parity = Enum.Parse(assembly.GetType("System.IO.Ports.Parity", true)!, settings.Parity == SerialParity.Even ? "Even" : "None");
            var stopBits = Enum.Parse(assembly.GetType("System.IO.Ports.StopBits", true)!, "One");
            var port = Invoke(() => Activator.CreateInstance(_port, settings.Port, settings.BaudRate, parity, 8, stopBits)!);
            Set(port, "Handshake", Enum.Parse(assembly.GetType("System.IO.Ports.Handshake", true)!, "None"));
            return port;
        }

        public void Set(object port, string property, object value) => Invoke(() => _port.GetProperty(property)!.SetValue(port, value));

        public void Call(object port, string method) => Invoke(() => _port.GetMethod(method, Type.EmptyTypes)!.Invoke(port, null));

        public Stream BaseStream(object port) => (Stream)Invoke(() => _port.GetProperty("BaseStream")!.GetValue(port)!);

        /// <summary>
        /// The open port's OS handle on Unix (System.IO.Ports keeps it in its stream's _handle), or null where that is not
        /// how this version keeps it; then the stream is used instead.
        /// </summary>
        public SafeHandle? UnixHandle(object port)
        {
            var stream = BaseStream(port);
            return stream.GetType().GetField("_handle", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(stream) as SafeHandle;
        }

        public string[] PortNames() => (string[])Invoke(() => _port.GetMethod("GetPortNames", Type.EmptyTypes)!.Invoke(null, null)!);

        // Reflection wraps what the port throws; callers want the port's own exception.
        private static T Invoke<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        private static void Invoke(Action call) => Invoke(() =>
        {
            call();
            return 0;
        });
    }
}
