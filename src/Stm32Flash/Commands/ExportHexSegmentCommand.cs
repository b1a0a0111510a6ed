using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Images;

namespace Stm32Flash.Commands
{
    /// <summary>Writes segments to an image file: Intel HEX, S-record, raw binary or DfuSe.</summary>
    [Cmdlet(VerbsData.Export, "HexSegment", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed partial class ExportHexSegmentCommand : Stm32Cmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string FileSystemPrefix = @"Microsoft.PowerShell.Core\FileSystem::";

        private readonly List<Segment> _segments = new List<Segment>();

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowEmptyCollection]
        public Segment[] InputObject { get; set; } = Array.Empty<Segment>();

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>The format; from the file extension when not given.</summary>
        [Parameter]
        [ValidateSet("IntelHex", "SRecord", "Binary", "Dfu", IgnoreCase = true)]
        public ImageFormat Format { get; set; }

        /// <summary>Value of the gap bytes in a binary file.</summary>
        [Parameter]
        public byte Fill { get; set; } = 0xFF;

        /// <summary>Start address to write instead of the one the segments' image had.</summary>
        [Parameter]
        [AddressTransformation]
        public uint StartAddress { get; set; }

        /// <summary>Data bytes per Intel HEX or S-record record.</summary>
        [Parameter]
        [AddressTransformation(Maximum = 255)]
        [ValidateRange(1, 255)]
        public int RecordLength { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Overwrite a read-only file; write a binary file whose gaps take more than <see cref="MaxBinaryFill"/> bytes.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Fill bytes a binary file may hold without -Force: more than any STM32's internal flash, far less than a gap between flash and RAM.</summary>
        public const long MaxBinaryFill = 16L << 20;

        protected override void Process()
        {
            foreach (var segment in InputObject)
            {
                if (segment != null) _segments.Add(segment);
            }
        }

        protected override void End()
        {
            var target = ResolveTarget();
            var format = MyInvocation.BoundParameters.ContainsKey(nameof(Format)) ? Format : ImageWriter.FormatFromExtension(target);
            if (format is not ImageFormat chosen)
            {
                FailArgument("FormatUnknown", nameof(Format), target,
                    $"Cannot tell the image format from the extension of '{target}'.",
                    recommendedAction: "Give -Format IntelHex, SRecord, Binary or Dfu, or use .hex, .srec/.s19/.s28/.s37/.mot, .bin or .dfu.");
                return;
            }

            var options = BuildOptions(chosen, target);
            if (_segments.Count == 0) WriteWarning($"No segments came in: '{target}' gets an image with no data.");

            var exists = File.Exists(target);
            if (exists && NoClobber)
            {
                Fail("FileExists", ErrorCategory.ResourceExists, target, new IOException($"'{target}' exists and -NoClobber was given."), null,
                    recommendedAction: "Remove -NoClobber to overwrite it, or choose another path.");
                return;
            }
            var size = Run(target, () => ImageWriter.Measure(_segments, options));
            if (size is null) return;
            if (RefuseLargeBinary(target, size)) return;
            if (!ShouldProcess(target, $"Write {chosen} image ({_segments.Count} segment(s), {size.DataBytes:N0} bytes of data, a file of {size.FileBytes:N0} bytes)")) return;
            if (exists && (File.GetAttributes(target) & FileAttributes.ReadOnly) != 0)
            {
                if (!Force)
                {
                    Fail("FileReadOnly", ErrorCategory.PermissionDenied, target, new UnauthorizedAccessException($"'{target}' is read-only."), recommendedAction: "Use -Force to overwrite it.");
                    return;
                }
                File.SetAttributes(target, File.GetAttributes(target) & ~FileAttributes.ReadOnly);
            }

            var summary = Run(target, () => ImageWriter.Write(target, _segments, options));
            if (summary is null) return;

            if (chosen == ImageFormat.Binary && summary.Span is AddressRange span)
                WriteVerbose($"'{target}' starts at 0x{span.Start:X8}: read it back with Get-HexSegment -Address 0x{span.Start:X8}.");
            WriteVerbose($"Wrote {chosen} '{target}': {summary.SegmentCount} segment(s), {summary.DataBytes} bytes" +
                         (summary.StartAddress is null ? "" : $", start address {summary.StartAddress}") + $", {summary.FileBytes} bytes of file.");
            // Through the provider, as Get-Item has it: the FileSystem views need the provider's notes (PSParentPath ...).
            if (PassThru) WriteObject(SessionState.InvokeProvider.Item.Get(new[] { FileSystemPrefix + target }, false, true), true);
        }

        private ImageWriteOptions BuildOptions(ImageFormat format, string target)
        {
            var images = _segments.Select(s => s.Source.Image).Where(i => i != null).Select(i => i!).Distinct().ToList();
            var options = new ImageWriteOptions
            {
                Format = format,
                Fill = Fill,
                RecordLength = RecordLength,
                NewLine = Environment.NewLine,
                SRecordAddressBytes = ImageWriter.SRecordAddressBytesFromExtension(target),
                StartAddress = ChooseStartAddress(images),
            };

            // As objcopy does, an S-record file without a header of its own is headed by its name.
            var headers = images.Select(i => i.Header).Where(h => h != null).Distinct().ToList();
            options.Header = headers.Count == 1 ? headers[0] : System.IO.Path.GetFileName(target);

            var dfu = images.Select(i => i.Dfu).Where(d => d != null).Select(d => d!).ToList();
            if (dfu.Count > 0)
            {
                options.DfuTargets = dfu.SelectMany(d => d.Targets).ToList();
                options.DfuVendorId = dfu[0].VendorId;
                options.DfuProductId = dfu[0].ProductId;
                options.DfuDeviceVersion = dfu[0].DeviceVersion;
            }

            if ((format == ImageFormat.Binary || format == ImageFormat.Dfu) && options.StartAddress != null)
                WriteVerbose($"The {format} format has no start address record: {options.StartAddress} is not written.");
            return options;
        }

        private Images.StartAddress? ChooseStartAddress(List<ImageInfo> images)
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(StartAddress))) return Images.StartAddress.Linear(StartAddress);
            // Start records of different kinds (EIP, S-record, ELF entry) that name the same address agree.
            var starts = images.Where(i => i.StartAddress != null).GroupBy(i => i.StartAddress!.Address).ToList();
            if (starts.Count == 0) return null;
            if (starts.Count == 1)
            {
                var records = starts[0].Select(i => i.StartAddress!).Distinct().ToList();
                return records.Count == 1 ? records[0] : Images.StartAddress.Linear(starts[0].Key);
            }
            var list = string.Join(", ", starts.Select(g => $"{g.First().StartAddress} from {string.Join(", ", g.Select(i => System.IO.Path.GetFileName(i.Path ?? "<stream>")))}"));
            Fail("StartAddressConflict", ErrorCategory.InvalidData, starts.Select(g => g.First().StartAddress!).ToArray(),
                new InvalidDataException($"The segments come from images with different start addresses: {list}."), null,
                recommendedAction: "Choose one with -StartAddress.");
            return null;
        }

        /// <summary>
        /// The file to write, as Out-File finds it: a wildcard path that matches exactly one item is that item; one that
        /// matches none is taken as typed (a new file); one that matches several is an error. Its folder must exist.
        /// </summary>
        private string ResolveTarget()
        {
            var typed = ParameterSetName == PathSet ? Path : LiteralPath;
            ProviderInfo? provider = null;
            string? target = null;
            try
            {
                if (ParameterSetName == PathSet && WildcardPattern.ContainsWildcardCharacters(Path))
                {
                    var matches = Matches(Path, out provider);
                    if (matches.Count > 1)
                    {
                        FailArgument("PathAmbiguous", nameof(Path), Path,
                            $"'{Path}' matches {matches.Count} files ({string.Join(", ", matches.Take(3).Select(m => System.IO.Path.GetFileName(m)))}{(matches.Count > 3 ? ", ..." : "")}); an image is written to one.",
                            recommendedAction: "Give one file name; use -LiteralPath for a name with wildcard characters ([, ], *, ?).");
                    }
                    if (matches.Count == 1) target = matches[0];
                }
                target ??= SessionState.Path.GetUnresolvedProviderPathFromPSPath(typed, out provider, out _);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                Fail("PathNotFound", ErrorCategory.ObjectNotFound, typed, ex as ItemNotFoundException ?? new ItemNotFoundException(ex.Message, ex), ex.Message);
                throw;
            }
            if (provider!.Name != "FileSystem")
                FailArgument("NotAFileSystemPath", PathParameter, target, $"'{target}' is on the {provider.Name} provider; images are written to the file system.");
            if (Directory.Exists(target))
                FailArgument("PathIsFolder", PathParameter, target, $"'{target}' is a folder; give a file name.");
            var folder = System.IO.Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                Fail("FolderNotFound", ErrorCategory.ObjectNotFound, typed, new DirectoryNotFoundException($"Cannot write '{typed}': the folder '{folder}' does not exist."), null,
                    recommendedAction: "Create the folder first, or give a path in an existing folder.");
            }
            return target;
        }

        private string PathParameter => ParameterSetName == PathSet ? nameof(Path) : nameof(LiteralPath);

        /// <summary>The existing items a wildcard path matches; none when it matches nothing or its folder does not exist.</summary>
        private IReadOnlyList<string> Matches(string path, out ProviderInfo? provider)
        {
            provider = null;
            try
            {
                return SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (ItemNotFoundException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
