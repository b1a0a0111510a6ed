using System.IO;

namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// The 16-byte DFU suffix (DFU 1.1 appendix B) that ends every .dfu file: bcdDevice, idProduct, idVendor, bcdDFU,
    /// "UFD", bLength 16 and a CRC of everything before the CRC field.
    /// </summary>
    internal static class DfuSuffix
    {
        public const int Length = 16;

        /// <summary>
        /// True when a seekable stream ends with the suffix signature ('UFD' then bLength 16); the position is
        /// restored. The CRC is left to the reader, so a damaged file is reported rather than read as raw bytes.
        /// </summary>
        public static bool EndsWithSignature(Stream stream)
        {
            if (!stream.CanSeek || stream.Length < Length) return false;
            var position = stream.Position;
            try
            {
                stream.Position = stream.Length - 8;
                var tail = new byte[4];
                var count = 0;
                while (count < tail.Length)
                {
                    var read = stream.Read(tail, count, tail.Length - count);
                    if (read <= 0) return false;
                    count += read;
                }
                return tail[0] == 'U' && tail[1] == 'F' && tail[2] == 'D' && tail[3] == Length;
            }
            finally
            {
                stream.Position = position;
            }
        }
    }
}
