using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Targets;
using Stm32Flash.Targets.Usart;
using Stm32Flash.Tests.Usart.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    /// <summary>
    /// What the host tells -Verbose when it synchronises and recovers: each line names the link and what the device did, so
    /// a user reading the trace of a flaky line sees which recovery ran.
    /// </summary>
    public class UsartTraceTests
    {
        private static (ServedDevice Served, UsartBootloader Host, List<string> Lines) Traced()
        {
            var served = new ServedDevice("STM32G474");
            var host = served.Bootloader();
            var lines = new List<string>();
            host.Log = (level, text) =>
            {
                Assert.Equal(TargetLogLevel.Verbose, level);
                lines.Add(text);
            };
            return (served, host, lines);
        }

        private static void AssertTraced(List<string> lines, string text, ServedDevice served)
        {
            Assert.True(lines.Any(l => l.StartsWith(served.Line.Description + ": ", System.StringComparison.Ordinal) && l.Contains(text)),
                $"No trace line says '{text}':\n" + string.Join("\n", lines));
            lines.Clear();
        }

        [Fact]
        public void Synchronising_says_whether_the_device_measured_the_baud_rate_or_was_synchronised_already()
        {
            var (served, host, lines) = Traced();
            using (served)
            {
                host.Synchronize();
                AssertTraced(lines, "0x7F: ACK, the device measured the baud rate", served);
                host.Synchronize();
                AssertTraced(lines, "0x7F: NACK, the device was synchronised already", served);
            }
        }

        [Fact]
        public void Each_recovery_names_itself()
        {
            var (served, host, lines) = Traced();
            using (served)
            {
                host.Synchronize();
                lines.Clear();
                Assert.True(host.Realign());
                AssertTraced(lines, "back in step at a command boundary", served);

                served.Line.Write(UsartFrame.Command(UsartCodes.WriteMemory));
                served.Line.Write(UsartFrame.Word(0x08000000));
                System.Threading.Thread.Sleep(50);
                Assert.True(host.AbortWriteMemory());
                AssertTraced(lines, "Write Memory aborted with a block the device refuses (it answered NACK (0x1F))", served);

                served.Line.Write(UsartFrame.Command(UsartCodes.WriteMemory));
                served.Line.Write(UsartFrame.Word(0x08000000));
                served.Line.Write(new byte[] { 0xFF, 1, 2, 3 });
                System.Threading.Thread.Sleep(50);
                Assert.True(host.Resynchronize());
                // One burst normally; more when a loaded machine delays the device's answers past the first round's wait.
                Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^faulty host end: resynchronised \(\d+ burst\(s\) of filler\)$"));
                lines.Clear();

                host.WriteUnprotect();
                Assert.Matches(@"^faulty host end: Write Unprotect: the device restarted and answered 0x7F after \d+ ms$", Assert.Single(lines));
            }
        }
    }
}
