using Maillage.Domain.Common;
using Maillage.Domain.Sectors;

namespace Maillage.Domain.Publications;

public enum PracticeKind
{
    /// <summary>A good practice of a member or of the chamber.</summary>
    Practice,

    /// <summary>A position paper of the chamber (staff only), usually with its PDF.</summary>
    PositionPaper,
}

/// <summary>The themes a practice sheet is tagged with (fixed list, shared by every chamber so filters mean the same).</summary>
public static class PracticeThemes
{
    public sealed record Theme(string Code, string Label, string LabelEn);

    public static readonly IReadOnlyList<Theme> All =
    [
        new("gouvernance", "Gouvernance partagée", "Shared governance"),
        new("emploi", "Emploi & insertion", "Employment & inclusion"),
        new("transition", "Transition écologique", "Ecological transition"),
        new("achats", "Achats responsables", "Responsible purchasing"),
        new("cooperation", "Coopération entre acteurs", "Cooperation between organisations"),
        new("financement", "Financement", "Funding"),
        new("numerique", "Numérique", "Digital"),
        new("egalite", "Égalité & diversité", "Equality & diversity"),
        new("territoire", "Ancrage local", "Local roots"),
        new("politiques", "Politiques publiques", "Public policy"),
    ];

    public static Theme? Find(string? code) => All.FirstOrDefault(t => t.Code == code);
}

/// <summary>What the author typed for a practice sheet (plain text; paragraphs separated by blank lines).</summary>
public sealed record PracticeDraft(
    string? Title,
    string? Problem,
    string? Actions,
    string? Results,
    string? Contact,
    IReadOnlyList<string> Themes,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<Guid> Organisations,
    Guid? EventId,
    string? Link = null,
    string? ImageAlt = null)
{
    public IReadOnlyList<ValidationError> Validate(PracticeKind kind, bool hasImage)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 5, PracticeSheet.TitleMax);
        if (kind == PracticeKind.Practice)
        {
            errors.Length(nameof(Problem), Problem, 20, PracticeSheet.SectionMax);
            errors.Length(nameof(Actions), Actions, 20, PracticeSheet.SectionMax);
            errors.Length(nameof(Results), Results, 0, PracticeSheet.SectionMax, required: false);
        }
        else
        {
            // A position paper's summary goes in "Problem"; the paper itself is the PDF.
            errors.Length(nameof(Problem), Problem, 20, PracticeSheet.SectionMax);
            errors.Length(nameof(Actions), Actions, 0, PracticeSheet.SectionMax, required: false);
            errors.Length(nameof(Results), Results, 0, PracticeSheet.SectionMax, required: false);
        }

        errors.Length(nameof(Contact), Contact, 0, PracticeSheet.ContactMax, required: false);
        if (Themes is null || Themes.Count == 0)
        {
            errors.Add(nameof(Themes), ValidationCodes.Required);
        }
        else if (Themes.Any(t => PracticeThemes.Find(t) is null))
        {
            errors.Add(nameof(Themes), ValidationCodes.InvalidChoice);
        }

        if (Sectors is not null && Sectors.Any(s => SectorCatalogue.FindEss(s) is null))
        {
            errors.Add(nameof(Sectors), ValidationCodes.InvalidSector);
        }

        if (Organisations is not null && Organisations.Count > PracticeSheet.MaxOrganisations)
        {
            errors.Add(nameof(Organisations), ValidationCodes.OutOfRange, 0, PracticeSheet.MaxOrganisations);
        }

        PublicationRules.CheckLink(errors, nameof(Link), Link);
        if (hasImage)
        {
            errors.Length(nameof(ImageAlt), ImageAlt, 3, PublicationRules.ImageAltMax);
        }

        return errors.Items;
    }
}

/// <summary>
/// A sheet of the good-practice library: a problem, what was done, the results and whom to ask, tagged by theme and
/// ESS sector, linked to the organisations involved and the event where it was presented. Members' sheets are
/// moderated like news; staff's sheets and the chamber's position papers are published at once.
/// </summary>
public sealed class PracticeSheet
{
    public const int TitleMax = 160;
    public const int SectionMax = 6000;
    public const int ContactMax = 300;
    public const int MaxOrganisations = 10;

    private PracticeSheet()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    public PracticeKind Kind { get; private set; }

    /// <summary>The member that wrote it; null for the chamber's own sheets and papers.</summary>
    public Guid? AuthorOrganisationId { get; private set; }

    public Guid AuthorUserId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Problem { get; private set; } = string.Empty;

    public string Actions { get; private set; } = string.Empty;

    public string Results { get; private set; } = string.Empty;

    public string Contact { get; private set; } = string.Empty;

    /// <summary>Theme codes separated by spaces (see <see cref="PracticeThemes"/>).</summary>
    public string Themes { get; private set; } = string.Empty;

    /// <summary>ESS sector codes separated by spaces.</summary>
    public string Sectors { get; private set; } = string.Empty;

    /// <summary>Ids of the organisations involved, separated by spaces (the page shows those of the same chamber).</summary>
    public string Organisations { get; private set; } = string.Empty;

    public Guid? EventId { get; private set; }

    public string? Link { get; private set; }

    public Guid? ImageId { get; private set; }

    public string? ImageAlt { get; private set; }

    /// <summary>The position paper's PDF.</summary>
    public Guid? DocumentId { get; private set; }

    public ModerationState State { get; private set; }

    public string? ModerationMessage { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public DateTime? PublishedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<string> ThemeList => Split(Themes);

    public IReadOnlyList<string> SectorList => Split(Sectors);

    public IReadOnlyList<Guid> OrganisationList => Split(Organisations).Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();

    public bool IsPublic => State == ModerationState.Published;

    /// <summary>A member's sheet, waiting for moderation.</summary>
    public static (PracticeSheet? Sheet, IReadOnlyList<ValidationError> Errors) Submit(Guid chamberId, Guid organisationId, Guid authorUserId, PracticeDraft draft, Guid? imageId, DateTime now) =>
        Create(chamberId, PracticeKind.Practice, organisationId, authorUserId, draft, imageId, null, ModerationState.Submitted, now);

    /// <summary>The chamber's own sheet or position paper, published at once (a paper needs its PDF).</summary>
    public static (PracticeSheet? Sheet, IReadOnlyList<ValidationError> Errors) PublishByChamber(Guid chamberId, PracticeKind kind, Guid authorUserId, PracticeDraft draft, Guid? imageId, Guid? documentId, DateTime now)
    {
        if (kind == PracticeKind.PositionPaper && documentId is null)
        {
            var errors = new ValidationErrors();
            errors.AddRange(draft?.Validate(kind, imageId is not null) ?? []);
            errors.Add("Document", ValidationCodes.Required);
            return (null, errors.Items);
        }

        return Create(chamberId, kind, null, authorUserId, draft!, imageId, documentId, ModerationState.Published, now);
    }

    private static (PracticeSheet?, IReadOnlyList<ValidationError>) Create(Guid chamberId, PracticeKind kind, Guid? organisationId, Guid authorUserId, PracticeDraft draft, Guid? imageId, Guid? documentId, ModerationState state, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = draft.Validate(kind, imageId is not null);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var sheet = new PracticeSheet
        {
            Id = Guid.NewGuid(),
            ChamberId = chamberId,
            Kind = kind,
            AuthorOrganisationId = organisationId,
            AuthorUserId = authorUserId,
            State = state,
            CreatedAt = now,
            PublishedAt = state == ModerationState.Published ? now : null,
            DocumentId = documentId,
        };
        sheet.Apply(draft, imageId, now);
        return (sheet, []);
    }

    /// <summary>
    /// A correction. A member's sheet goes back to the staff's queue; the chamber's own sheets stay published.
    /// <paramref name="imageId"/> null keeps the image unless <paramref name="removeImage"/>; same for the document.
    /// </summary>
    public IReadOnlyList<ValidationError> Edit(PracticeDraft draft, Guid? imageId, bool removeImage, Guid? documentId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var byChamber = AuthorOrganisationId is null;
        if (!byChamber && !Moderation.AuthorCanEdit(State))
        {
            throw new DomainException("ModerationNotAllowed");
        }

        var image = imageId ?? (removeImage ? null : ImageId);
        var errors = draft.Validate(Kind, image is not null);
        if (errors.Count > 0)
        {
            return errors;
        }

        if (!byChamber)
        {
            State = Moderation.Apply(State, ModerationAction.Resubmit, null);
        }

        DocumentId = documentId ?? DocumentId;
        Apply(draft, image, now);
        return [];
    }

    public void Moderate(ModerationAction action, string? message, DateTime now)
    {
        (State, ModerationMessage, PublishedAt) = Moderation.Decide(State, action, message, PublishedAt, now);
        UpdatedAt = now;
    }

    private void Apply(PracticeDraft draft, Guid? imageId, DateTime now)
    {
        Title = draft.Title!.Trim();
        Problem = (draft.Problem ?? string.Empty).Trim();
        Actions = (draft.Actions ?? string.Empty).Trim();
        Results = (draft.Results ?? string.Empty).Trim();
        Contact = (draft.Contact ?? string.Empty).Trim();
        Themes = string.Join(' ', (draft.Themes ?? []).Distinct(StringComparer.Ordinal));
        Sectors = string.Join(' ', (draft.Sectors ?? []).Distinct(StringComparer.Ordinal));
        Organisations = string.Join(' ', (draft.Organisations ?? []).Distinct());
        EventId = draft.EventId;
        Link = string.IsNullOrWhiteSpace(draft.Link) ? null : draft.Link.Trim();
        ImageId = imageId;
        ImageAlt = imageId is null ? null : draft.ImageAlt?.Trim();
        SubmittedAt = now;
        UpdatedAt = now;
    }

    private static List<string> Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
