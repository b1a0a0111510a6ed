using System;
using System.Management.Automation;

namespace Stm32Flash.Commands
{
    /// <summary>Error helpers shared by every cmdlet of the module.</summary>
    public abstract class Stm32Cmdlet : PSCmdlet
    {
        protected ErrorRecord NewError(string errorId, ErrorCategory category, object? target, string message, Exception? inner = null, string? recommendedAction = null)
        {
            var exception = inner is null ? new InvalidOperationException(message) : new InvalidOperationException(message, inner);
            return NewError(errorId, category, target, exception, message, recommendedAction);
        }

        protected static ErrorRecord NewError(string errorId, ErrorCategory category, object? target, Exception exception, string? message = null, string? recommendedAction = null)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (message != null || recommendedAction != null)
            {
                record.ErrorDetails = new ErrorDetails(message ?? exception.Message);
                if (recommendedAction != null) record.ErrorDetails.RecommendedAction = recommendedAction;
            }
            return record;
        }

        protected void Fail(string errorId, ErrorCategory category, object? target, string message, Exception? inner = null, string? recommendedAction = null) =>
            ThrowTerminatingError(NewError(errorId, category, target, message, inner, recommendedAction));
    }
}
