using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>A raw binary file: its bytes, at the address the caller gives.</summary>
    internal sealed class RawBinaryReader : BinaryFormatReader
    {
        public RawBinaryReader(Stream stream, ImageInfo image, ImageReadOptions options)
            : base(stream, image, options)
        {
        }

        protected override List<FileChunk> ParseStructure()
        {
            if (Options.Address is not uint address)
            {
                throw Error(ImageErrorKind.MissingAddress, 0, "a raw binary image has no addresses in it, so it needs a load address",
                    null, "the address of its first byte as the load address");
            }
            var length = Stream.Length;
            CheckedEnd(address, (ulong)length, 0, "the file");
            Image.LoadAddress = address;
            return new List<FileChunk> { new FileChunk(address, length, 0) };
        }
    }
}
