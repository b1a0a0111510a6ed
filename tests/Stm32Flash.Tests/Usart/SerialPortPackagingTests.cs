using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// What the built module ships for serial ports (nothing: the host's System.IO.Ports is used), and that System.IO.Ports is
    /// loaded only when a port is used, by name, so that any version the host has binds.
    /// </summary>
    public class SerialPortPackagingTests
    {
        [Fact]
        public void The_module_ships_no_system_io_ports_and_is_not_compiled_against_one()
        {
            Assert.Empty(Directory.GetFiles(Repo.ModuleFolder, "System.IO.Ports.dll", SearchOption.AllDirectories));
            // The package's assemblies carry their patch in the version (9.0.23 is 9.0.0.23): a compiled reference would refuse
            // any host whose copy is older, such as each PowerShell 7.5.x. SerialPort is found by name instead.
            foreach (var dll in new[] { "Stm32Flash.dll", "Stm32Flash.Core.dll" })
                Assert.DoesNotContain(References(Path.Combine(Repo.ModuleFolder, dll)), r => r.Name == "System.IO.Ports");
            var packaged = AssemblyName.GetAssemblyName(typeof(System.IO.Ports.SerialPort).Assembly.Location).Version!;
            Assert.NotEqual(0, packaged.Revision);
        }

        [Fact]
        public void Nothing_loads_system_io_ports_until_a_port_is_opened()
        {
            // Not collectible: methods of collectible assemblies cannot be compiled ahead with PrepareMethod.
            var context = new WatchingContext(Repo.ModuleFolder);
            {
                var module = context.LoadFromAssemblyPath(Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll"));
                var core = context.LoadFromAssemblyPath(Path.Combine(Repo.ModuleFolder, "Stm32Flash.Core.dll"));
                var compiled = 0;
                foreach (var type in module.GetTypes().Concat(core.GetTypes()))
                {
                    // What Import-Module reads: every type's attributes and every property's type and attributes.
                    _ = type.GetCustomAttributes(true);
                    foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                    {
                        _ = p.PropertyType;
                        _ = p.GetCustomAttributes(true);
                    }
                    if (type.ContainsGenericParameters) continue;
                    // What running any cmdlet or any core code could JIT: every method.
                    foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                                 .Cast<MethodBase>().Concat(type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)))
                    {
                        if (m.IsAbstract || m.ContainsGenericParameters || (m.Attributes & MethodAttributes.PinvokeImpl) != 0
                            || (m.GetMethodImplementationFlags() & MethodImplAttributes.Runtime) != 0) continue;
                        RuntimeHelpers.PrepareMethod(m.MethodHandle);
                        compiled++;
                    }
                }
                Assert.True(compiled > 500, $"only {compiled} methods compiled");
                Assert.Empty(context.PortsRequests);

                // Listing the ports asks for System.IO.Ports by name, with no version: the host's copy, whichever it is.
                var names = core.GetType("Stm32Flash.Targets.Usart.SerialLinks")!.GetMethod("PortNames")!.Invoke(null, null);
                Assert.NotNull(names);
                Assert.Contains(context.PortsRequests, r => r.StartsWith("System.IO.Ports,", StringComparison.Ordinal) && !r.Contains("Version="));
            }
        }

        [Fact]
        public void A_runtime_without_system_io_ports_gets_an_error_that_says_what_provides_it()
        {
            var stub = new PlatformNotSupportedException("System.IO.Ports is currently only supported on Windows.");
            var ex = new SerialPortUnavailableException(stub);
            Assert.Contains("PowerShell 7 and Windows PowerShell 5.1 provide it", ex.Message);
            Assert.Contains("System.IO.Ports is currently only supported on Windows", ex.Message);
            Assert.Same(stub, ex.InnerException);
            Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, ex.Runtime);
        }

        private static List<AssemblyName> References(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var md = pe.GetMetadataReader();
            return md.AssemblyReferences.Select(h => md.GetAssemblyReference(h).GetAssemblyName()).ToList();
        }

        private sealed class WatchingContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public WatchingContext(string folder)
                : base("serial-port laziness", isCollectible: false)
            {
                _folder = folder;
            }

            public List<string> PortsRequests { get; } = new List<string>();

            protected override Assembly? Load(AssemblyName name)
            {
                if (name.Name == "System.IO.Ports")
                {
                    lock (PortsRequests) PortsRequests.Add(name.FullName);
                    return null;
                }
                var local = Path.Combine(_folder, name.Name + ".dll");
                return name.Name!.StartsWith("Stm32Flash", StringComparison.Ordinal) && File.Exists(local) ? LoadFromAssemblyPath(local) : null;
            }
        }
    }
}
