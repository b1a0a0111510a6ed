using System;
using System.Linq;
using Stm32Flash.Tests.Infrastructure;
using Xunit;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>[Stm32Flash.Formatting.ViewText]::Wrap, which the views use to break their text between words.</summary>
    public class ViewTextTests : IClassFixture<ViewTextTests.Session>
    {
        public sealed class Session : IDisposable
        {
            public PsSession Ps { get; } = new PsSession();

            public void Dispose() => Ps.Dispose();
        }

        private readonly PsSession _ps;

        public ViewTextTests(Session session) => _ps = session.Ps;

        private string[] Wrap(object? value, int width) =>
            ((string)_ps.Run("[Stm32Flash.Formatting.ViewText]::Wrap($args[0], $args[1])", value!, width).AssertNoErrors().Output.Single().BaseObject)
                .Split(Environment.NewLine);

        [Fact]
        public void Breaks_between_words_and_keeps_the_spaces_within_a_line()
        {
            Assert.Equal(new[] { "8N1, protocol", "3.1" }, Wrap("8N1, protocol 3.1", 14));
            Assert.Equal(new[] { "STM32  BOOTLOADER" }, Wrap("STM32  BOOTLOADER", 19));
            Assert.Equal(new[] { "a b", "c" }, Wrap("a b\nc", 10));
        }

        [Fact]
        public void Breaks_a_word_longer_than_a_line_after_a_separator_or_else_at_the_width()
        {
            Assert.Equal(new[] { "/tmp/views/", "pty/host at", "115200" }, Wrap("/tmp/views/pty/host at 115200", 11));
            Assert.Equal(new[] { "NUCLEO-", "L552ZE-Q" }, Wrap("NUCLEO-L552ZE-Q", 10));
            Assert.Equal(new[] { "0123", "4567", "89" }, Wrap("0123456789", 4));
        }

        [Fact]
        public void Null_is_an_empty_line()
        {
            Assert.Equal(new[] { "" }, Wrap(null, 10));
        }
    }
}
