using System;
using Stm32Flash.Devices.Definitions;

namespace Stm32Flash.OptionBytes
{
    public enum OptionByteError
    {
        /// <summary>The catalog has no field map for the product.</summary>
        NoFieldMap,
        /// <summary>No field of that name.</summary>
        UnknownField,
        /// <summary>A value the field cannot take.</summary>
        ValueRefused,
        /// <summary>The chip sets the field itself.</summary>
        ReadOnlyField,
        /// <summary>The change brings a risk the caller did not accept.</summary>
        Risk,
        /// <summary>Read back, the option bytes are not what was written.</summary>
        NotApplied,
    }

    /// <summary>A change of option bytes that was refused before anything was written, or that the chip did not take.</summary>
    public sealed class OptionByteException : Exception
    {
        public OptionByteException(OptionByteError error, string message, string? field = null, OptionRisk? risk = null, string? likelyCause = null)
            : base(message)
        {
            Error = error;
            Field = field;
            Risk = risk;
            LikelyCause = likelyCause;
        }

        public OptionByteError Error { get; }

        /// <summary>The field at fault, where one is.</summary>
        public string? Field { get; }

        /// <summary>For <see cref="OptionByteError.Risk"/>: which risk.</summary>
        public OptionRisk? Risk { get; }

        public string? LikelyCause { get; }
    }
}
