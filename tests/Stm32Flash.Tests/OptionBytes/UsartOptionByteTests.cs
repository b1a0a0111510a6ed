using System.Collections.Generic;
using System.Linq;
using Stm32Flash.OptionBytes;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.OptionBytes
{
    /// <summary>The USART host writes option bytes, waits for the chip's reset, synchronises again and reads its layout anew.</summary>
    public class UsartOptionByteTests
    {
        private static OptionBytePlan Plan(ITarget target, params (string Name, uint Value)[] settings) =>
            OptionBytePlanner.Plan(target.Device, OptionByteAccess.Read(target), settings.Select(s => new KeyValuePair<string, uint>(s.Name, s.Value)));

        [Fact]
        public void A_bank_mode_change_is_written_and_the_host_plans_with_the_new_layout()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            Assert.True(target.Capabilities.CanReadOptionBytes && target.Capabilities.CanWriteOptionBytes);
            var plan = Plan(target, ("DBANK", 0));
            OptionByteAccess.Write(target, plan);
            Assert.Equal("read back: DBANK = 0", OptionByteAccess.Confirm(target, plan));
            Assert.Equal("single bank", target.Device.Layout!.Name);
            Assert.Equal(4096, target.Device.Flash.PageByNumber(0)!.Size);
            Assert.False(target.Capabilities.CanEraseBank);
            Assert.Equal(1, served.Simulation.ResetCount);
            target.ErasePages(new[] { 127 });
        }

        [Fact]
        public void An_option_byte_write_whose_ack_the_reset_swallowed_is_done_once_the_device_answers_0x7F_again()
        {
            using var served = ServedDevice.BehindLineFaults("STM32G474");
            var host = served.Bootloader();
            host.Synchronize();
            var area = served.Target.Device.OptionByteAreas[0];
            var current = new byte[8];
            host.ReadMemory(area.Start, current);
            // The device's answers to the write: ACK to the command, ACK to the address, then the data's ACK, lost here.
            served.Faults!.Arm(new LineFault(LineFaultKind.DropToHost, 2));
            host.WriteOptionBytes(area.Start, current);
            Assert.True(served.Faults!.Fired);
            Assert.Equal(1, served.Simulation.ResetCount);
            var after = new byte[8];
            host.ReadMemory(area.Start, after);
            Assert.Equal(current, after);
        }

        [Fact]
        public void Rdp_level_one_written_over_usart_is_confirmed_by_a_refused_read_and_unprotect_reopens_the_chip()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            target.Write(0x08000000, new byte[16]);
            var plan = Plan(target, ("RDP", 0xBB));
            OptionByteAccess.Write(target, plan);
            Assert.Equal("reads are refused now (readout protection level 1)", OptionByteAccess.Confirm(target, plan));
            target.ReadoutUnprotect();
            Assert.Equal(0xAAu, OptionByteDecoder.Decode(target.Device, OptionByteAccess.Read(target)).Single(f => f.Name == "RDP").Value);
            Assert.Empty(served.Simulation.ExportFlash());
        }

        [Fact]
        public void A_chip_that_no_longer_starts_its_bootloader_is_reported_as_such()
        {
            using var served = new ServedDevice("STM32G474");
            using var target = served.Connect();
            var ex = Assert.Throws<UsartTransactionException>(() => OptionByteAccess.Write(target, Plan(target, ("nSWBOOT0", 0))));
            Assert.Equal(TargetErrorKind.Timeout, ex.Kind);
            Assert.Contains("start from flash whatever BOOT0 says", ex.LikelyCause);
            Assert.Equal(0x08000000u, served.Simulation.RunningFrom);
        }
    }
}
