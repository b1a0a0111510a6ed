using System.Collections.Generic;
using System.Linq;
using Stm32Flash.Images;
using Stm32Flash.Tests.Infrastructure;
using Xunit;
using static Stm32Flash.Tests.Images.HexText;

namespace Stm32Flash.Tests.Images
{
    public class StreamingReadTests
    {
        [Fact]
        public void Segments_are_yielded_as_they_complete_before_the_rest_of_the_file_is_read()
        {
            using var temp = new TempFolder();
            var lines = new List<string> { Linear(0x0800) };
            lines.AddRange(Enumerable.Range(0, 40000).Select(i => Data((i * 16) & 0xFFFF, (byte)i)).Take(1));
            lines.Add(Linear(0x0801));
            for (var i = 0; i < 30000; i++) lines.Add(Data((i * 2) & 0xFFFF, (byte)i, (byte)(i >> 8)));
            lines.Add(":0100000" + "X" + "00");
            var path = temp.Write("big.hex", Lines(lines.ToArray()));

            var received = new List<Segment>();
            var error = Assert.ThrowsAny<ImageFormatException>(() =>
            {
                foreach (var segment in ImageReader.ReadSegments(path)) received.Add(segment);
            });
            Assert.Equal(30004L, error.Line);
            var first = Assert.Single(received);
            Assert.Equal(0x08000000u, first.Address);
            Assert.Equal(new byte[] { 0 }, first.Data);
        }

        [Fact]
        public void The_image_lists_its_segments_in_address_order_once_read()
        {
            using var temp = new TempFolder();
            var path = temp.Write("a.hex", Lines(Data(0x200, 2), Data(0x100, 1), StartLinear(0x101), End));
            var streamed = ImageReader.ReadSegments(path).ToList();
            var image = streamed[0].Source.Image!;
            Assert.Equal(new[] { 0x100u, 0x200u }, image.Segments.Select(s => s.Address));
            Assert.Equal(0x101u, image.StartAddress!.Address);
            Assert.All(streamed, s => Assert.Same(image, s.Source.Image));
        }
    }
}
