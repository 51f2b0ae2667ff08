namespace Maillage.Domain.Clearing;

/// <summary>An obligation the solver refuses; <see cref="Index"/> is its position in the submitted list.</summary>
public sealed class InvalidObligationException : ArgumentException
{
    public InvalidObligationException()
    {
    }

    public InvalidObligationException(string message)
        : base(message)
    {
    }

    public InvalidObligationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidObligationException(int index, string reason, Exception? innerException = null)
        : base($"Obligation {index}: {reason}", "obligations", innerException)
    {
        Index = index;
        Reason = reason;
    }

    /// <summary>Position of the offending obligation in the submitted list, or -1 when not known.</summary>
    public int Index { get; } = -1;

    /// <summary>Why it was refused, without the index (for display next to the row).</summary>
    public string Reason { get; } = string.Empty;
}
