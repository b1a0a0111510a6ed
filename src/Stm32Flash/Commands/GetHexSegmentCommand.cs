using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Stm32Flash.Images;

namespace Stm32Flash.Commands
{
    /// <summary>Reads firmware image files (Intel HEX, S-record, ELF, raw binary, DfuSe) as segment objects.</summary>
    [Cmdlet(VerbsCommon.Get, "HexSegment", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(Segment))]
    public sealed class GetHexSegmentCommand : Stm32Cmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The format; detected from the content when not given.</summary>
        [Parameter]
        public ImageFormat Format { get; set; }

        /// <summary>Load address of a raw binary file.</summary>
        [Parameter]
        [AddressTransformation]
        public uint Address { get; set; }

        [Parameter]
        [AddressTransformation]
        public uint MaxGap { get; set; }

        [Parameter]
        public byte Fill { get; set; } = 0xFF;

        [Parameter]
        public OverlapPolicy Overlap { get; set; } = OverlapPolicy.Error;

        protected override void Process()
        {
            var options = new ImageReadOptions { MaxGap = MaxGap, Fill = Fill, Overlap = Overlap };
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Format))) options.Format = Format;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Address))) options.Address = Address;

            foreach (var file in ResolveFiles())
                Read(file, options);
        }

        private void Read(string file, ImageReadOptions options)
        {
            ImageInfo image;
            try
            {
                image = ImageReader.Read(file, options);
            }
            catch (ImageFormatException ex) when (ex.Kind == ImageErrorKind.MissingAddress)
            {
                WriteError(NewError("AddressRequired", ErrorCategory.InvalidArgument, file, ex, ex.Message,
                    "Give the load address of the file's first byte with -Address, e.g. -Address 0x08000000, or -Format if it is in another format."));
                return;
            }
            catch (ImageOverlapException ex)
            {
                WriteError(NewError("ImageOverlapConflict", ErrorCategory.InvalidData, file, ex, ex.Message,
                    "Fix the file, or use -Overlap LastWins to let the later record win."));
                return;
            }
            catch (ImageFormatException ex)
            {
                WriteError(NewError("InvalidImage", ErrorCategory.InvalidData, file, ex, ex.Message));
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(NewError("ImageReadFailed", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError, file, ex,
                    $"Could not read '{file}': {ex.Message}"));
                return;
            }

            foreach (var warning in image.Warnings) WriteWarning($"{file}: {warning}");
            foreach (var note in image.Notes) WriteVerbose($"{file}: {note}");
            if (options.Address.HasValue && image.LoadAddress is null)
                WriteWarning($"'{file}' is {image.Format}, which has its own addresses; -Address applies to raw binary and plain DFU files only and was not used.");
            if (image.Dfu is { IsDfuSe: false } dfu)
            {
                WriteVerbose($"{file}: a plain DFU file (no DfuSe prefix): its DFU suffix (VID 0x{dfu.VendorId:X4}, PID 0x{dfu.ProductId:X4}, " +
                             $"bcdDevice 0x{dfu.DeviceVersion:X4}, bcdDFU 0x{dfu.DfuVersion:X4}) is checked and left out; the data is read at 0x{image.LoadAddress:X8}.");
            }
            WriteVerbose($"{file}: {image.Format}, {image.Segments.Count} segment(s), {image.ByteCount} bytes" +
                         (image.StartAddress is null ? "" : $", start address {image.StartAddress}") + ".");
            WriteObject(image.Segments, enumerateCollection: true);
        }

        private string PathParameter => ParameterSetName == LiteralPathSet ? nameof(LiteralPath) : nameof(Path);

        private IEnumerable<string> ResolveFiles()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
            {
                var files = new List<string>();
                try
                {
                    ProviderInfo provider;
                    if (literal)
                    {
                        files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _));
                    }
                    else
                    {
                        files.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider));
                        if (files.Count == 0) throw new ItemNotFoundException($"No file matches '{path}'.");
                    }
                    if (provider.Name != "FileSystem")
                    {
                        WriteError(NewError("NotAFileSystemPath", ErrorCategory.InvalidArgument, path,
                            new PSArgumentException($"'{path}' is on the {provider.Name} provider; image files are read from the file system.", PathParameter)));
                        continue;
                    }
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    WriteError(NewError("FileNotFound", ErrorCategory.ObjectNotFound, path, new FileNotFoundException(ex.Message, path, ex),
                        $"Cannot find '{path}': {ex.Message}"));
                    continue;
                }

                foreach (var file in files)
                {
                    if (Directory.Exists(file))
                    {
                        if (!literal && WildcardPattern.ContainsWildcardCharacters(path)) continue;
                        WriteError(NewError("PathIsFolder", ErrorCategory.InvalidArgument, file, new PSArgumentException($"'{file}' is a folder, not an image file.", PathParameter)));
                    }
                    else if (!File.Exists(file))
                    {
                        WriteError(NewError("FileNotFound", ErrorCategory.ObjectNotFound, file, new FileNotFoundException($"Cannot find the file '{file}'.", file)));
                    }
                    else
                    {
                        yield return file;
                    }
                }
            }
        }
    }
}
