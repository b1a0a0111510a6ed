using System;
using Stm32Flash.Tests.Infrastructure;

namespace Stm32Flash.Tests.Help
{
    /// <summary>One runspace with the module imported, shared by the tests of a class (they run one at a time).</summary>
    public sealed class ModuleSessionFixture : IDisposable
    {
        public PsSession Session { get; } = new PsSession();

        public void Dispose() => Session.Dispose();
    }
}
