using System;
using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The base of every cmdlet of the module: error records, and terminating errors that honour -ErrorAction.
    /// Cmdlets override <see cref="Begin"/>, <see cref="Process"/> and <see cref="End"/>.
    /// </summary>
    public abstract class Stm32Cmdlet : PSCmdlet
    {
        private bool _halted;

        protected virtual void Begin()
        {
        }

        protected virtual void Process()
        {
        }

        protected virtual void End()
        {
        }

        protected sealed override void BeginProcessing() => Run(Begin);

        protected sealed override void ProcessRecord() => Run(Process);

        protected sealed override void EndProcessing() => Run(End);

        private void Run(Action stage)
        {
            if (_halted) return;
            try
            {
                stage();
            }
            catch (Halt)
            {
                _halted = true;
            }
        }

        /// <summary>
        /// Stops the command with <paramref name="error"/>. PowerShell shows a terminating error whatever -ErrorAction
        /// says and puts it in -ErrorVariable wrapped in a CmdletInvocationException; so when -ErrorAction (or
        /// $ErrorActionPreference) is SilentlyContinue or Ignore, the record is written as a silenced error instead
        /// (to -ErrorVariable and $Error as it is) and the command does nothing more.
        /// </summary>
        internal void Terminate(ErrorRecord error)
        {
            if (Silenced())
            {
                WriteError(error);
                throw new Halt();
            }
            ThrowTerminatingError(error);
        }

        private bool Silenced()
        {
            var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
                ? given
                : SessionState.PSVariable.GetValue("ErrorActionPreference");
            var action = preference is ActionPreference a ? a
                : LanguagePrimitives.TryConvertTo(preference, out ActionPreference converted) ? converted : ActionPreference.Continue;
            return action == ActionPreference.SilentlyContinue || action == ActionPreference.Ignore;
        }

        /// <summary>A record whose exception is <paramref name="exception"/> and whose message (when given) is <paramref name="message"/>.</summary>
        internal static ErrorRecord NewError(string errorId, ErrorCategory category, object? target, Exception exception, string? message = null, string? recommendedAction = null)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (message != null || recommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(message ?? exception.Message);
                if (recommendedAction != null) record.ErrorDetails.RecommendedAction = recommendedAction;
            }
            return record;
        }

        /// <summary>Stops the command with a record of <paramref name="exception"/>; see <see cref="Terminate"/>.</summary>
        internal void Fail(string errorId, ErrorCategory category, object? target, Exception exception, string? message = null, string? recommendedAction = null) =>
            Terminate(NewError(errorId, category, target, exception, message, recommendedAction));

        /// <summary>Stops the command because a parameter's value cannot be used: a PSArgumentException naming the parameter.</summary>
        internal void FailArgument(string errorId, string parameter, object? target, string message, string? recommendedAction = null) =>
            Fail(errorId, ErrorCategory.InvalidArgument, target, new PSArgumentException(message, parameter), message, recommendedAction);

        /// <summary>Thrown by <see cref="Terminate"/> after a silenced error; ends the command quietly.</summary>
        private sealed class Halt : Exception
        {
        }
    }
}
