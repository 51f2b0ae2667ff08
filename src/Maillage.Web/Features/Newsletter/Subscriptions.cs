using Maillage.Domain.Chambers;
using Maillage.Domain.Communication;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Newsletter;

/// <summary>Sign-up with double opt-in, confirmation, preferences, unsubscribe, bounces.</summary>
public sealed class Subscriptions(MaillageDbContext db, EmailOutbox outbox, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Records the sign-up and sends the confirmation link. The answer is the same whether the address was new, pending or
    /// already confirmed, so the form tells nobody who is on the list.
    /// </summary>
    public async Task<AddressProblem> SignUpAsync(Chamber chamber, string email, bool events, bool tenders, CancellationToken ct)
    {
        var problem = SubscriberAddress.Check(email);
        if (problem != AddressProblem.None)
        {
            return problem;
        }

        var address = SubscriberAddress.Normalize(email);
        var key = SubscriberAddress.Key(address);
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.ChamberId == chamber.Id && s.EmailKey == key, ct);
        if (subscriber is { State: SubscriberState.Confirmed, WantsNewsletter: true })
        {
            return AddressProblem.None;
        }

        if (subscriber is null)
        {
            subscriber = new Subscriber { ChamberId = chamber.Id, Email = address, EmailKey = key, CreatedAt = Now, State = SubscriberState.Pending };
            db.Add(subscriber);
        }

        subscriber.WantsEvents = events;
        subscriber.WantsTenders = tenders;
        subscriber.ConfirmToken = Subscriber.NewToken();
        var link = outbox.Link($"/{chamber.Slug}/lettre/confirmer/{subscriber.ConfirmToken}");
        outbox.Queue(chamber.Id, address, string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Newsletter.ConfirmSubject"], chamber.ShortName),
            string.Format(System.Globalization.CultureInfo.CurrentCulture, localizer["Newsletter.ConfirmBody"], chamber.Name, link), NewsletterKinds.Confirm);
        await db.SaveChangesAsync(ct);
        return AddressProblem.None;
    }

    public Task<Subscriber?> ByConfirmTokenAsync(Chamber chamber, string token, CancellationToken ct) =>
        db.Set<Subscriber>().SingleOrDefaultAsync(s => s.ChamberId == chamber.Id && s.ConfirmToken == token, ct);

    public Task<Subscriber?> ByTokenAsync(Chamber chamber, string token, CancellationToken ct) =>
        db.Set<Subscriber>().SingleOrDefaultAsync(s => s.ChamberId == chamber.Id && s.Token == token, ct);

    public async Task ConfirmAsync(Subscriber subscriber, CancellationToken ct)
    {
        subscriber.State = SubscriberState.Confirmed;
        subscriber.WantsNewsletter = true;
        subscriber.ConfirmedAt = Now;
        subscriber.ConfirmToken = null;
        subscriber.UnsubscribedAt = null;
        subscriber.BouncedAt = null;
        await db.SaveChangesAsync(ct);
    }

    public async Task SavePreferencesAsync(Subscriber subscriber, bool newsletter, bool events, bool tenders, CancellationToken ct)
    {
        subscriber.WantsNewsletter = newsletter;
        subscriber.WantsEvents = events;
        subscriber.WantsTenders = tenders;
        if (!newsletter && !events && !tenders)
        {
            await UnsubscribeAsync(subscriber, ct);
            return;
        }

        if (subscriber.State == SubscriberState.Unsubscribed)
        {
            subscriber.State = SubscriberState.Confirmed;
            subscriber.UnsubscribedAt = null;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Leaves every optional list at once, and drops bulk mail queued for the address that has not left yet.</summary>
    public async Task UnsubscribeAsync(Subscriber subscriber, CancellationToken ct)
    {
        subscriber.State = SubscriberState.Unsubscribed;
        subscriber.WantsNewsletter = false;
        subscriber.WantsEvents = false;
        subscriber.WantsTenders = false;
        subscriber.UnsubscribedAt ??= Now;
        await db.SaveChangesAsync(ct);
        var email = subscriber.Email;
        await db.Outbox.Where(m => m.ChamberId == subscriber.ChamberId && m.ToAddress == email && m.UnsubscribeUrl != null && m.SentAt == null && m.ClaimedBy == null)
            .ExecuteDeleteAsync(ct);
    }
}

/// <summary>A hard bounce marks the address in the chamber's lists: bulk mail stops going there.</summary>
public sealed class SubscriberBounces(TimeProvider clock) : IHardBounceHandler
{
    public async Task OnHardBounceAsync(MaillageDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (message.ChamberId is not { } chamberId)
        {
            return;
        }

        var key = SubscriberAddress.Key(message.ToAddress);
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.ChamberId == chamberId && s.EmailKey == key, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber { ChamberId = chamberId, Email = SubscriberAddress.Normalize(message.ToAddress), EmailKey = key, State = SubscriberState.Confirmed, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(subscriber);
        }

        subscriber.BouncedAt = clock.GetUtcNow().UtcDateTime;
    }
}

public static class NewsletterKinds
{
    public const string Confirm = "newsletter-confirm";
    public const string Issue = "newsletter";
    public const string Statutory = "statutory";
}
