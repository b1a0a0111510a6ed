using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace Stm32Flash.Tests.Infrastructure
{
    /// <summary>
    /// A host with a console of a given width that keeps what Out-Host writes, so that the formatting engine (which is in
    /// the hosted engine; Format-Table and Out-String are not) renders views here exactly as a console would show them.
    /// It cannot prompt: ShouldProcess with ConfirmImpact High fails as in the default test host.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly TextUserInterface _ui;

        public TextHost(int width = 80) => _ui = new TextUserInterface(width);

        /// <summary>Everything written since the last <see cref="Take"/>.</summary>
        public string Take() => _ui.Take();

        /// <summary>Warnings written to the host UI directly (not through the pipeline's warning stream), in order.</summary>
        public IReadOnlyList<string> HostWarnings => _ui.Warnings;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override string Name => "Stm32Flash.Tests.TextHost";

        public override PSHostUserInterface UI => _ui;

        public override Version Version => new Version(1, 0);

        public override void EnterNestedPrompt() => throw new NotSupportedException();

        public override void ExitNestedPrompt() => throw new NotSupportedException();

        public override void NotifyBeginApplication() { }

        public override void NotifyEndApplication() { }

        public override void SetShouldExit(int exitCode) { }

        private sealed class TextUserInterface : PSHostUserInterface
        {
            private readonly StringBuilder _text = new StringBuilder();

            public TextUserInterface(int width) => RawUI = new FixedWidthRawUserInterface(width);

            public override PSHostRawUserInterface RawUI { get; }

            public string Take()
            {
                lock (_text)
                {
                    var text = _text.ToString();
                    _text.Clear();
                    return text;
                }
            }

            private void Append(string value)
            {
                lock (_text) _text.Append(value);
            }

            public override void Write(string value) => Append(value);

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

            public override void WriteLine(string value) => Append(value + "\n");

            public override void WriteErrorLine(string value) => Append("error: " + value + "\n");

            public override void WriteDebugLine(string message) { }

            public override void WriteVerboseLine(string message) { }

            public List<string> Warnings { get; } = new List<string>();

            public override void WriteWarningLine(string message)
            {
                lock (Warnings) Warnings.Add(message);
            }

            public override void WriteProgress(long sourceId, ProgressRecord record) { }

            public override string ReadLine() => throw new NotSupportedException();

            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
                throw new NotSupportedException();

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
                throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
                throw new NotSupportedException();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
                PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        }

        private sealed class FixedWidthRawUserInterface : PSHostRawUserInterface
        {
            public FixedWidthRawUserInterface(int width)
            {
                BufferSize = new Size(width, 9999);
                WindowSize = new Size(width, 50);
            }

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

            public override Size BufferSize { get; set; }

            public override Size WindowSize { get; set; }

            public override Size MaxWindowSize => WindowSize;

            public override Size MaxPhysicalWindowSize => WindowSize;

            public override Coordinates CursorPosition { get; set; }

            public override Coordinates WindowPosition { get; set; }

            public override int CursorSize { get; set; }

            public override bool KeyAvailable => false;

            public override string WindowTitle { get; set; } = "";

            public override void FlushInputBuffer() { }

            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();

            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();

            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();

            public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();

            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
                throw new NotSupportedException();
        }
    }
}
