using System;
using System.IO;
using System.Linq;
using Stm32Flash.Devices;
using Stm32Flash.Images;
using Stm32Flash.Targets.Dfu;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Dfu
{
    /// <summary>Connect-Stm32 -Usb and the device cmdlets against the fake libusb.</summary>
    public sealed class UsbCmdletTests
    {
        [Fact]
        public void Connect_usb_write_passthru_test_and_start()
        {
            using var board = new FakeDfuBoard();
            using var ps = new PsSession();
            var image = new[] { new Segment(0x08000000, UsbDfuTargetTests.Pattern(3000, 1)), new Segment(0x08008000, UsbDfuTargetTests.Pattern(5000, 2)) };
            var hex = Path.Combine(board.Folder, "fw.hex");
            ImageWriter.Write(hex, image, new ImageWriteOptions { Format = ImageFormat.IntelHex });

            var session = ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -Device STM32F407", board.LibraryPath).AssertNoErrors().Output.Single();
            Assert.Equal("STM32F405", ((DeviceInfo)session.Properties["Device"].Value).Name);
            Assert.Equal(TargetInterface.Dfu, session.Properties["Interface"].Value);
            Assert.Equal("libusb 1-3.1 serial 375A36503036", session.Properties["Connection"].Value);
            Assert.IsType<UsbDfuTarget>(session.Methods["GetTarget"].Invoke());

            var verified = ps.Run("Get-HexSegment $args[0] | Write-Stm32Memory -PassThru | Test-Stm32Memory", hex).AssertNoErrors().Objects<VerifyResult>().ToList();
            Assert.Equal(2, verified.Count);
            Assert.All(verified, v => Assert.True(v.Match));
            Assert.All(verified, v => Assert.Equal(VerifyMethod.ReadBack, v.Method));
            var flash = board.Memory();
            Assert.Equal(image[1].Data, flash.AsSpan(0x8000, 5000).ToArray());

            ps.Run("Start-Stm32 -Confirm:$false").AssertNoErrors();
            Assert.Contains("leave 0x08000000", board.Events());
        }

        [Fact]
        public void A_device_with_another_layout_than_the_one_named_is_refused_with_DfuLayoutMismatch()
        {
            using var board = new FakeDfuBoard();
            using var ps = new PsSession();
            var result = ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -Device STM32L552", board.LibraryPath);
            var error = Assert.Single(result.Errors);
            Assert.Equal("DfuLayoutMismatch,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Contains("STM32L552", error.ToString());
        }

        [Fact]
        public void No_device_and_no_library_are_named_errors()
        {
            using var board = new FakeDfuBoard();
            using var ps = new PsSession();
            var result = ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -SerialNumber NOPE", board.LibraryPath);
            var error = Assert.Single(result.Errors);
            Assert.Equal("UsbDeviceNotFound,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
            Assert.Contains("375A36503036", error.ToString());
            result = ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0]", Path.Combine(board.Folder, "missing.so"));
            error = Assert.Single(result.Errors);
            Assert.Equal("LibUsbNotFound,Stm32Flash.Commands.ConnectStm32Command", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void A_write_error_names_the_dfu_status_and_the_segment()
        {
            using var board = new FakeDfuBoard();
            board.Settings["fault_write"] = "0x08004010";
            board.WriteConfig();
            using var ps = new PsSession();
            ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -Device STM32F405", board.LibraryPath).AssertNoErrors();
            var result = ps.Run("[Stm32Flash.Segment]::new([uint32]0x08004000, [byte[]](1..200)) | Write-Stm32Memory");
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("FlashRuleViolation", error.FullyQualifiedErrorId);
            Assert.Contains("errWRITE", error.ToString());
            Assert.Contains("0x08004000", error.ToString());
        }
    
        [Fact]
        public void Get_Stm32Probe_Usb_lists_the_devices_libusb_sees_in_their_view()
        {
            using var board = new FakeDfuBoard();
            board.AddDevice("205F37A05140", "2", new[] { "@Internal Flash  /0x08000000/128*02Kg" });
            var host = new TextHost(80);
            using var ps = new PsSession(host);
            var devices = ps.Run("Get-Stm32Probe -Usb -LibUsbPath $args[0]", board.LibraryPath).AssertNoErrors().Objects<UsbDfuDevice>().ToList();
            Assert.Equal(new[] { "1-3.1", "1-2" }, devices.Select(d => d.Path));
            Assert.Equal(256 * 1024, devices[1].Flash!.Size);
            ps.Run("Get-Stm32Probe -Usb -LibUsbPath $args[0] | Out-Host", board.LibraryPath).AssertNoErrors();
            var text = System.Text.RegularExpressions.Regex.Replace(host.Take(), "\u001b\\[[0-9;]*m", "");
            Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 80, l));
            Assert.All(new[] { "Path", "SerialNumber", "TransferSize", "Flash", "1-3.1", "375A36503036", "2048", "@Internal Flash", "/0x08000000/128*02Kg" }, s => Assert.Contains(s, text));
            // two devices match by default: Connect-Stm32 -Usb asks which one
            var result = ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0]", board.LibraryPath);
            Assert.Equal("UsbDeviceAmbiguous,Stm32Flash.Commands.ConnectStm32Command", Assert.Single(result.Errors).FullyQualifiedErrorId);
            ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -UsbPath 1-2 -Device STM32L476", board.LibraryPath).AssertNoErrors();
        }
    
        [Fact]
        public void Get_stm32probe_without_parameters_lists_the_dfu_devices_libusb_sees_when_no_cubeprogrammer_is_installed()
        {
            using var board = new FakeDfuBoard();
            board.AddDevice("205F37A05140", "2", new[] { "@Internal Flash  /0x08000000/128*02Kg" });
            using var ps = new PsSession(new TextHost(80));
            // This machine has no STM32CubeProgrammer: without libusb either, the CubeProgrammer_API error stands.
            var nothing = ps.Run("Get-Stm32Probe -LibUsbPath /no/such/libusb-1.0.so.0");
            Assert.Equal("CubeProgrammerNotFound,Stm32Flash.Commands.GetStm32ProbeCommand", Assert.Single(nothing.Errors).FullyQualifiedErrorId);
            var devices = ps.Run("Get-Stm32Probe -LibUsbPath $args[0] -Verbose", board.LibraryPath).AssertNoErrors();
            Assert.Equal(new[] { "1-3.1", "1-2" }, devices.Objects<UsbDfuDevice>().Select(d => d.Path));
            Assert.Contains(devices.Verbose, v => v.Message.Contains("No ST-LINK probes listed"));
        }

        [Fact]
        public void Option_bytes_are_read_and_written_through_their_alternate_setting_and_the_device_is_found_again_after_its_reset()
        {
            using var board = new FakeDfuBoard();
            // STM32F405 factory option bytes: USER 0xEC (BOR off, software watchdog, no reset on Stop/Standby), RDP 0xAA, nWRP 0xFFF
            board.Settings["init1"] = "ECAA000000000000FF0F000000000000";
            board.WriteConfig();
            using var ps = new PsSession();
            ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -Device STM32F405", board.LibraryPath).AssertNoErrors();
            var before = ps.Run("Get-Stm32OptionByte | Where-Object Name -eq BOR_LEV | ForEach-Object Value").AssertNoErrors().Output.Single();
            Assert.Equal(3u, System.Convert.ToUInt32(before.BaseObject));
            ps.Run("Set-Stm32OptionByte BOR_LEV 1 -Confirm:$false").AssertNoErrors();
            Assert.Contains(board.Events(), e => e.StartsWith("option-bytes 0x1FFFC000"));
            Assert.Equal(0xE4, board.Memory(1)[0]);
            Assert.Equal(0xAA, board.Memory(1)[1]);
            var after = ps.Run("Get-Stm32OptionByte | Where-Object Name -eq BOR_LEV | ForEach-Object Value").AssertNoErrors().Output.Single();
            Assert.Equal(1u, System.Convert.ToUInt32(after.BaseObject));
            // the session still writes flash after the reset
            ps.Run("[Stm32Flash.Segment]::new([uint32]0x08000000, [byte[]](1..64)) | Write-Stm32Memory -PassThru | Test-Stm32Memory").AssertNoErrors();
        }
    
        [Fact]
        public void Readout_protection_refuses_uploads_with_errVENDOR_and_read_unprotect_erases_and_reconnects()
        {
            using var board = new FakeDfuBoard();
            board.Settings["readout_protected"] = "1";
            board.WriteConfig();
            using var ps = new PsSession();
            ps.Run("Connect-Stm32 -Usb -LibUsbPath $args[0] -Device STM32F405", board.LibraryPath).AssertNoErrors();
            var refused = ps.Run("Read-Stm32Memory 0x08000000 16");
            var error = Assert.Single(refused.Errors);
            Assert.StartsWith("ReadoutProtected", error.FullyQualifiedErrorId);
            Assert.Contains("errVENDOR", error.ToString());
            ps.Run("Unprotect-Stm32 -Readout -Confirm:$false").AssertNoErrors();
            Assert.Contains("read-unprotect", board.Events());
            var bytes = ps.Run("Read-Stm32Memory 0x08000000 16 | ForEach-Object Data").AssertNoErrors().Output.Select(o => (byte)o.BaseObject).ToArray();
            Assert.Equal(Enumerable.Repeat((byte)0xFF, 16), bytes);
        }
    }
}
