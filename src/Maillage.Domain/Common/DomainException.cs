namespace Maillage.Domain.Common;

/// <summary>
/// A rule of the domain was broken. <see cref="Code"/> is stable (the web layer turns it into a localised message
/// and the API into a problem type); <see cref="Field"/> names the input at fault, when there is one.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string? field = null)
        : base(field is null ? code : $"{code} ({field})")
    {
        Code = code;
        Field = field;
    }

    public DomainException()
        : this("DomainError")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "DomainError";
    }

    public string Code { get; } = "DomainError";

    public string? Field { get; }
}
