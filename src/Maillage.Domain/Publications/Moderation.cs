using Maillage.Domain.Common;

namespace Maillage.Domain.Publications;

/// <summary>Where a member's contribution stands; only <see cref="Published"/> is shown to the public.</summary>
public enum ModerationState
{
    /// <summary>Waiting for the chamber's staff.</summary>
    Submitted,

    /// <summary>Staff asked the author to change something (the message says what); the author edits and resubmits.</summary>
    ChangesRequested,

    Published,

    /// <summary>Refused with a reason, or taken down after publication: final.</summary>
    Refused,
}

public enum ModerationAction
{
    Publish,
    RequestChanges,
    Refuse,

    /// <summary>The author sends the text again (after changes were asked, or to correct it before review).</summary>
    Resubmit,
}

/// <summary>The moderation state machine of member news and practice sheets, stated once.</summary>
public static class Moderation
{
    public const int MessageMax = 1000;

    /// <summary>The state after <paramref name="action"/>, or null when the action is not allowed from <paramref name="from"/>.</summary>
    public static ModerationState? After(ModerationState from, ModerationAction action) => (from, action) switch
    {
        (ModerationState.Submitted, ModerationAction.Publish) => ModerationState.Published,
        (ModerationState.Submitted, ModerationAction.RequestChanges) => ModerationState.ChangesRequested,
        (ModerationState.Submitted, ModerationAction.Refuse) => ModerationState.Refused,
        (ModerationState.Submitted, ModerationAction.Resubmit) => ModerationState.Submitted,
        (ModerationState.ChangesRequested, ModerationAction.Resubmit) => ModerationState.Submitted,
        (ModerationState.ChangesRequested, ModerationAction.Refuse) => ModerationState.Refused,

        // A published text can be sent back to its author or taken down; it leaves the site at once.
        (ModerationState.Published, ModerationAction.RequestChanges) => ModerationState.ChangesRequested,
        (ModerationState.Published, ModerationAction.Refuse) => ModerationState.Refused,
        _ => null,
    };

    /// <summary>Whether the author may still edit the text (before publication, and while changes are asked).</summary>
    public static bool AuthorCanEdit(ModerationState state) => state is ModerationState.Submitted or ModerationState.ChangesRequested;

    /// <summary>
    /// A staff decision on a news item or a practice sheet: the new state (see <see cref="Apply"/>), the message kept
    /// for the author (none once published) and the first publication, which a later correction keeps.
    /// </summary>
    public static (ModerationState State, string? Message, DateTime? PublishedAt) Decide(ModerationState from, ModerationAction action, string? message, DateTime? publishedAt, DateTime now)
    {
        var state = Apply(from, action, message);
        return (state, action == ModerationAction.Publish ? null : message?.Trim(), state == ModerationState.Published ? publishedAt ?? now : publishedAt);
    }

    /// <summary>The new state; throws "ModerationNotAllowed" on a forbidden move and "MessageRequired" when asking or refusing without a reason.</summary>
    public static ModerationState Apply(ModerationState from, ModerationAction action, string? message)
    {
        var next = After(from, action) ?? throw new DomainException("ModerationNotAllowed");
        if (action is ModerationAction.RequestChanges or ModerationAction.Refuse)
        {
            if (string.IsNullOrWhiteSpace(message))
            {
                throw new DomainException(ValidationCodes.Required, "Message");
            }

            if (message.Trim().Length > MessageMax)
            {
                throw new DomainException(ValidationCodes.TooLong, "Message");
            }
        }

        return next;
    }
}
