namespace Stm32Flash.Targets.Simulation
{
    /// <summary>What goes wrong when an injected fault fires.</summary>
    public enum FaultKind
    {
        /// <summary>The command is lost: nothing happens and no answer comes (a timeout).</summary>
        Drop,
        /// <summary>The data is damaged in transit: a written block is stored with one bit flipped, a read returns one flipped bit. The device answers ACK.</summary>
        Corrupt,
        /// <summary>The device answers NACK and does nothing.</summary>
        Nack,
        /// <summary>The device answers BUSY (the I2C no-stretch 0x76) and does nothing.</summary>
        Busy,
        /// <summary>The link goes away: this and every later operation fails until a new connection.</summary>
        Disconnect,
    }

    /// <summary>A fault that fires at the Nth operation (1-based, counting every device transaction) and the ones after it, <see cref="Count"/> times.</summary>
    public sealed class SimulatedFault
    {
        public SimulatedFault(long atOperation, FaultKind kind, int count = 1)
        {
            if (atOperation < 1) throw new System.ArgumentOutOfRangeException(nameof(atOperation), "Operations are counted from 1.");
            if (count < 1) throw new System.ArgumentOutOfRangeException(nameof(count), "A fault fires at least once.");
            AtOperation = atOperation;
            Kind = kind;
            Count = count;
        }

        public long AtOperation { get; }

        public FaultKind Kind { get; }

        public int Count { get; }

        public bool AppliesTo(long operation) => operation >= AtOperation && operation < AtOperation + Count;

        public override string ToString() => Count == 1 ? $"{Kind} at operation {AtOperation}" : $"{Kind} at operations {AtOperation}..{AtOperation + Count - 1}";
    }
}
