using System;
using System.Management.Automation;
using System.Threading;
using Stm32Flash.Targets;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// A cmdlet that works on a connected device: -Session, defaulting to the runspace's current session. Ctrl+C cancels,
    /// between operations and, for targets that allow it, inside a long one. The target's messages are written with
    /// <see cref="DrainMessages"/> on the pipeline thread.
    /// </summary>
    public abstract class Stm32SessionCmdlet : Stm32Cmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Session? _resolved;
        private CancellationTokenRegistration _cancelRegistration;

        /// <summary>The session to use; the current session (the last Connect-Stm32 in this runspace) when left out.</summary>
        [Parameter]
        [ValidateNotNull]
        public Session? Session { get; set; }

        protected CancellationToken Cancellation => _stop.Token;

        /// <summary>The session to work on, or a terminating NoSession / SessionClosed error.</summary>
        protected Session ResolveSession()
        {
            var session = ResolveSession(this, Session);
            if (!ReferenceEquals(session, _resolved))
            {
                _resolved = session;
                _cancelRegistration.Dispose();
                if (session.GetTarget() is ICancellableTarget cancellable)
                    _cancelRegistration = _stop.Token.Register(cancellable.CancelCurrentOperation);
            }
            return session;
        }

        /// <summary>The connected target of the session.</summary>
        protected ITarget ResolveTarget() => ResolveSession().GetTarget()!;

        /// <summary>Writes the target's queued messages and progress (child of <paramref name="parentActivityId"/>).</summary>
        protected void DrainMessages(int parentActivityId = -1) => _resolved?.Messages.Drain(this, parentActivityId);

        /// <summary>Writes what is left and closes the target's progress bar; call when the work is done or failed.</summary>
        protected void CompleteMessages(int parentActivityId = -1) => _resolved?.Messages.Complete(this, parentActivityId);

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

        public void Dispose()
        {
            _cancelRegistration.Dispose();
            _stop.Dispose();
        }
    }
}
