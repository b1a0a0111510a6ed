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

        /// <summary><paramref name="given"/>, else the current session; or a terminating NoSession / SessionClosed error, which <paramref name="instead"/> (another way to do without a session) completes.</summary>
        internal static Session ResolveSession(Stm32Cmdlet cmdlet, Session? given, string? instead = null)
        {
            var session = given ?? SessionRegistry.Current;
            if (session is null)
            {
                var message = "No device is connected in this session. Run Connect-Stm32 first (for example: Connect-Stm32 -Simulator STM32L552), or pass -Session" +
                              (instead is null ? "." : $"; {instead}");
                cmdlet.Fail("NoSession", ErrorCategory.InvalidOperation, null, new SessionException(message),
                    recommendedAction: "Connect to a device first: Connect-Stm32 -Port <serial port>, Connect-Stm32 -Interface SWD, or Connect-Stm32 -Simulator <device> to try without one.");
            }
            if (!session!.IsConnected)
            {
                cmdlet.Fail("SessionClosed", ErrorCategory.ConnectionError, session,
                    new SessionException($"{session} was disconnected. Run Connect-Stm32 again.", session),
                    recommendedAction: "Connect again with the Connect-Stm32 parameters that opened it, and pass the new session.");
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
