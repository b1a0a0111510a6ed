using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Stm32Flash.Images;

namespace Stm32Flash.Commands
{
    /// <summary>Export-HexSegment's errors: what the writer refuses, and a binary file too large to write without -Force.</summary>
    public sealed partial class ExportHexSegmentCommand
    {
        /// <summary>Measures or writes the file; null after the error when it cannot be done.</summary>
        private ImageWriteSummary? Run(string target, Func<ImageWriteSummary> write)
        {
            try
            {
                return write();
            }
            catch (SegmentConflictException ex)
            {
                Fail("SegmentConflict", ErrorCategory.InvalidData, ex.Second, ex, ex.Message,
                    "Drop one of the two segments, or read the files with Get-HexSegment -Overlap LastWins and merge them yourself.");
            }
            catch (SRecordAddressException ex)
            {
                Fail("ImageOptionInvalid", ErrorCategory.InvalidArgument, target, ex, SRecordWidthMessage(ex, target), SRecordWidthAdvice(ex));
            }
            catch (ArgumentException ex)
            {
                Fail("ImageOptionInvalid", ErrorCategory.InvalidArgument, target, ex, ErrorText.Of(ex));
            }
            catch (DirectoryNotFoundException ex)
            {
                Fail("FolderNotFound", ErrorCategory.ObjectNotFound, target, ex, ex.Message, "Create the folder first, or give a path in an existing folder.");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Fail("ImageWriteFailed", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, target, ex,
                    ex.Message.Contains(target) ? ex.Message : $"Could not write '{target}': {ex.Message}");
            }
            return null;
        }

        /// <summary>Refuses (without -Force) a binary file that would be mostly fill: segments far apart, such as flash and RAM.</summary>
        private bool RefuseLargeBinary(string target, ImageWriteSummary size)
        {
            if (size.Format != ImageFormat.Binary || size.FileBytes - size.DataBytes <= MaxBinaryFill || Force) return false;
            Fail("BinaryTooLarge", ErrorCategory.LimitsExceeded, target, new IOException(BinaryTooLargeMessage(target, size)), null,
                "Export to .hex or .srec, which keep the addresses; export each region to a .bin of its own " +
                "(e.g. $segments | Where-Object Address -lt 0x20000000 | Export-HexSegment flash.bin); or give -Force to write it anyway.");
            return true;
        }

        private string BinaryTooLargeMessage(string target, ImageWriteSummary size)
        {
            var runs = AddressRange.Coalesce(_segments.Where(s => s.Length > 0).Select(s => s.Range));
            var gaps = runs.Zip(runs.Skip(1), (a, b) => new AddressRange((uint)a.End, b.Start)).OrderByDescending(g => g.Length).ToList();
            var largest = gaps.Count == 0 ? "" : $"; the largest is {gaps[0]} ({Mebibytes(gaps[0].Length)})";
            return $"'{target}' would be {size.FileBytes:N0} bytes ({Mebibytes(size.FileBytes)}) for {size.DataBytes:N0} bytes of data: a binary file has no addresses, " +
                   $"so the {gaps.Count} gap(s) between the segments ({size.Span}) are written out as 0x{Fill:X2}{largest}. " +
                   $"Without -Force a binary file holds at most {Mebibytes(MaxBinaryFill)} of fill.";
        }

        private static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.# MiB", System.Globalization.CultureInfo.InvariantCulture);

        private static string SRecordWidthMessage(SRecordAddressException ex, string target)
        {
            var end = (1UL << (8 * ex.AddressBytes)) - 1;
            var extension = System.IO.Path.GetExtension(target);
            return $"'{target}' gets S{ex.AddressBytes - 1} records (the {extension} extension), whose {8 * ex.AddressBytes}-bit addresses end at 0x{end:X8}; " +
                   $"address 0x{ex.Address:X8} needs {8 * ex.RequiredAddressBytes}-bit addresses (S{ex.RequiredAddressBytes - 1} records).";
        }

        private static string SRecordWidthAdvice(SRecordAddressException ex) => ex.RequiredAddressBytes == 3
            ? "Write a .s28 file (S2, 24-bit addresses), a .s37 file (S3, 32-bit) or a .srec file (the narrowest record type that fits)."
            : "Write a .s37 file (S3, 32-bit addresses) or a .srec file (the narrowest record type that fits).";
    }
}
