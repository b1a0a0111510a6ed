using System;

namespace Stm32Flash.Images
{
    /// <summary>An image file that cannot be read as its format requires. Nothing from the file is returned.</summary>
    public class ImageFormatException : Exception
    {
        public ImageFormatException(ImageErrorKind kind, ImagePlace place, string problem, string? offendingText, string? expected)
            : base(Compose(place, problem, offendingText, expected))
        {
            Kind = kind;
            Place = place;
            Problem = problem;
            OffendingText = offendingText;
            Expected = expected;
        }

        public ImageErrorKind Kind { get; }

        public ImagePlace Place { get; }

        /// <summary>Full path of the file, when read from one.</summary>
        public string? File => Place.File;

        public long? Line => Place.Line;

        public int? Column => Place.Column;

        /// <summary>Byte offset in the file, for binary formats.</summary>
        public long? Offset => Place.Offset;

        /// <summary>What is wrong, in words, without the place.</summary>
        public string Problem { get; }

        /// <summary>The text (or, for binary formats, the value) found at the place.</summary>
        public string? OffendingText { get; }

        /// <summary>What the format requires there.</summary>
        public string? Expected { get; }

        private static string Compose(ImagePlace place, string problem, string? offendingText, string? expected)
        {
            var message = $"{place}: {problem}.";
            if (offendingText != null) message += $" Found '{offendingText}'";
            if (expected != null) message += offendingText != null ? $"; expected {expected}." : $" Expected {expected}.";
            else if (offendingText != null) message += ".";
            return message;
        }
    }
}
