using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stm32Flash.Images;
using Xunit;

namespace Stm32Flash.Tests.Images
{
    /// <summary>
    /// Valid files with a few random edits: the reader either reads them or throws ImageFormatException, never
    /// anything else, and never returns data outside what the file could hold (the two passes must agree).
    /// </summary>
    public class DamagedFileProperties
    {
        public sealed class Damage
        {
            public Damage(ImageSpec spec, ImageFormat format, int seed, int edits)
            {
                Spec = spec;
                Format = format;
                Seed = seed;
                Edits = edits;
            }

            public ImageSpec Spec { get; }
            public ImageFormat Format { get; }
            public int Seed { get; }
            public int Edits { get; }

            public override string ToString() => $"{Format}, {Edits} edits, seed {Seed}, {Spec}";
        }

        public static class Arbitraries
        {
            public static Arbitrary<Damage> Damages() => Arb.From(
                from spec in ImageSpec.Generator
                from format in Gen.Elements(ImageFormat.IntelHex, ImageFormat.SRecord, ImageFormat.Dfu)
                from seed in Gen.Choose(0, int.MaxValue)
                from edits in Gen.Choose(1, 4)
                select new Damage(spec, format, seed, edits));
        }

        private static readonly byte[] Alphabet = "0123456789ABCDEFabcdefGS:\r\n \t\0\xFF".Select(c => (byte)c).ToArray();

        private static byte[] Damaged(Damage damage)
        {
            var stream = new MemoryStream();
            ImageWriter.Write(stream, damage.Spec.Segments, new ImageWriteOptions { Format = damage.Format, StartAddress = damage.Spec.Start?.Kind == StartAddressKind.LinearEip ? damage.Spec.Start : null, RecordLength = damage.Spec.RecordLength % 200 + 1 });
            var bytes = new List<byte>(stream.ToArray());
            var random = new Random(damage.Seed);
            for (var i = 0; i < damage.Edits && bytes.Count > 0; i++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0:
                        bytes[at] = damage.Format == ImageFormat.Dfu ? (byte)random.Next(256) : Alphabet[random.Next(Alphabet.Length)];
                        break;
                    case 1:
                        bytes.RemoveAt(at);
                        break;
                    default:
                        bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                }
            }
            return bytes.ToArray();
        }

        private static string Outcome(byte[] bytes, Damage damage)
        {
            try
            {
                var image = ImageReader.Read(new MemoryStream(bytes), new ImageReadOptions { Format = damage.Format, Overlap = damage.Seed % 2 == 0 ? OverlapPolicy.Error : OverlapPolicy.LastWins });
                Assert.True(image.ByteCount <= bytes.Length, "more data than the file could hold");
                Assert.All(image.Segments.Zip(image.Segments.Skip(1), (a, b) => (a, b)), p => Assert.True(p.a.EndAddress < p.b.Address));
                return string.Join(";", image.Segments.Select(s => $"{s.Address:X8}:{Convert.ToBase64String(s.Data)}")) + $" start {image.StartAddress}";
            }
            catch (ImageFormatException ex)
            {
                return $"{ex.Kind} at {ex.Line}:{ex.Column} +{ex.Offset}";
            }
        }

        [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 400)]
        public void Damaged_files_read_or_fail_with_ImageFormatException(Damage damage)
        {
            Outcome(Damaged(damage), damage);
        }

        [Property(Arbitrary = new[] { typeof(Arbitraries) }, MaxTest = 300)]
        public void A_small_input_window_gives_the_same_result_as_the_default_one(Damage damage, PositiveInt extra)
        {
            // A quarter of the files are left intact, so valid files cross the refills too.
            var bytes = damage.Edits == 1 ? Intact(damage) : Damaged(damage);
            var expected = Outcome(bytes, damage);
            var small = System.Threading.Tasks.Task.Run(() =>
            {
                // Just over the 1024 bytes a record may need, so batches end and refill at every kind of place.
                Stm32Flash.Images.Reading.InputWindow.SizeOverride = 1025 + extra.Get % 1000;
                try
                {
                    return Outcome(bytes, damage);
                }
                finally
                {
                    Stm32Flash.Images.Reading.InputWindow.SizeOverride = 0;
                }
            });
            Assert.True(small.Wait(TimeSpan.FromSeconds(30)), "the reader made no progress with a small window");
            Assert.Equal(expected, small.Result);
        }

        private static byte[] Intact(Damage damage)
        {
            var stream = new MemoryStream();
            ImageWriter.Write(stream, damage.Spec.Segments, new ImageWriteOptions { Format = damage.Format, RecordLength = damage.Spec.RecordLength % 200 + 1 });
            return stream.ToArray();
        }
    }
}
