using Maillage.Domain.Chambers;
using Maillage.Web.Data;
using Maillage.Web.Features.Procurement;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Web.Features.Newsletter.Sources;

/// <summary>Consortia still forming on tenders whose deadline is ahead: members looking for partners.</summary>
public static class PartnerSearchSource
{
    public static async Task<IEnumerable<NewsletterItem>> ProposeAsync(MaillageDbContext db, Chamber chamber, DateTime from, DateTime to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chamber);
        var rows = await (
            from c in db.Set<Consortium>().AsNoTracking()
            join n in db.Set<TenderNotice>().AsNoTracking() on c.NoticeId equals n.Id
            join o in db.Organisations.AsNoTracking() on c.LeadOrganisationId equals o.Id
            where c.ChamberId == chamber.Id && c.State == ConsortiumState.Forming && n.TenderDeadline != null && n.TenderDeadline > to
            orderby n.TenderDeadline
            select new { c.Id, n.Title, NoticeId = n.Id, Deadline = n.TenderDeadline!.Value, Lead = o.Profile.Name }).Take(10).ToListAsync(ct);
        return rows.Select(r => new NewsletterItem
        {
            Kind = NewsletterItemKind.Tender,
            SourceId = r.Id,
            Title = r.Title.Length > NewsletterItem.TitleMax ? r.Title[..(NewsletterItem.TitleMax - 1)] + "…" : r.Title,
            Text = NewsletterText.Shorten($"{r.Lead} · {Infrastructure.Display.Date(r.Deadline)}"),
            Link = $"/{chamber.Slug}/marches/{r.NoticeId}",
        });
    }
}
