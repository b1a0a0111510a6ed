using System.IO;
using System.Linq;
using FsCheck.Xunit;
using Stm32Flash.Images;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Whatever is written reads back the same: segments, bytes and start address.</summary>
    public class RoundTripProperties
    {
        /// <summary>The image read back; null for an image with no segments, which reads back as the error of a file that holds no data.</summary>
        private static ImageInfo? RoundTrip(ImageSpec spec, ImageWriteOptions options, ImageReadOptions? read = null)
        {
            var stream = new MemoryStream();
            ImageWriter.Write(stream, spec.Segments, options);
            stream.Position = 0;
            if (spec.Segments.Count == 0)
            {
                Assert.Equal(ImageErrorKind.Empty, Assert.ThrowsAny<ImageFormatException>(() => ImageReader.Read(stream, read)).Kind);
                return null;
            }
            var image = ImageReader.Read(stream, read);
            Assert.Equal(options.Format, image.Format);
            return image;
        }

        private static void SameSegments(ImageSpec spec, ImageInfo image)
        {
            Assert.Equal(spec.Segments.Select(s => s.Address), image.Segments.Select(s => s.Address));
            for (var i = 0; i < spec.Segments.Count; i++) Assert.Equal(spec.Segments[i].Data, image.Segments[i].Data);
        }

        [Property(Arbitrary = new[] { typeof(ImageSpecArbitrary) }, MaxTest = 150)]
        public void Intel_hex_round_trips(ImageSpec spec)
        {
            var image = RoundTrip(spec, new ImageWriteOptions { Format = ImageFormat.IntelHex, StartAddress = spec.Start, RecordLength = spec.RecordLength });
            if (image is null) return;
            SameSegments(spec, image);
            Assert.Equal(spec.Start, image.StartAddress);
        }

        [Property(Arbitrary = new[] { typeof(ImageSpecArbitrary) }, MaxTest = 150)]
        public void SRecord_round_trips(ImageSpec spec)
        {
            var image = RoundTrip(spec, new ImageWriteOptions { Format = ImageFormat.SRecord, StartAddress = spec.Start, RecordLength = spec.RecordLength, Header = "spec" });
            if (image is null) return;
            SameSegments(spec, image);
            Assert.Equal(spec.Start?.Address, image.StartAddress?.Address);
            Assert.Equal("spec", image.Header);
        }

        [Property(Arbitrary = new[] { typeof(ImageSpecArbitrary) }, MaxTest = 100)]
        public void DfuSe_round_trips(ImageSpec spec)
        {
            var image = RoundTrip(spec, new ImageWriteOptions { Format = ImageFormat.Dfu });
            if (image is null) return;
            SameSegments(spec, image);
            Assert.Single(image.Dfu!.Targets);
        }

        [Property(Arbitrary = new[] { typeof(ImageSpecArbitrary) }, MaxTest = 100)]
        public void Binary_round_trips_as_one_filled_segment(ImageSpec spec)
        {
            var first = spec.Segments.Count == 0 ? 0u : spec.Segments[0].Address;
            var image = RoundTrip(spec, new ImageWriteOptions { Format = ImageFormat.Binary, Fill = 0xA5 }, new ImageReadOptions { Format = ImageFormat.Binary, Address = first });
            if (image is null) return;
            var flat = Enumerable.Repeat((byte)0xA5, (int)(spec.Segments[spec.Segments.Count - 1].EndAddress - first)).ToArray();
            foreach (var s in spec.Segments) s.Data.CopyTo(flat, (int)(s.Address - first));
            var segment = Assert.Single(image.Segments);
            Assert.Equal(first, segment.Address);
            Assert.Equal(flat, segment.Data);
        }

        [Property(Arbitrary = new[] { typeof(ImageSpecArbitrary) }, MaxTest = 60)]
        public void Reading_back_with_MaxGap_joins_exactly_the_small_gaps(ImageSpec spec)
        {
            var image = RoundTrip(spec, new ImageWriteOptions { Format = ImageFormat.IntelHex }, new ImageReadOptions { MaxGap = 63, Fill = 0x5A });
            if (image is null) return;
            var expected = 1 + spec.Segments.Zip(spec.Segments.Skip(1), (a, b) => b.Address - a.EndAddress).Count(gap => gap > 63);
            Assert.Equal(expected, image.Segments.Count);
            foreach (var s in spec.Segments)
            {
                var holder = image.Segments.Single(r => r.Address <= s.Address && s.EndAddress <= r.EndAddress);
                Assert.Equal(s.Data, holder.Data.Skip((int)(s.Address - holder.Address)).Take(s.Length));
            }
            Assert.Equal(spec.Segments.Sum(s => s.Length) + CountFill(image, spec), image.ByteCount);
        }

        private static long CountFill(ImageInfo image, ImageSpec spec) =>
            image.Segments.Sum(r => r.Data.LongLength) - spec.Segments.Sum(s => (long)s.Length);
    }
}
