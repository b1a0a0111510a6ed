using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// An in-process PowerShell 7.6 runspace with the built module imported from out/, as a user's session would
    /// have it. Scripts run one after another in the same runspace, so state (the current device session,
    /// variables, the current location) carries over between <see cref="Run"/> calls.
    /// </summary>
    public sealed class PsSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PsSession(bool importModule = true) : this(null, importModule)
        {
        }

        /// <summary>A runspace on <paramref name="host"/> (e.g. a <see cref="TextHost"/>), with extra format files loaded first.</summary>
        public PsSession(PSHost? host, bool importModule = true, params string[] formatFiles)
        {
            var state = InitialSessionState.CreateDefault2();
            foreach (var file in formatFiles) state.Formats.Add(new SessionStateFormatEntry(file));
            _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            _runspace.Open();
            if (importModule)
                Run("Import-Module -Name $args[0] -ErrorAction Stop", Repo.ManifestPath).AssertNoErrors();
        }

        /// <summary>The runspace, for a pipeline of its own (one to stop while it runs).</summary>
        public Runspace Runspace => _runspace;

        /// <summary>
        /// Sets PowerShell's current location (Set-Location is not in this engine: it lives in
        /// Microsoft.PowerShell.Management). Cmdlets must resolve relative paths against this, not the process directory.
        /// </summary>
        public void SetLocation(string path) =>
            Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0])", path).AssertNoErrors();

        /// <summary>Runs script text; positional arguments are in $args.</summary>
        public PsResult Run(string script, params object[] args) => Run(script, null, args);

        public PsResult Run(string script, IDictionary<string, object?>? variables, params object[] args)
        {
            var result = new PsResult();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            if (variables != null)
            {
                foreach (var v in variables)
                    _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
            }
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);

            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (s, e) => result.Output.Add(output[e.Index]);
            ps.Streams.Error.DataAdded += (s, e) => result.Errors.Add(ps.Streams.Error[e.Index]);
            ps.Streams.Warning.DataAdded += (s, e) => result.Warnings.Add(ps.Streams.Warning[e.Index]);
            ps.Streams.Verbose.DataAdded += (s, e) => result.Verbose.Add(ps.Streams.Verbose[e.Index]);
            ps.Streams.Debug.DataAdded += (s, e) => result.Debug.Add(ps.Streams.Debug[e.Index]);
            ps.Streams.Progress.DataAdded += (s, e) => result.Progress.Add(ps.Streams.Progress[e.Index]);
            ps.Streams.Information.DataAdded += (s, e) => result.Information.Add(ps.Streams.Information[e.Index]);
            try
            {
                ps.Invoke(null, output);
            }
            catch (RuntimeException ex)
            {
                result.Terminating = ex;
                if (ex.ErrorRecord != null && !result.Errors.Contains(ex.ErrorRecord)) result.Errors.Add(ex.ErrorRecord);
            }
            return result;
        }

        /// <summary>Runs a script in a fresh runspace with the module imported.</summary>
        public static PsResult RunOnce(string script, params object[] args)
        {
            using var session = new PsSession();
            return session.Run(script, args);
        }

        public void Dispose()
        {
            _runspace.Dispose();
        }
    }
}
