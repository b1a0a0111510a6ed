using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.CubeProgrammer.Cmdlets
{
    /// <summary>
    /// A runspace with the module imported and $api set to the fake library's install folder. Disposing it removes the
    /// module, which closes its sessions: the fake allows one connection per process, and the next test needs it free.
    /// </summary>
    public sealed class CubeShell : IDisposable
    {
        private readonly PsSession _ps = new PsSession();

        public CubeShell(string variant = FakeLibraryBuild.Default)
        {
            Api = FakeLibraryBuild.Instance.InstallFolder(variant);
            _ps.Run("$api = $args[0]", Api).AssertNoErrors();
        }

        public string Api { get; }

        public PsResult Run(string script, params object[] args) => _ps.Run(script, args);

        public void SetLocation(string path) => _ps.SetLocation(path);

        /// <summary>Connect-Stm32 -Interface I2C to the fake at 0x4A with the given extra parameters; fails the test on errors.</summary>
        public PSObject ConnectI2c(string extra = "") =>
            Run($"Connect-Stm32 -Interface I2C -ApiPath $api -I2cAddress 0x4A {extra}").AssertNoErrors().Output.Single();

        public void Dispose()
        {
            _ps.Run("Get-Module Stm32Flash | Remove-Module");
            _ps.Dispose();
        }
    }

    internal static class PsObjects
    {
        public static T Property<T>(this PSObject o, string name) => (T)o.Properties[name].Value;

        public static IEnumerable<string> Messages(this IEnumerable<VerboseRecord> records) => records.Select(r => r.Message);
    }
}
