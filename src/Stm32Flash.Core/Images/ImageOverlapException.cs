namespace Stm32Flash.Images
{
    /// <summary>Two records of an image put different bytes at the same address.</summary>
    public sealed class ImageOverlapException : ImageFormatException
    {
        public ImageOverlapException(ImagePlace place, ImagePlace earlierPlace, uint address, byte value, byte earlierValue)
            : base(ImageErrorKind.ConflictingOverlap, place,
                $"conflicting overlap at 0x{address:X8}: this record puts 0x{value:X2} where {earlierPlace} already put 0x{earlierValue:X2}",
                $"0x{value:X2}", $"0x{earlierValue:X2} as before")
        {
            EarlierPlace = earlierPlace;
            Address = address;
            Value = value;
            EarlierValue = earlierValue;
        }

        /// <summary>The record that put the byte there first.</summary>
        public ImagePlace EarlierPlace { get; }

        public uint Address { get; }

        public byte Value { get; }

        public byte EarlierValue { get; }
    }
}
