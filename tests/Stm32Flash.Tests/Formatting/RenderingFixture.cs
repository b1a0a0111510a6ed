using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Stm32Flash.Tests.Infrastructure;
using Stm32Flash.Tests.Usart.Infrastructure;

namespace Stm32Flash.Tests.Formatting
{
    /// <summary>
    /// Runspaces on 80-column <see cref="TextHost"/>s with the sample objects of <see cref="ViewSamples.Setup"/> in
    /// variables: the first imports the module as users do (its format file as shipped); the others load the module's
    /// assembly and a copy of the format file with the second (third ...) view of each type only, which Out-Host then shows.
    /// </summary>
    public sealed class RenderingFixture : IDisposable
    {
        public const int Width = 80;

        private readonly TempFolder _folder = new TempFolder();
        private readonly List<SocatPair> _ptys = new List<SocatPair>();
        private readonly (TextHost Host, PsSession Session)[] _ranks;

        public RenderingFixture()
        {
            _ranks = Enumerable.Range(0, FormatFile.MaxRank + 1).Select(rank =>
            {
                var host = new TextHost(Width);
                var session = rank == 0
                    ? new PsSession(host)
                    : new PsSession(host, false, FormatFile.WriteRank(_folder.Path, rank));
                if (rank > 0) session.Run("Import-Module -Name $args[0] -ErrorAction Stop", Path.Combine(Repo.ModuleFolder, "Stm32Flash.dll")).AssertNoErrors();
                session.SetLocation(Repo.Root);
                var pty = new SocatPair();
                _ptys.Add(pty);
                session.Run("$ptyDevice = $args[0]; $ptyHost = $args[1]", pty.DeviceEnd, pty.HostEnd).AssertNoErrors();
                session.Run(ViewSamples.Setup).AssertNoErrors();
                return (host, session);
            }).ToArray();
        }

        /// <summary>The runspace with the module as shipped.</summary>
        public PsSession Session => _ranks[0].Session;

        /// <summary>The objects as <paramref name="view"/> shows them through Out-Host, as text lines.</summary>
        public string[] Render(string view, string objects)
        {
            var (host, session) = _ranks[FormatFile.RankOf(FormatFile.Views.Single(v => v.Name == view))];
            host.Take();
            session.Run($"@({objects}) | Out-Host").AssertNoErrors();
            // The engine styles headers with VT sequences whatever $PSStyle.OutputRendering says in a hosted runspace.
            return Regex.Replace(host.Take(), "\u001b\\[[0-9;]*m", "").Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        }

        public void Dispose()
        {
            foreach (var (_, session) in _ranks)
            {
                session.Run("Stop-Stm32Simulator -InputObject $served; Get-Module Stm32Flash | Remove-Module");
                session.Dispose();
            }
            foreach (var pty in _ptys) pty.Dispose();
            _folder.Dispose();
        }
    }
}
