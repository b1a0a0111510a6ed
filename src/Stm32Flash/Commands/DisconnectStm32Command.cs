using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>Closes sessions: the given ones, or the current one.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Stm32")]
    [OutputType(typeof(Session))]
    public sealed class DisconnectStm32Command : Stm32Cmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Session[]? Session { get; set; }

        /// <summary>Emits each session after closing it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var sessions = Session ?? new[] { SessionRegistry.Current ?? NoCurrent() };
            foreach (var s in sessions)
            {
                SessionRegistry.Close(s);
                WriteVerbose($"Disconnected {s}.");
                if (PassThru) WriteObject(s);
            }
        }

        private Session NoCurrent()
        {
            Fail("NoSession", ErrorCategory.InvalidOperation, null, new SessionException("No device is connected in this session; there is nothing to disconnect."));
            return null!;
        }
    }
}
