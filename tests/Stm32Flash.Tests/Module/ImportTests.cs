using System.IO;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Module
{
    public class ImportTests
    {
        [Fact]
        public void Importing_the_module_folder_finds_the_version_folder_inside()
        {
            using var ps = new PsSession(importModule: false);
            ps.SetLocation(Repo.Root);
            var module = ps.Run("Import-Module ./out/Stm32Flash -PassThru -ErrorAction Stop")
                .AssertNoErrors().Single<System.Management.Automation.PSModuleInfo>();
            Assert.Equal(Path.GetFullPath(Repo.ModuleFolder).TrimEnd('/'), module.ModuleBase.TrimEnd('/'));
            Assert.Contains("Get-Stm32Device", module.ExportedCmdlets.Keys);
        }
    }
}
