using Stm32Flash.Targets.Usart;
using Xunit;

namespace Stm32Flash.Tests.Usart
{
    public class UsartFrameTests
    {
        [Fact]
        public void A_command_goes_with_its_complement()
        {
            Assert.Equal(new byte[] { 0x31, 0xCE }, UsartFrame.Command(UsartCodes.WriteMemory));
            Assert.Equal(new byte[] { 0x00, 0xFF }, UsartFrame.Command(UsartCodes.Get));
            Assert.Equal(new byte[] { 0xA1, 0x5E }, UsartFrame.Command(UsartCodes.GetChecksum));
        }

        [Fact]
        public void An_address_is_big_endian_with_the_xor_of_its_bytes()
        {
            // AN3155: 0x08000000 goes as 08 00 00 00 with checksum 08.
            Assert.Equal(new byte[] { 0x08, 0x00, 0x00, 0x00, 0x08 }, UsartFrame.Word(0x08000000));
            Assert.Equal(new byte[] { 0x20, 0x00, 0x40, 0x10, 0x70 }, UsartFrame.Word(0x20004010));
            Assert.True(UsartFrame.TryGetWord(new byte[] { 0x20, 0x00, 0x40, 0x10, 0x70 }, out var value));
            Assert.Equal(0x20004010u, value);
            Assert.False(UsartFrame.TryGetWord(new byte[] { 0x20, 0x00, 0x40, 0x10, 0x71 }, out _));
        }

        [Fact]
        public void A_block_checksum_is_the_xor_of_every_byte()
        {
            Assert.Equal(0x00, UsartFrame.Xor(new byte[] { 0xFF, 0xFF }));
            // Write Memory of 4 bytes: N = 3, then the data, then XOR(N, data).
            Assert.Equal(3 ^ 1 ^ 2 ^ 3 ^ 4, UsartFrame.Xor(new byte[] { 1, 2, 3, 4 }, 3));
        }

        [Fact]
        public void Codes_have_names_and_replies_read_as_words()
        {
            Assert.Equal("Extended Erase", UsartCodes.Name(0x44));
            Assert.Equal("command 0x55", UsartCodes.Name(0x55));
            Assert.Equal("NACK (0x1F)", UsartCodes.Reply(0x1F));
            Assert.Equal("ACK (0x79)", UsartCodes.Reply(0x79));
        }
    }
}
