namespace Stm32Flash.Images.Reading
{
    /// <summary>Turns chunk positions into file places, for segment sources and error messages.</summary>
    internal interface IPlaceResolver
    {
        /// <summary>Place of byte <paramref name="index"/> of the chunk at <paramref name="position"/>/<paramref name="column"/>.</summary>
        ImagePlace PlaceOf(long position, int column, long index);

        /// <summary>The last chunk before <paramref name="position"/> (in file order) that wrote <paramref name="address"/>.</summary>
        ImagePlace FindEarlierWriter(ulong address, long position);

        SegmentSource SourceOf(long position, ImageInfo image);
    }
}
