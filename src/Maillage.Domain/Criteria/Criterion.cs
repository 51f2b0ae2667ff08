using Maillage.Domain.Common;

namespace Maillage.Domain.Criteria;

/// <summary>How far an organisation meets a criterion, as it says itself.</summary>
public enum CriterionLevel
{
    NotYet = 0,
    Planned = 1,
    Partly = 2,
    Fully = 3,
}

/// <summary>
/// One ESS charter criterion. The network's base set has no chamber; a chamber's catalogue holds its own copies
/// (adopted or adapted from a base criterion, keeping the link) and the criteria it adds.
/// </summary>
public sealed class Criterion
{
    private Criterion()
    {
    }

    public Criterion(Guid? chamberId, string code, string title, string guidance, CriterionLevel expectedLevel, int weight, bool isMandatory, int position)
    {
        Id = Guid.NewGuid();
        ChamberId = chamberId;
        Code = code;
        Edit(title, guidance, expectedLevel, weight, isMandatory, position);
    }

    public Guid Id { get; private set; }

    /// <summary>Null for the network's shared base set.</summary>
    public Guid? ChamberId { get; private set; }

    /// <summary>The base criterion this one was adopted from, so cantons can compare harmonised criteria.</summary>
    public Guid? BaseCriterionId { get; private set; }

    /// <summary>Stable identifier within a catalogue ("social-purpose").</summary>
    public string Code { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    /// <summary>What the chamber expects, shown to applicants and beside their answers in the review.</summary>
    public string Guidance { get; private set; } = string.Empty;

    public CriterionLevel ExpectedLevel { get; private set; }

    /// <summary>Relative weight in the score, 1 to 5.</summary>
    public int Weight { get; private set; }

    /// <summary>A mandatory criterion must reach its expected level for the assessment to pass.</summary>
    public bool IsMandatory { get; private set; }

    public int Position { get; private set; }

    public bool IsActive { get; private set; } = true;

    public Criterion AdoptFor(Guid chamberId)
    {
        if (ChamberId is not null)
        {
            throw new DomainException("OnlyBaseCriteriaCanBeAdopted");
        }

        var copy = new Criterion(chamberId, Code, Title, Guidance, ExpectedLevel, Weight, IsMandatory, Position) { BaseCriterionId = Id };
        return copy;
    }

    public void Edit(string title, string guidance, CriterionLevel expectedLevel, int weight, bool isMandatory, int position)
    {
        var errors = Validate(title, guidance, expectedLevel, weight);
        if (errors.Count > 0)
        {
            throw new DomainException(errors[0].Code, errors[0].Field);
        }

        Title = title.Trim();
        Guidance = guidance.Trim();
        ExpectedLevel = expectedLevel;
        Weight = weight;
        IsMandatory = isMandatory;
        Position = position;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    public static IReadOnlyList<ValidationError> Validate(string? title, string? guidance, CriterionLevel expectedLevel, int weight)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), title, 3, 120);
        errors.Length(nameof(Guidance), guidance, 10, 1000);
        if (expectedLevel is < CriterionLevel.Planned or > CriterionLevel.Fully)
        {
            errors.Add(nameof(ExpectedLevel), ValidationCodes.OutOfRange, 1, 3);
        }

        if (weight is < 1 or > 5)
        {
            errors.Add(nameof(Weight), ValidationCodes.OutOfRange, 1, 5);
        }

        return errors.Items;
    }
}
