using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>Everything one script run produced: output objects and every stream.</summary>
    public sealed class PsResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<WarningRecord> Warnings { get; } = new List<WarningRecord>();
        public List<VerboseRecord> Verbose { get; } = new List<VerboseRecord>();
        public List<DebugRecord> Debug { get; } = new List<DebugRecord>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();
        public List<InformationRecord> Information { get; } = new List<InformationRecord>();

        /// <summary>The exception that ended the script, when one did (a terminating error).</summary>
        public RuntimeException? Terminating { get; set; }

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

        public T Single<T>() => Objects<T>().Single();

        public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId);

        /// <summary>Fails with every error's text when the script wrote any error.</summary>
        public PsResult AssertNoErrors()
        {
            if (Terminating != null || Errors.Count > 0)
            {
                var text = string.Join("\n", Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}"));
                if (Terminating != null) text += $"\nterminating: {Terminating.ErrorRecord?.FullyQualifiedErrorId}: {Terminating.Message}";
                text += "\nlast output:\n" + string.Join("\n", Output.Skip(System.Math.Max(0, Output.Count - 40)));
                throw new Xunit.Sdk.XunitException("The script wrote errors:\n" + text);
            }
            return this;
        }
    }
}
