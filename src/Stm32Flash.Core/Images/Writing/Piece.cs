namespace Stm32Flash.Images.Writing
{
    /// <summary>A slice of a segment's bytes to write, with no other piece over it.</summary>
    internal readonly struct Piece
    {
        public Piece(Segment segment, int offset, int count)
        {
            Segment = segment;
            Offset = offset;
            Count = count;
        }

        public Segment Segment { get; }

        /// <summary>Index of the first byte in <see cref="Segment"/>'s data.</summary>
        public int Offset { get; }

        public int Count { get; }

        public uint Address => Segment.Address + (uint)Offset;

        public ulong End => (ulong)Address + (ulong)Count;
    }
}
