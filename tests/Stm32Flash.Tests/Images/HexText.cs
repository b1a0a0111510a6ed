using System.Linq;
using System.Text;

namespace Stm32Flash.Tests.Images
{
    /// <summary>Hand-built Intel HEX and S-record lines for tests, checksums computed from the format definitions.</summary>
    public static class HexText
    {
        public static string Intel(int type, int offset, params byte[] data)
        {
            var bytes = new[] { (byte)data.Length, (byte)(offset >> 8), (byte)offset, (byte)type }.Concat(data).ToArray();
            var checksum = (byte)(0x100 - bytes.Sum(b => b) & 0xFF);
            return ":" + Hex(bytes) + checksum.ToString("X2");
        }

        public static string Data(int offset, params byte[] data) => Intel(0, offset, data);

        public static string Linear(uint upper) => Intel(4, 0, (byte)(upper >> 8), (byte)upper);

        public static string Segment(uint segment) => Intel(2, 0, (byte)(segment >> 8), (byte)segment);

        public static string StartLinear(uint eip) => Intel(5, 0, (byte)(eip >> 24), (byte)(eip >> 16), (byte)(eip >> 8), (byte)eip);

        public static string StartSegment(ushort cs, ushort ip) => Intel(3, 0, (byte)(cs >> 8), (byte)cs, (byte)(ip >> 8), (byte)ip);

        public const string End = ":00000001FF";

        /// <summary>An S-record: type digit, address of the type's width, data; count and checksum computed.</summary>
        public static string S(int type, uint address, params byte[] data)
        {
            var width = type switch { 0 => 2, 1 => 2, 2 => 3, 3 => 4, 5 => 2, 6 => 3, 7 => 4, 8 => 3, _ => 2 };
            var addressBytes = Enumerable.Range(0, width).Select(i => (byte)(address >> (8 * (width - 1 - i)))).ToArray();
            var body = new[] { (byte)(width + data.Length + 1) }.Concat(addressBytes).Concat(data).ToArray();
            var checksum = (byte)~(body.Sum(b => b) & 0xFF);
            return "S" + type + Hex(body) + checksum.ToString("X2");
        }

        public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

        public static string Hex(byte[] bytes)
        {
            var text = new StringBuilder();
            foreach (var b in bytes) text.Append(b.ToString("X2"));
            return text.ToString();
        }
    }
}
