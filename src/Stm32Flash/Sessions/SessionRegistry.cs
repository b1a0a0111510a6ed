using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Stm32Flash.Commands
{
    /// <summary>
    /// The open sessions and the current one, per runspace: each runspace (a pwsh window, a job, a test) has its own
    /// current session, even when several run in one process.
    /// </summary>
    internal static class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, State> States = new ConditionalWeakTable<Runspace, State>();
        private static readonly State NoRunspace = new State();

        private sealed class State
        {
            public Session? Current;
            public readonly List<Session> Open = new List<Session>();
        }

        private static State Here
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace is null ? NoRunspace : States.GetValue(runspace, _ => new State());
            }
        }

        public static Session? Current
        {
            get
            {
                var state = Here;
                lock (state) return state.Current;
            }
        }

        /// <summary>The sessions this runspace opened and has not closed.</summary>
        public static IReadOnlyList<Session> Open
        {
            get
            {
                var state = Here;
                lock (state) return state.Open.ToArray();
            }
        }

        public static void Add(Session session)
        {
            var state = Here;
            lock (state)
            {
                state.Open.Add(session);
                state.Current = session;
            }
        }

        /// <summary>Disposes the session and forgets it; the current session becomes none if it was this one.</summary>
        public static void Close(Session session)
        {
            var state = Here;
            lock (state)
            {
                state.Open.Remove(session);
                if (ReferenceEquals(state.Current, session)) state.Current = null;
            }
            session.Dispose();
        }

        /// <summary>Disposes every session this runspace opened (on Remove-Module).</summary>
        /// <summary>Closes the runspace's open sessions; returns what they were.</summary>
        public static IReadOnlyList<string> CloseAll()
        {
            var state = Here;
            List<Session> open;
            lock (state)
            {
                open = new List<Session>(state.Open);
                state.Open.Clear();
                state.Current = null;
            }
            foreach (var s in open) s.Dispose();
            return open.Select(s => $"session {s.Id} ({s.Description})").ToList();
        }
    }
}
