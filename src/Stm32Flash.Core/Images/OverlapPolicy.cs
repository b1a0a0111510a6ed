namespace Stm32Flash.Images
{
    /// <summary>What a reader does when two records put different bytes at the same address.</summary>
    public enum OverlapPolicy
    {
        /// <summary>Identical bytes are accepted; different bytes are an error naming both places.</summary>
        Error,

        /// <summary>The record that comes later in the file wins.</summary>
        LastWins,
    }
}
