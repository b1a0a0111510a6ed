namespace Stm32Flash.Targets
{
    public enum TargetErrorKind
    {
        /// <summary>The device refused a command or argument (NACK, an API error code).</summary>
        Refused,
        /// <summary>No answer in time.</summary>
        Timeout,
        /// <summary>The link went away (port closed, probe unplugged).</summary>
        Disconnected,
        /// <summary>The answer made no sense (bad checksum, unexpected byte).</summary>
        Protocol,
        /// <summary>Flash rules broken: programming a unit that is not erased, a partial unit, a misaligned write.</summary>
        FlashRule,
        /// <summary>Readout protection forbids the operation.</summary>
        ReadoutProtected,
        /// <summary>Write protection forbids the operation.</summary>
        WriteProtected,
        /// <summary>The address is outside memory the interface can reach.</summary>
        AddressRefused,
        /// <summary>The target or interface does not offer the operation.</summary>
        NotSupported,
        /// <summary>The device answered busy.</summary>
        Busy,
        Other,
    }
}
