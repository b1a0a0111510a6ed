namespace Stm32Flash.Targets.Usart
{
    /// <summary>What goes wrong on a served simulator's line (see <see cref="LineFaultLink"/>).</summary>
    public enum LineFaultKind
    {
        /// <summary>A byte from the host never reaches the device.</summary>
        DropToDevice,
        /// <summary>A byte from the host arrives with bits flipped.</summary>
        DamageToDevice,
        /// <summary>A spurious byte (noise, a glitch on RX) reaches the device before one of the host's.</summary>
        InsertToDevice,
        /// <summary>A byte from the device never reaches the host.</summary>
        DropToHost,
        /// <summary>A byte from the device arrives with bits flipped.</summary>
        DamageToHost,
        /// <summary>A spurious byte reaches the host before one of the device's.</summary>
        InsertToHost,
        /// <summary>An ACK the device sends arrives as a NACK: the device did the work, the host hears a refusal.</summary>
        AckDamagedToNack,
        /// <summary>An ACK the device sends arrives late (the device was slow, or an adapter held it back).</summary>
        LateAck,
        /// <summary>The device goes quiet for a while and loses what the host sends meanwhile.</summary>
        BusyTarget,
        /// <summary>The cable is pulled: the link closes for good.</summary>
        Unplug,
    }
}
