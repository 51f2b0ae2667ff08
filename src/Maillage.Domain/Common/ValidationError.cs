namespace Maillage.Domain.Common;

/// <summary>One invalid input: the field's name and a stable code that resource files translate.</summary>
/// <param name="Arguments">Values the message needs (a maximum length, a range...).</param>
public sealed record ValidationError(string Field, string Code, params object[] Arguments);

/// <summary>Collects validation errors so that every problem of an input is reported at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public IReadOnlyList<ValidationError> Items => _errors;

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string code, params object[] arguments) => _errors.Add(new ValidationError(field, code, arguments));

    public void AddRange(IEnumerable<ValidationError> errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var e in errors)
        {
            _errors.Add(e with { Field = prefix + e.Field });
        }
    }

    public void Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, ValidationCodes.Required);
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, ValidationCodes.TooLong, max);
        }
    }

    public void Length(string field, string? value, int min, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, ValidationCodes.Required);
            }

            return;
        }

        var length = value.Trim().Length;
        if (length < min)
        {
            Add(field, ValidationCodes.TooShort, min);
        }
        else if (length > max)
        {
            Add(field, ValidationCodes.TooLong, max);
        }
    }
}

public static class ValidationCodes
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string TooShort = "TooShort";
    public const string InvalidEmail = "InvalidEmail";
    public const string InvalidUrl = "InvalidUrl";
    public const string InvalidPhone = "InvalidPhone";
    public const string InvalidUid = "InvalidUid";
    public const string InvalidPostalCode = "InvalidPostalCode";
    public const string InvalidCanton = "InvalidCanton";
    public const string InvalidChoice = "InvalidChoice";
    public const string InvalidSector = "InvalidSector";
    public const string OutOfRange = "OutOfRange";
    public const string InvalidCoordinates = "InvalidCoordinates";
    public const string DuplicateOrganisation = "DuplicateOrganisation";
    public const string DuplicateUid = "DuplicateUid";
    public const string DuplicateInFile = "DuplicateInFile";
    public const string UnknownOrganisation = "UnknownOrganisation";
    public const string InvalidDate = "InvalidDate";
}
