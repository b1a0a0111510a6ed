namespace Stm32Flash.Images.Reading
{
    /// <summary>
    /// Receives, in file order, where each run of data bytes of an image goes. Position is a line (text formats,
    /// with the column of the first data character) or the file offset of the first byte (binary formats).
    /// </summary>
    internal interface IChunkSink
    {
        void Chunk(ulong address, long length, long position, int column);
    }
}
