using System.Globalization;
using System.Text;
using Maillage.Domain.Chambers;
using Maillage.Domain.Communication;
using Maillage.Domain.Offers;
using Maillage.Domain.Organisations;
using Maillage.Web.Data;
using Maillage.Web.Features.Email;
using Maillage.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Web.Features.Newsletter;

/// <summary>Composes a newsletter from the period's content, renders it, and queues one copy per person.</summary>
public sealed class NewsletterDesk(MaillageDbContext db, EmailOutbox outbox, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Markup characters encoded, accented letters kept as they are (readable in the source and the archive).</summary>
    private static readonly System.Text.Encodings.Web.HtmlEncoder Html = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    /// <summary>The chambers publish every two months: a first issue looks that far back.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(61);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A draft proposing what happened since the last issue: new members and new offers (news once published).</summary>
    public async Task<NewsletterIssue> DraftAsync(Chamber chamber, NewsletterAudience audience, CancellationToken ct)
    {
        var lastSent = await db.Set<NewsletterIssue>().Where(n => n.ChamberId == chamber.Id && n.State != NewsletterState.Draft && n.Audience == NewsletterAudience.Subscribers)
            .MaxAsync(n => (DateTime?)n.SendAt, ct);
        var from = lastSent ?? Now - DefaultPeriod;
        var issue = new NewsletterIssue
        {
            ChamberId = chamber.Id,
            Audience = audience,
            State = NewsletterState.Draft,
            PeriodFrom = from,
            PeriodTo = Now,
            CreatedAt = Now,
            Subject = string.Format(CultureInfo.CurrentCulture, localizer[audience == NewsletterAudience.Subscribers ? "Newsletter.DefaultSubject" : "Newsletter.DefaultStatutorySubject"], chamber.ShortName, Display.Date(Now)),
        };
        if (audience == NewsletterAudience.Subscribers)
        {
            var items = new List<NewsletterItem>();
            foreach (var proposal in NewsletterProposals.All)
            {
                items.AddRange(await proposal(db, chamber, from, Now, ct));
            }

            var position = 1;
            foreach (var item in items)
            {
                item.NewsletterId = issue.Id;
                item.Position = position++;
            }

            issue.Items = items;
        }

        db.Add(issue);
        await db.SaveChangesAsync(ct);
        return issue;
    }

    public Task<NewsletterIssue?> FindAsync(Chamber chamber, Guid id, CancellationToken ct) =>
        db.Set<NewsletterIssue>().Include(n => n.Items).SingleOrDefaultAsync(n => n.ChamberId == chamber.Id && n.Id == id, ct);

    /// <summary>The people this issue goes to, one per address: the key is the lower-case address.</summary>
    public async Task<IReadOnlyDictionary<string, Subscriber>> RecipientsAsync(Chamber chamber, NewsletterAudience audience, CancellationToken ct)
    {
        var subscribers = await db.Set<Subscriber>().Where(s => s.ChamberId == chamber.Id).ToListAsync(ct);
        var byKey = subscribers.ToDictionary(s => s.EmailKey);
        var memberEmails = await (
            from m in db.OrganisationMembers
            join o in db.Organisations on m.OrganisationId equals o.Id
            join u in db.Users on m.UserId equals u.Id
            where o.ChamberId == chamber.Id && o.State == OrganisationState.Active && u.EmailConfirmed && u.Email != null
            select u.Email!).ToListAsync(ct);
        var recipients = new Dictionary<string, Subscriber>();
        foreach (var email in memberEmails)
        {
            var key = SubscriberAddress.Key(email);
            if (!byKey.TryGetValue(key, out var subscriber))
            {
                // Members' people receive the chamber's newsletter until they say otherwise; the row carries their links.
                subscriber = new Subscriber { ChamberId = chamber.Id, Email = SubscriberAddress.Normalize(email), EmailKey = key, State = SubscriberState.Confirmed, ConfirmedAt = Now, CreatedAt = Now };
                db.Add(subscriber);
                byKey[key] = subscriber;
            }

            if (audience == NewsletterAudience.MembersStatutory ? subscriber.BouncedAt is null : subscriber.ReceivesNewsletter)
            {
                recipients.TryAdd(key, subscriber);
            }
        }

        if (audience == NewsletterAudience.Subscribers)
        {
            foreach (var subscriber in subscribers.Where(s => s.ReceivesNewsletter))
            {
                recipients.TryAdd(subscriber.EmailKey, subscriber);
            }
        }

        return recipients;
    }

    /// <summary>Queues the issue for everyone now or at <paramref name="at"/>; the outbox holds each copy until then.</summary>
    public async Task<int> SendAsync(Chamber chamber, NewsletterIssue issue, DateTime? at, CancellationToken ct)
    {
        if (issue.State != NewsletterState.Draft)
        {
            throw new InvalidOperationException("Only a draft is sent.");
        }

        var recipients = await RecipientsAsync(chamber, issue.Audience, ct);
        var sendAt = at is { } scheduled && scheduled > Now ? scheduled : Now;
        foreach (var subscriber in recipients.Values)
        {
            var (text, html) = Render(chamber, issue, subscriber.Token);
            if (issue.Audience == NewsletterAudience.MembersStatutory)
            {
                outbox.Queue(chamber.Id, subscriber.Email, issue.Subject, text, NewsletterKinds.Statutory, html);
                db.Outbox.Local.Last().NextAttemptAt = sendAt > Now ? sendAt : null;
            }
            else
            {
                outbox.QueueBulk(chamber.Id, subscriber.Email, issue.Subject, text, html, NewsletterKinds.Issue, outbox.Link($"/{chamber.Slug}/lettre/desabonnement/{subscriber.Token}"), sendAt > Now ? sendAt : null);
            }
        }

        issue.State = sendAt > Now ? NewsletterState.Scheduled : NewsletterState.Sent;
        issue.SendAt = sendAt;
        issue.RecipientCount = recipients.Count;
        await db.SaveChangesAsync(ct);
        return recipients.Count;
    }

    /// <summary>A test copy to one address (staff look at it in their own mailbox), marked as such in its subject.</summary>
    public async Task SendTestAsync(Chamber chamber, NewsletterIssue issue, string email, CancellationToken ct)
    {
        var (text, html) = Render(chamber, issue, null);
        outbox.Queue(chamber.Id, email, "[TEST] " + issue.Subject, text, "newsletter-test", html);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The email's plain text and HTML; with a subscriber token, the links to their preferences and to leave.</summary>
    public (string Text, string Html) Render(Chamber chamber, NewsletterIssue issue, string? token)
    {
        ArgumentNullException.ThrowIfNull(chamber);
        ArgumentNullException.ThrowIfNull(issue);
        var items = issue.Items.Where(i => i.Included).OrderBy(i => i.Position).ToList();
        var text = new StringBuilder();
        var html = new StringBuilder();
        static string E(string s) => Html.Encode(s);
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(E(issue.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;background:#f4f6f3;font-family:Arial,Helvetica,sans-serif;color:#1d2b1f\">")
            .Append("<div style=\"max-width:640px;margin:0 auto;background:#ffffff;padding:24px\">")
            .Append("<p style=\"color:#2f6b3b;font-weight:bold;margin:0 0 8px\">").Append(E(chamber.Name)).Append("</p>")
            .Append("<h1 style=\"font-size:22px;margin:0 0 16px\">").Append(E(issue.Subject)).Append("</h1>");
        text.Append(chamber.Name).Append("\n\n").Append(issue.Subject).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(issue.Intro))
        {
            text.Append(issue.Intro.Trim()).Append("\n\n");
            foreach (var paragraph in issue.Intro.Trim().Split("\n\n"))
            {
                html.Append("<p>").Append(E(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
            }
        }

        foreach (var group in items.GroupBy(i => i.Kind))
        {
            var heading = localizer[$"Newsletter.Section.{group.Key}"];
            text.Append("== ").Append(heading).Append(" ==\n\n");
            html.Append("<h2 style=\"font-size:18px;border-bottom:2px solid #2f6b3b;padding-bottom:4px\">").Append(E(heading)).Append("</h2>");
            foreach (var item in group)
            {
                var link = item.Link is null ? null : item.Link.StartsWith('/') ? outbox.Link(item.Link) : item.Link;
                text.Append("* ").Append(item.Title).Append('\n');
                if (!string.IsNullOrWhiteSpace(item.Text))
                {
                    text.Append("  ").Append(item.Text.Trim()).Append('\n');
                }

                if (link is not null)
                {
                    text.Append("  ").Append(link).Append('\n');
                }

                text.Append('\n');
                html.Append("<h3 style=\"font-size:16px;margin:16px 0 4px\">");
                if (link is not null && (link.StartsWith("https://", StringComparison.Ordinal) || link.StartsWith("http://", StringComparison.Ordinal)))
                {
                    html.Append("<a style=\"color:#2f6b3b\" href=\"").Append(E(link)).Append("\">").Append(E(item.Title)).Append("</a>");
                }
                else
                {
                    html.Append(E(item.Title));
                }

                html.Append("</h3>");
                if (!string.IsNullOrWhiteSpace(item.Text))
                {
                    html.Append("<p style=\"margin:0 0 8px\">").Append(E(item.Text.Trim())).Append("</p>");
                }
            }
        }

        html.Append("<hr style=\"border:0;border-top:1px solid #d5dcd3;margin:24px 0\"><p style=\"font-size:12px;color:#5b6b5d\">");
        text.Append("--\n");
        if (issue.Audience == NewsletterAudience.MembersStatutory)
        {
            text.Append(localizer["Newsletter.StatutoryFooter"]).Append('\n');
            html.Append(E(localizer["Newsletter.StatutoryFooter"]));
        }
        else if (token is not null)
        {
            var preferences = outbox.Link($"/{chamber.Slug}/lettre/preferences/{token}");
            var leave = outbox.Link($"/{chamber.Slug}/lettre/desabonnement/{token}");
            text.Append(localizer["Newsletter.FooterPreferences"]).Append(' ').Append(preferences).Append('\n')
                .Append(localizer["Newsletter.FooterLeave"]).Append(' ').Append(leave).Append('\n');
            html.Append("<a href=\"").Append(E(preferences)).Append("\">").Append(E(localizer["Newsletter.FooterPreferences"])).Append("</a> · ")
                .Append("<a href=\"").Append(E(leave)).Append("\">").Append(E(localizer["Newsletter.FooterLeave"])).Append("</a>");
        }

        html.Append("</p></div></body></html>");
        return (text.ToString(), html.ToString());
    }
}

/// <summary>Where a newsletter's proposed items come from; other modules add theirs to <see cref="All"/> with one line.</summary>
public static class NewsletterProposals
{
    public delegate Task<IEnumerable<NewsletterItem>> Source(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct);

    public static readonly List<Source> All = [Sources.PublishedNewsSource.ProposeAsync, Sources.ComingEventsSource.ProposeAsync, NewMembersAsync, NewOffersAsync, Sources.PartnerSearchSource.ProposeAsync, Sources.NewPracticesSource.ProposeAsync];

    private static async Task<IEnumerable<NewsletterItem>> NewMembersAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        var members = await db.Organisations.AsNoTracking()
            .Where(o => o.ChamberId == chamber.Id && o.State == OrganisationState.Active && o.CreatedAt >= from && o.CreatedAt <= to)
            .OrderByDescending(o => o.CreatedAt).Take(20).ToListAsync(ct);
        return members.Select(o => new NewsletterItem { Kind = NewsletterItemKind.NewMember, SourceId = o.Id, Title = o.Profile.Name, Text = o.Profile.ShortDescription, Link = $"/{chamber.Slug}/membres/{o.Slug}" });
    }

    private static async Task<IEnumerable<NewsletterItem>> NewOffersAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        var offers = await db.Set<Offer>().AsNoTracking()
            .Where(o => o.ChamberId == chamber.Id && o.State == OfferState.Published && o.HiddenReason == null && o.CreatedAt >= from && o.CreatedAt <= to)
            .OrderByDescending(o => o.CreatedAt).Take(10).ToListAsync(ct);
        return offers.Select(o => new NewsletterItem
        {
            Kind = NewsletterItemKind.Offer,
            SourceId = o.Id,
            Title = o.Details.Title,
            Text = o.Details.Description.Length > 240 ? o.Details.Description[..240].TrimEnd() + "…" : o.Details.Description,
            Link = $"/{chamber.Slug}/offres/{o.Id}",
        });
    }
}
