using Maillage.Domain.Common;
using Maillage.Domain.Communication;

namespace Maillage.Domain.Publications;

/// <summary>What the author typed for a news item; the body may hold the little HTML <see cref="HtmlSanitizer"/> keeps.</summary>
public sealed record NewsDraft(string? Title, string? Body, string? Link, string? ImageAlt = null)
{
    public IReadOnlyList<ValidationError> Validate(bool hasImage)
    {
        var errors = new ValidationErrors();
        errors.Length(nameof(Title), Title, 5, NewsItem.TitleMax);
        var body = HtmlSanitizer.Sanitize(Body);
        var text = HtmlSanitizer.PlainText(body);
        if (text.Length == 0)
        {
            errors.Add(nameof(Body), ValidationCodes.Required);
        }
        else if (text.Length < 20)
        {
            errors.Add(nameof(Body), ValidationCodes.TooShort, 20);
        }
        else if (body.Length > NewsItem.BodyMax)
        {
            errors.Add(nameof(Body), ValidationCodes.TooLong, NewsItem.BodyMax);
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
/// A member's news, moderated by the chamber's staff before it shows on the chamber's site, in its feed and in the
/// newsletter's proposals. The body is stored sanitised: what is kept is exactly what is shown.
/// </summary>
public sealed class NewsItem
{
    public const int TitleMax = 160;
    public const int BodyMax = 20_000;

    private NewsItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid ChamberId { get; private set; }

    /// <summary>The member organisation it comes from.</summary>
    public Guid OrganisationId { get; private set; }

    public Guid AuthorUserId { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>Sanitised HTML (see <see cref="HtmlSanitizer"/>).</summary>
    public string BodyHtml { get; private set; } = string.Empty;

    public string? Link { get; private set; }

    public Guid? ImageId { get; private set; }

    public string? ImageAlt { get; private set; }

    public ModerationState State { get; private set; }

    /// <summary>What staff asked to change, or why they refused (shown to the author).</summary>
    public string? ModerationMessage { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    /// <summary>First publication (kept when a correction is published again: the feed's "published").</summary>
    public DateTime? PublishedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public bool IsPublic => State == ModerationState.Published;

    public static (NewsItem? Item, IReadOnlyList<ValidationError> Errors) Submit(Guid chamberId, Guid organisationId, Guid authorUserId, NewsDraft draft, Guid? imageId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = draft.Validate(imageId is not null);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var item = new NewsItem
        {
            Id = Guid.NewGuid(),
            ChamberId = chamberId,
            OrganisationId = organisationId,
            AuthorUserId = authorUserId,
            State = ModerationState.Submitted,
            CreatedAt = now,
        };
        item.Apply(draft, imageId, now);
        return (item, []);
    }

    /// <summary>The author's correction; it goes back to the staff's queue. <paramref name="imageId"/> null keeps the image unless <paramref name="removeImage"/>.</summary>
    public IReadOnlyList<ValidationError> Edit(NewsDraft draft, Guid? imageId, bool removeImage, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!Moderation.AuthorCanEdit(State))
        {
            throw new DomainException("ModerationNotAllowed");
        }

        var image = imageId ?? (removeImage ? null : ImageId);
        var errors = draft.Validate(image is not null);
        if (errors.Count > 0)
        {
            return errors;
        }

        State = Moderation.Apply(State, ModerationAction.Resubmit, null);
        Apply(draft, image, now);
        return [];
    }

    public void Moderate(ModerationAction action, string? message, DateTime now)
    {
        (State, ModerationMessage, PublishedAt) = Moderation.Decide(State, action, message, PublishedAt, now);
        UpdatedAt = now;
    }

    private void Apply(NewsDraft draft, Guid? imageId, DateTime now)
    {
        Title = draft.Title!.Trim();
        BodyHtml = HtmlSanitizer.Sanitize(draft.Body);
        Link = string.IsNullOrWhiteSpace(draft.Link) ? null : draft.Link.Trim();
        ImageId = imageId;
        ImageAlt = imageId is null ? null : draft.ImageAlt?.Trim();
        SubmittedAt = now;
        UpdatedAt = now;
    }
}

public static class PublicationRules
{
    public const int LinkMax = 500;
    public const int ImageAltMax = 200;

    /// <summary>An optional absolute http(s) address.</summary>
    public static void CheckLink(ValidationErrors errors, string field, string? link)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(link))
        {
            return;
        }

        if (link.Trim().Length > LinkMax)
        {
            errors.Add(field, ValidationCodes.TooLong, LinkMax);
        }
        else if (HtmlSanitizer.SafeUrl(link.Trim()) is not { } safe || safe.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || link.Trim().Any(char.IsWhiteSpace))
        {
            errors.Add(field, ValidationCodes.InvalidUrl);
        }
    }
}
