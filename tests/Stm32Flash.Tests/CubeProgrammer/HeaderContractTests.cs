using System.IO;
using Stm32Flash.Targets.CubeProgrammer;
using Xunit;

namespace Stm32Flash.Tests.CubeProgrammer
{
    /// <summary>What ST's headers and examples expect of a caller, checked by the fake that follows them.</summary>
    public class HeaderContractTests : FakeLibraryTest
    {
        private const string DfuType = "dfuConnectParameters";

        [Fact]
        public void DownloadFile_passes_an_empty_bin_path_as_ST_examples_do()
        {
            var fake = Fake();
            var file = Path.Combine(Build.Root, "download-binpath.hex");
            File.WriteAllText(file, ":00000001FF\n");
            using var target = Load(new LogRecorder()).Connect(I2c());
            target.DownloadFile(file, 0x08000000, skipErase: false, verify: true);
            Assert.Contains($"downloadFile {file} 0x08000000 skipErase=0 verify=1 -> 0", fake.Calls);
        }

        [Fact]
        public void An_unset_usb_timeout_reaches_a_2_21_library_as_30000_ms()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            using (Load(new LogRecorder(), FakeLibraryBuild.V221, ApiLayoutVersion.V2_21).Connect(new DfuConnectOptions { UsbIndex = "USB1" }))
                Assert.Equal(30000, fake.Int32At(fake.LastStruct(DfuType), DfuType, "usbTimeout"));
            Assert.Contains("connectDfuBootloader2 USB1 usbTimeout=30000 -> 0", fake.Calls);
        }

        [Fact]
        public void A_2_21_library_whose_version_is_unknown_gets_30000_ms_too()
        {
            var fake = Fake(FakeLibraryBuild.V221);
            var library = Load(new LogRecorder(), FakeLibraryBuild.V221);
            Assert.True(library.Layout.IsFallback);
            using (library.Connect(new DfuConnectOptions { UsbIndex = "USB1" }))
                Assert.Equal(30000, fake.Int32At(fake.LastStruct(DfuType), DfuType, "usbTimeout"));
        }

        [Fact]
        public void Listing_probes_while_connected_enumerates_them_and_leaves_the_connection()
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            using var target = library.Connect(new DebugConnectOptions());
            Assert.Single(fake.CallsTo("getStLinkList"));
            Assert.Equal(2, library.GetStLinkProbes().Count);
            Assert.Single(fake.CallsTo("getStLinkEnumerationList"));
            Assert.Single(fake.CallsTo("getStLinkList"));
            Assert.True(target.IsConnected);
            target.Read(0x08000000, new byte[8]);
        }

        [Fact]
        public void Listing_probes_while_connected_through_a_bridge_leaves_the_connection()
        {
            var fake = Fake();
            var library = Load(new LogRecorder());
            using var target = library.Connect(I2c());
            Assert.Equal(2, library.GetStLinkProbes().Count);
            Assert.Empty(fake.CallsTo("getStLinkList"));
            Assert.True(target.IsConnected);
        }

        [Fact]
        public void Without_a_connection_probes_are_listed_with_getStLinkList()
        {
            var fake = Fake();
            Assert.Equal(2, Load(new LogRecorder()).GetStLinkProbes().Count);
            Assert.Single(fake.CallsTo("getStLinkList"));
            Assert.Empty(fake.CallsTo("getStLinkEnumerationList"));
        }
    }
}
