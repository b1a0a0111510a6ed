namespace Stm32Flash.Images.Reading
{
    /// <summary>The one error for every file that holds no data, whatever its format, and what the file held instead.</summary>
    internal static class EmptyImage
    {
        private const string Problem = "the file holds no data";

        public static ImageFormatException EmptyFile(string? name) =>
            new ImageFormatException(ImageErrorKind.Empty, ImagePlace.AtOffset(name, 0), $"{Problem}: it is empty", "0 bytes", "an image file with data in it");

        /// <summary>A file that was read whole and gave no bytes (an ELF file says so while it is parsed).</summary>
        public static ImageFormatException NoData(ImageInfo image)
        {
            var start = image.StartAddress is null ? "" : $"a start address ({image.StartAddress}), ";
            return image.Format switch
            {
                ImageFormat.Binary => EmptyFile(image.Path),
                ImageFormat.IntelHex => new ImageFormatException(ImageErrorKind.Empty, ImagePlace.AtLine(image.Path, 1, 1), $"{Problem}: it has no data records with bytes",
                    $"{start}an end-of-file record and no data", "at least one data record (type 00) with bytes"),
                ImageFormat.SRecord => new ImageFormatException(ImageErrorKind.Empty, ImagePlace.AtLine(image.Path, 1, 1), $"{Problem}: it has no data records with bytes",
                    (image.Header is null ? "" : $"an S0 header ('{image.Header}'), ") + start + "no data", "at least one S1, S2 or S3 record with data"),
                _ => new ImageFormatException(ImageErrorKind.Empty, ImagePlace.AtOffset(image.Path, 0), $"{Problem}: none of its parts has bytes",
                    image.Dfu is { IsDfuSe: true } dfu ? $"{dfu.Targets.Count} DfuSe target(s) with no element data"
                        : image.Dfu != null ? "a DFU suffix and no data before it" : "no data", "at least one element with data"),
            };
        }
    }
}
