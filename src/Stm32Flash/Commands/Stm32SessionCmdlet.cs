using System.Management.Automation;
using System.Threading;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>A cmdlet that works on a connected device: -Session, defaulting to the runspace's current session; Ctrl+C cancels.</summary>
    public abstract class Stm32SessionCmdlet : Stm32Cmdlet
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>The session to use; the current session (the last Connect-Stm32 in this runspace) when left out.</summary>
        [Parameter]
        [ValidateNotNull]
        public Session? Session { get; set; }

        protected CancellationToken Cancellation => _stop.Token;

        /// <summary>The session to work on, or a terminating NoSession / SessionClosed error.</summary>
        protected Session ResolveSession() => ResolveSession(this, Session);

        /// <summary>The connected target of the session.</summary>
        protected ITarget ResolveTarget() => ResolveSession().Target!;

        internal static Session ResolveSession(Stm32Cmdlet cmdlet, Session? given)
        {
            var session = given ?? SessionRegistry.Current;
            if (session is null)
            {
                cmdlet.ThrowTerminatingError(NewError("NoSession", ErrorCategory.InvalidOperation, null,
                    new PSInvalidOperationException("No device is connected in this session. Run Connect-Stm32 first (for example: Connect-Stm32 -Simulator STM32L552), or pass -Session."),
                    recommendedAction: "Connect-Stm32 -Simulator STM32L552"));
            }
            if (!session!.IsConnected)
            {
                cmdlet.ThrowTerminatingError(NewError("SessionClosed", ErrorCategory.ConnectionError, session,
                    new PSInvalidOperationException($"{session} was disconnected. Run Connect-Stm32 again."), recommendedAction: "Connect-Stm32"));
            }
            return session;
        }

        protected override void StopProcessing() => _stop.Cancel();
    }
}
