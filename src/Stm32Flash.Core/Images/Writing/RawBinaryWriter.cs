using System.Collections.Generic;
using System.IO;

namespace Stm32Flash.Images.Writing
{
    /// <summary>The bytes from the lowest to the highest address, gaps filled.</summary>
    internal static class RawBinaryWriter
    {
        public static long Write(Stream stream, List<Piece> pieces, ImageWriteOptions options)
        {
            if (pieces.Count == 0) return 0;
            var fill = new byte[1 << 16];
            for (var i = 0; i < fill.Length; i++) fill[i] = options.Fill;
            long written = 0;
            ulong at = pieces[0].Address;
            foreach (var piece in pieces)
            {
                for (var gap = piece.Address - at; gap > 0;)
                {
                    var n = (int)System.Math.Min((ulong)fill.Length, gap);
                    stream.Write(fill, 0, n);
                    gap -= (ulong)n;
                    written += n;
                }
                stream.Write(piece.Segment.Data, piece.Offset, piece.Count);
                written += piece.Count;
                at = piece.End;
            }
            return written;
        }
    }
}
