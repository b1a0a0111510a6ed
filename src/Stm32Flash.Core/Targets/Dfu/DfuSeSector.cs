namespace Stm32Flash.Targets.Dfu
{
    /// <summary>One sector of a DfuSe memory string, with what the device allows on it (the type letter a..g: 1 readable, 2 erasable, 4 writable).</summary>
    public sealed class DfuSeSector
    {
        public DfuSeSector(uint address, int size, int attributes)
        {
            Address = address;
            Size = size;
            Attributes = attributes;
        }

        public uint Address { get; }

        public int Size { get; }

        public int Attributes { get; }

        public bool Readable => (Attributes & 1) != 0;

        public bool Erasable => (Attributes & 2) != 0;

        public bool Writable => (Attributes & 4) != 0;

        public ulong EndAddress => (ulong)Address + (ulong)Size;

        public override string ToString() => $"0x{Address:X8} {Size / 1024.0:0.##} KiB {(Readable ? "r" : "")}{(Erasable ? "e" : "")}{(Writable ? "w" : "")}";
    }
}
