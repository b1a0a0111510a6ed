using System.Threading;

namespace Stm32Flash.Targets.Usart
{
    /// <summary>What a served simulator has seen so far. Updated by the server thread; read from any thread.</summary>
    public sealed class UsartServerStatistics
    {
        private long _commands;
        private long _acks;
        private long _nacks;
        private long _syncs;
        private long _ignored;

        /// <summary>Well-formed commands received (code and complement), listed or not.</summary>
        public long Commands => Interlocked.Read(ref _commands);

        public long Acks => Interlocked.Read(ref _acks);

        public long Nacks => Interlocked.Read(ref _nacks);

        /// <summary>0x7F bytes that synchronised the device (after power-on or a reset).</summary>
        public long Syncs => Interlocked.Read(ref _syncs);

        /// <summary>Bytes dropped while not synchronised or while the application ran.</summary>
        public long Ignored => Interlocked.Read(ref _ignored);

        /// <summary>The last command received, by name.</summary>
        public string? LastCommand { get; internal set; }

        internal void Command(byte code)
        {
            Interlocked.Increment(ref _commands);
            LastCommand = UsartCodes.Name(code);
        }

        internal void Ack() => Interlocked.Increment(ref _acks);

        internal void Nack() => Interlocked.Increment(ref _nacks);

        internal void Sync() => Interlocked.Increment(ref _syncs);

        internal void Ignore() => Interlocked.Increment(ref _ignored);

        public override string ToString() => $"{Commands} commands, {Acks} ACK, {Nacks} NACK, {Syncs} sync";
    }
}
